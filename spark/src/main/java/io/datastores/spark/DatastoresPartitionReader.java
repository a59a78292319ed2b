package io.datastores.spark;

import io.datastores.api.Datastore;
import io.datastores.core.Reads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.util.ArrowUtils;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Reads one partition on an executor: the datastore's Arrow batches, each handed to Spark as a
 * {@link ColumnarBatch} over the same vectors ({@link ColumnarBatches}). Memory is one batch or two;
 * closing releases the stream, its connection and every buffer.
 */
final class DatastoresPartitionReader implements PartitionReader<ColumnarBatch> {
    private final DatastoresInputPartition partition;
    private final BufferAllocator allocator;
    private final ArrowReader reader;
    private final ColumnarBatches batches;

    DatastoresPartitionReader(DatastoresInputPartition partition) {
        this.partition = partition;
        Datastore datastore = partition.config().open().require(partition.datastore());
        this.allocator = ArrowUtils.rootAllocator()
                .newChildAllocator(
                        "datastores " + partition.datastore() + " "
                                + partition.request().describe(),
                        0,
                        Long.MAX_VALUE);
        try {
            this.reader = Reads.open(datastore, partition.request(), allocator);
        } catch (RuntimeException e) {
            allocator.close();
            throw e;
        }
        this.batches = new ColumnarBatches(allocator);
    }

    @Override
    public boolean next() throws IOException {
        return reader.loadNextBatch();
    }

    @Override
    public ColumnarBatch get() {
        VectorSchemaRoot root;
        try {
            root = reader.getVectorSchemaRoot();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<FieldVector> vectors =
                partition.columns().stream().map(root::getVector).toList();
        return batches.wrap(vectors, root.getRowCount());
    }

    @Override
    public void close() throws IOException {
        try (allocator;
                reader;
                batches) {
            // closed in reverse: converted vectors, the stream (and its connection), then the allocator
        }
    }
}
