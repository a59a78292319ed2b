package io.datastores.sqlhttp;

import io.datastores.api.bulk.TableCreator;
import io.datastores.jdbc.ArrowValues;
import io.datastores.jdbc.TemporalText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Fills Arrow batches from rows as a service sends them. Each column's Arrow type comes from its
 * declared type ({@link ColumnKind}), or, for an expression, from its first non-NULL value; the
 * declared type is kept as {@link TableCreator#SOURCE_TYPE}. A value SQLite's dynamic typing let
 * into a column that cannot hold it (text in an INTEGER column) fails with INVALID_DATA naming the
 * column, rather than being read as 0. Not thread-safe (one consumer); closing it ends the rows.
 */
final class RowsArrowReader extends ArrowReader {
    private final Transport.Rows rows;
    private final int batchSize;
    private final Schema schema;
    private final List<ColumnKind> kinds;
    private Object[] pending;

    RowsArrowReader(BufferAllocator allocator, Transport.Rows rows, int batchSize) {
        super(allocator);
        this.rows = rows;
        this.batchSize = batchSize;
        this.pending = rows.next();
        this.kinds = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < rows.columns().size(); i++) {
            String declared = rows.declaredTypes().get(i);
            ColumnKind kind = ColumnKind.ofDeclared(declared);
            if (kind == null) {
                kind = ColumnKind.ofValue(pending == null ? null : pending[i]);
            }
            kinds.add(kind);
            fields.add(new Field(
                    rows.columns().get(i),
                    new FieldType(
                            true,
                            kind.arrow,
                            null,
                            declared == null ? null : Map.of(TableCreator.SOURCE_TYPE, declared)),
                    null));
        }
        this.schema = new Schema(fields);
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        if (pending == null) {
            return false;
        }
        VectorSchemaRoot root = getVectorSchemaRoot();
        root.allocateNew();
        int count = 0;
        while (pending != null && count < batchSize) {
            for (int column = 0; column < kinds.size(); column++) {
                FieldVector vector = root.getVector(column);
                Object value = pending[column];
                if (value == null) {
                    vector.setNull(count);
                } else {
                    fill(kinds.get(column), vector, count, value);
                }
            }
            count++;
            pending = rows.next();
        }
        root.setRowCount(count);
        return true;
    }

    private static void fill(ColumnKind kind, FieldVector vector, int row, Object value) {
        switch (kind) {
            case BOOLEAN -> ((BitVector) vector).setSafe(row, number(vector, value) != 0 ? 1 : 0);
            case INTEGER -> ((BigIntVector) vector).setSafe(row, integer(vector, value));
            case REAL -> ((Float8Vector) vector).setSafe(row, number(vector, value));
            case TEXT ->
                ((VarCharVector) vector)
                        .setSafe(
                                row, value instanceof byte[] b ? b : text(value).getBytes(StandardCharsets.UTF_8));
            case BLOB ->
                ((VarBinaryVector) vector)
                        .setSafe(
                                row, value instanceof byte[] b ? b : text(value).getBytes(StandardCharsets.UTF_8));
            case DATE ->
                ((DateDayVector) vector)
                        .setSafe(
                                row,
                                Math.toIntExact(TemporalText.dateTime(text(value), vector)
                                        .toLocalDate()
                                        .toEpochDay()));
            case TIME -> ((TimeMicroVector) vector).setSafe(row, TemporalText.nanoOfDay(text(value), vector) / 1000);
            case TIMESTAMP -> {
                LocalDateTime time = TemporalText.dateTime(text(value), vector);
                ((TimeStampVector) vector)
                        .setSafe(
                                row,
                                Math.addExact(
                                        Math.multiplyExact(time.toEpochSecond(ZoneOffset.UTC), 1_000_000L),
                                        time.getNano() / 1000));
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private static String text(Object value) {
        return value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : value.toString();
    }

    private static long integer(FieldVector vector, Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof String text && text.strip().matches("-?\\d{1,19}")) {
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException notLong) {
                throw ArrowValues.invalid(vector, "'" + text + "' is not a 64-bit integer");
            }
        }
        double number = number(vector, value);
        if (number != Math.rint(number) || Math.abs(number) >= 0x1p63) {
            throw ArrowValues.invalid(vector, "'" + text(value) + "' is not a 64-bit integer");
        }
        return (long) number;
    }

    private static double number(FieldVector vector, Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(text(value).strip());
        } catch (NumberFormatException e) {
            throw ArrowValues.invalid(vector, "'" + text(value) + "' is not a number");
        }
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        rows.close();
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
