package io.datastores.jdbc;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Small batches for bulk-write tests (a failing source is {@code io.datastores.tck.TckReaders}). */
public final class TestingBatches {
    private TestingBatches() {}

    /**
     * @param allocator where the batch lives
     * @param shape (int id, text value[, int third]) fields
     * @param ids the ids
     * @param values the values, in id order; a {@code null} or missing value is NULL
     * @return rows (id, value, id * 10 when a third column exists); the caller closes it
     */
    public static VectorSchemaRoot idValue(BufferAllocator allocator, Schema shape, int[] ids, String... values) {
        VectorSchemaRoot root = VectorSchemaRoot.create(shape, allocator);
        root.allocateNew();
        for (int i = 0; i < ids.length; i++) {
            ((IntVector) root.getVector(0)).setSafe(i, ids[i]);
            if (values.length > i && values[i] != null) {
                ((VarCharVector) root.getVector(1)).setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
            } else {
                ((VarCharVector) root.getVector(1)).setNull(i);
            }
            if (root.getFieldVectors().size() > 2) {
                ((IntVector) root.getVector(2)).setSafe(i, ids[i] * 10);
            }
        }
        root.setRowCount(ids.length);
        return root;
    }
}
