package io.datastores.tck;

import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The kit's one way to make an {@link ArrowReader} of test rows: a schema and a function that
 * fills the next batch, so fixtures say only what their rows are; and a source that breaks, for
 * the failure tests. Provider tests use these rather than writing readers of their own.
 */
public final class TckReaders {
    /** Fills one batch. */
    @FunctionalInterface
    public interface Batches {
        /**
         * @param root the reader's batch, allocated and empty
         * @param index which batch this is, from 0
         * @return the rows filled; 0 when there are no more
         * @throws IOException when the rows cannot be made
         */
        int fill(VectorSchemaRoot root, int index) throws IOException;
    }

    private TckReaders() {}

    /**
     * @param allocator where the batches' memory comes from
     * @param schema the batches' schema
     * @param batches fills each batch in turn
     * @return a reader that owns nothing outside its batches
     */
    public static ArrowReader of(BufferAllocator allocator, Schema schema, Batches batches) {
        return new ArrowReader(allocator) {
            private int index;
            private boolean done;

            @Override
            public boolean loadNextBatch() throws IOException {
                if (done) {
                    return false;
                }
                VectorSchemaRoot root = getVectorSchemaRoot();
                root.allocateNew();
                int rows = batches.fill(root, index++);
                root.setRowCount(rows);
                done = rows == 0;
                return !done;
            }

            @Override
            public long bytesRead() {
                return 0;
            }

            @Override
            protected void closeReadSource() {
                // Only the batches' own memory, which the reader frees.
            }

            @Override
            protected Schema readSchema() {
                return schema;
            }
        };
    }

    /**
     * @param delegate a reader with at least one batch; not closed by the returned reader
     * @param allocator the allocator of the returned reader
     * @return a reader that yields the delegate's first batch, then throws
     *     {@code IllegalStateException("source broke")}
     * @throws IOException when the delegate's schema cannot be read
     */
    public static ArrowReader failingAfterFirstBatch(ArrowReader delegate, BufferAllocator allocator)
            throws IOException {
        return of(allocator, delegate.getVectorSchemaRoot().getSchema(), (root, index) -> {
            if (index == 1) {
                throw new IllegalStateException("source broke");
            }
            return delegate.loadNextBatch() ? copy(delegate.getVectorSchemaRoot(), root) : 0;
        });
    }

    /**
     * Loads a batch into a reader's root, sharing its buffers.
     *
     * @return the rows copied
     */
    static int copy(VectorSchemaRoot batch, VectorSchemaRoot root) {
        try (ArrowRecordBatch records = new VectorUnloader(batch).getRecordBatch()) {
            new VectorLoader(root).load(records);
        }
        return batch.getRowCount();
    }
}
