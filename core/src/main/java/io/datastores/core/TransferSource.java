package io.datastores.core;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.bulk.PartitionedRead;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.core.internal.BatchPipe;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The read side of a transfer: the source read as one stream, or split into partitions read at
 * once, each on its own thread, into the one pipe the writer drains. All partitions share the
 * read side's memory limit. Closing releases what the partitions share (PostgreSQL's snapshot)
 * and any stream the pipe did not take.
 */
final class TransferSource implements AutoCloseable {
    private final Datastore source;
    private final PartitionedRead partitions;
    private final List<ArrowReader> readers = new ArrayList<>();
    private boolean piped;

    private TransferSource(Datastore source, PartitionedRead partitions) {
        this.source = source;
        this.partitions = partitions;
    }

    /**
     * @param parallelism how many partitions to read at once
     * @throws IOException when a stream cannot tell its schema
     */
    static TransferSource open(Datastore source, ReadRequest read, int parallelism, BufferAllocator allocator)
            throws IOException {
        TransferSource opened = new TransferSource(source, Reads.partition(source, read, parallelism));
        try {
            for (ReadRequest partition : opened.partitions.partitions()) {
                opened.readers.add(Reads.open(source, partition, allocator));
            }
            Schema schema = opened.schema();
            for (ArrowReader reader : opened.readers) {
                if (!reader.getVectorSchemaRoot().getSchema().equals(schema)) {
                    throw DatastoreException.of(
                            ErrorCode.INTERNAL,
                            source.name(),
                            source.type(),
                            "The partitions of "
                                    + read.describe() + " disagree on its schema: " + schema + " and "
                                    + reader.getVectorSchemaRoot().getSchema());
                }
            }
            return opened;
        } catch (IOException | RuntimeException e) {
            opened.closeQuietly(e);
            throw e;
        }
    }

    /** @return the schema every partition has */
    Schema schema() throws IOException {
        return readers.get(0).getVectorSchemaRoot().getSchema();
    }

    /**
     * @return a pipe reading every partition, which from now on owns their streams
     * @throws IOException when the schema cannot be read
     */
    BatchPipe pipe(BufferAllocator writeSide, BatchPipe.BatchListener listener) throws IOException {
        piped = true;
        return new BatchPipe(readers, schema(), writeSide, listener, "datastores-transfer-read-" + source.name());
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        if (!piped) {
            for (ArrowReader reader : readers) {
                try {
                    reader.close();
                } catch (IOException | RuntimeException e) {
                    failure =
                            failure == null ? new IllegalStateException("Closing a source stream failed", e) : failure;
                }
            }
        }
        try {
            partitions.close();
        } catch (RuntimeException e) {
            if (failure != null) {
                e.addSuppressed(failure);
            }
            throw e;
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void closeQuietly(Exception failure) {
        try {
            close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
