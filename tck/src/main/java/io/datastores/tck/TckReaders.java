package io.datastores.tck;

import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The kit's one way to make an {@link ArrowReader} of test rows: a schema and a function that
 * fills the next batch, so fixtures say only what their rows are.
 */
final class TckReaders {
    /** Fills one batch. */
    @FunctionalInterface
    interface Batches {
        /**
         * @param root the reader's batch, allocated and empty
         * @param index which batch this is, from 0
         * @return the rows filled; 0 when there are no more
         */
        int fill(VectorSchemaRoot root, int index) throws IOException;
    }

    private TckReaders() {
    }

    /**
     * @param allocator where the batches' memory comes from
     * @param schema the batches' schema
     * @param batches fills each batch in turn
     * @return a reader that owns nothing outside its batches
     */
    static ArrowReader of(BufferAllocator allocator, Schema schema, Batches batches) {
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
}
