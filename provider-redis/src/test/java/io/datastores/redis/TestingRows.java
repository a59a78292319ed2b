package io.datastores.redis;

import io.datastores.api.Datastore;
import io.datastores.api.bulk.ReadRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/** Batches for the Redis tests to write, and the rows a read gives back as lists of values. */
final class TestingRows {
    private TestingRows() {}

    /**
     * @param sizes rows of each batch, in order
     * @param fill fills one batch given its index (rows already counted); may act between batches
     * @return a reader of those batches
     */
    static ArrowReader batches(
            BufferAllocator allocator, Schema schema, int[] sizes, BiConsumer<VectorSchemaRoot, Integer> fill) {
        return new ArrowReader(allocator) {
            private int index;

            @Override
            public boolean loadNextBatch() throws IOException {
                if (index == sizes.length) {
                    return false;
                }
                VectorSchemaRoot root = getVectorSchemaRoot();
                root.allocateNew();
                fill.accept(root, index);
                root.setRowCount(sizes[index++]);
                return true;
            }

            @Override
            public long bytesRead() {
                return 0;
            }

            @Override
            protected void closeReadSource() {}

            @Override
            protected Schema readSchema() {
                return schema;
            }
        };
    }

    /** @return every row of a table, each as its values' {@code getObject} forms, in read order */
    static List<List<Object>> read(Datastore datastore, ReadRequest request, BufferAllocator allocator) {
        List<List<Object>> rows = new ArrayList<>();
        try (ArrowReader reader = datastore.bulkReader().read(request, allocator)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    List<Object> row = new ArrayList<>();
                    for (FieldVector vector : root.getFieldVectors()) {
                        Object value = vector.getObject(i);
                        row.add(
                                value instanceof byte[] bytes
                                        ? java.util.HexFormat.of().formatHex(bytes)
                                        : value == null ? null : value.toString());
                    }
                    rows.add(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
