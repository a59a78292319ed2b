package io.datastores.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The rows the bulk tests write: {@code id} (int), {@code name} (text with unicode, empty and NULL
 * values) and {@code amount} (decimal(12, 2), every seventh NULL), made in batches on demand.
 */
final class TckBatches {
    static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(32, true)), null),
            new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field("amount", FieldType.nullable(new ArrowType.Decimal(12, 2, 128)), null)));

    private TckBatches() {}

    static String name(int id) {
        return switch (id % 5) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "naïve café 😀 " + id;
            case 3 -> "漢字 \"quoted\" 'single' \\ tab\t" + id;
            default -> "row " + id;
        };
    }

    static BigDecimal amount(int id) {
        return id % 7 == 0 ? null : BigDecimal.valueOf(id * 125L - 10_000, 2);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) in batches of {@code batch}. */
    static ArrowReader reader(BufferAllocator allocator, int from, int to, int batch) {
        return TckReaders.of(allocator, SCHEMA, (root, index) -> {
            int first = from + index * batch;
            int count = Math.max(0, Math.min(batch, to - first));
            for (int i = 0; i < count; i++) {
                int id = first + i;
                ((IntVector) root.getVector("id")).setSafe(i, id);
                String name = name(id);
                if (name == null) {
                    ((VarCharVector) root.getVector("name")).setNull(i);
                } else {
                    ((VarCharVector) root.getVector("name")).setSafe(i, name.getBytes(StandardCharsets.UTF_8));
                }
                BigDecimal amount = amount(id);
                if (amount == null) {
                    ((DecimalVector) root.getVector("amount")).setNull(i);
                } else {
                    ((DecimalVector) root.getVector("amount")).setSafe(i, amount);
                }
            }
            return count;
        });
    }

    /** @return the rows {@link #reader} writes, as [id, name, amount] with numbers as BigDecimal */
    static List<List<Object>> expected(int from, int to) {
        List<List<Object>> rows = new ArrayList<>();
        for (int id = from; id < to; id++) {
            BigDecimal amount = amount(id);
            rows.add(Arrays.asList(
                    BigDecimal.valueOf(id).stripTrailingZeros(),
                    name(id),
                    amount == null ? null : amount.stripTrailingZeros()));
        }
        return rows;
    }

    /** Reads every batch (and closes the reader) as [id, name, amount] with numbers as BigDecimal. */
    static List<List<Object>> rows(ArrowReader reader) {
        List<List<Object>> rows = new ArrayList<>();
        try (reader) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    List<Object> row = new ArrayList<>();
                    for (FieldVector vector : root.getFieldVectors()) {
                        row.add(value(vector, i));
                    }
                    rows.add(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static Object value(FieldVector vector, int i) {
        Object value = vector.getObject(i);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros();
        }
        return value.toString();
    }
}
