package io.datastores.postgres;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.arrow.JsonVector;
import io.datastores.api.arrow.UuidVector;
import io.datastores.api.bulk.TableCreator;
import io.datastores.jdbc.BaseJdbcArrowReader;
import io.datastores.jdbc.JdbcDatastore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Decodes a binary COPY stream into Arrow batches. Not thread-safe (one consumer, like every
 * Arrow reader); owns its connection, which closing the reader returns to the pool, after
 * cancelling the COPY if it was not read to the end.
 */
final class PostgresCopyReader extends BaseJdbcArrowReader {
    private static final int HEADER_LENGTH = 11 + 4 + 4;
    private static final int NUMERIC_NEGATIVE = 0x4000;
    private static final String QUERY_CANCELED = "57014";

    /**
     * One result column and how it travels: decoded from its binary form, or cast to text on the
     * server when no binary decoder exists for its type. An array column has its element's column.
     */
    record Column(String name, String type, ArrowType arrowType, boolean castToText, Column element) {
        static Column of(String name, String typeName, int precision, int scale) {
            String type = switch (typeName) {
                case "serial" -> "int4";
                case "bigserial" -> "int8";
                case "smallserial" -> "int2";
                default -> typeName;
            };
            if (type.startsWith("_")) {
                // An array's precision is not its elements': numeric elements travel as text with the array.
                Column element = of("element", type.substring(1), 0, 0);
                return element.castToText() || element.element() != null
                        ? text(name)
                        : new Column(name, type, ArrowType.List.INSTANCE, false, element);
            }
            ArrowType arrow = switch (type) {
                case "bool" -> ArrowType.Bool.INSTANCE;
                case "int2" -> new ArrowType.Int(16, true);
                case "int4" -> new ArrowType.Int(32, true);
                case "int8" -> new ArrowType.Int(64, true);
                case "float4" -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
                case "float8" -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
                // Unconstrained numeric has no fixed scale; it travels as exact text instead.
                case "numeric" ->
                    precision > 0 && precision <= 38 && scale >= 0
                            ? new ArrowType.Decimal(precision, scale, 128)
                            : null;
                case "text", "varchar", "bpchar", "name", "xml" -> ArrowType.Utf8.INSTANCE;
                case "json", "jsonb" -> CanonicalTypes.JSON;
                case "uuid" -> CanonicalTypes.UUID;
                case "interval" -> CanonicalTypes.INTERVAL;
                case "bytea" -> ArrowType.Binary.INSTANCE;
                case "date" -> new ArrowType.Date(DateUnit.DAY);
                case "timestamp" -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
                case "timestamptz" -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
                case "time" -> new ArrowType.Time(TimeUnit.MICROSECOND, 64);
                default -> null;
            };
            return arrow == null ? text(name) : new Column(name, type, arrow, false, null);
        }

        private static Column text(String name) {
            return new Column(name, "text", ArrowType.Utf8.INSTANCE, true, null);
        }

        /** A jsonb field says so, so that a PostgreSQL target creates jsonb rather than json. */
        Field field() {
            Map<String, String> metadata = type.equals("jsonb") ? Map.of(TableCreator.SOURCE_TYPE, type) : null;
            return new Field(
                    name,
                    new FieldType(true, arrowType, null, metadata),
                    element == null ? null : List.of(element.field()));
        }
    }

    private final CopyOut copyOut;
    private final List<Column> columns;
    private byte[] chunk = new byte[0];
    private int position;
    private boolean headerRead;
    private long bytesRead;

    PostgresCopyReader(
            JdbcDatastore datastore,
            Connection connection,
            CopyOut copyOut,
            List<Column> columns,
            int batchSize,
            BufferAllocator allocator) {
        super(datastore, connection, schema(columns), batchSize, allocator);
        this.copyOut = copyOut;
        this.columns = List.copyOf(columns);
    }

    private static Schema schema(List<Column> columns) {
        List<Field> fields = new ArrayList<>();
        for (Column column : columns) {
            fields.add(column.field());
        }
        return new Schema(fields);
    }

    @Override
    protected int fill(List<FieldVector> vectors, int maxRows) throws SQLException {
        if (!headerRead) {
            require(HEADER_LENGTH);
            int extension = readInt(position + 15);
            position += HEADER_LENGTH;
            require(extension);
            position += extension;
            headerRead = true;
        }
        int rows = 0;
        while (rows < maxRows) {
            require(2);
            int fields = (short) readShort(position);
            position += 2;
            if (fields == -1) {
                // Read on to the end so the driver consumes the server's completion message.
                while (copyOut.readFromCopy() != null) {
                    continue;
                }
                break;
            }
            for (int i = 0; i < fields; i++) {
                require(4);
                int length = readInt(position);
                position += 4;
                if (length < 0) {
                    vectors.get(i).setNull(rows);
                    continue;
                }
                require(length);
                decode(columns.get(i), vectors.get(i), rows, length);
                position += length;
            }
            rows++;
        }
        return rows;
    }

    private void decode(Column column, FieldVector vector, int row, int length) {
        if (column.element() != null) {
            array(column, (ListVector) vector, row);
            return;
        }
        switch (column.type()) {
            case "bool" -> ((BitVector) vector).setSafe(row, chunk[position] != 0 ? 1 : 0);
            case "int2" -> ((SmallIntVector) vector).setSafe(row, (short) readShort(position));
            case "int4" -> ((IntVector) vector).setSafe(row, readInt(position));
            case "int8" -> ((BigIntVector) vector).setSafe(row, readLong(position));
            case "float4" -> ((Float4Vector) vector).setSafe(row, Float.intBitsToFloat(readInt(position)));
            case "float8" -> ((Float8Vector) vector).setSafe(row, Double.longBitsToDouble(readLong(position)));
            case "numeric" -> numeric(column, (DecimalVector) vector, row);
            case "json" -> ((JsonVector) vector).getUnderlyingVector().setSafe(row, chunk, position, length);
            // jsonb's binary form is a version byte, then the text.
            case "jsonb" -> ((JsonVector) vector).getUnderlyingVector().setSafe(row, chunk, position + 1, length - 1);
            case "uuid" ->
                ((UuidVector) vector)
                        .getUnderlyingVector()
                        .setSafe(row, Arrays.copyOfRange(chunk, position, position + 16));
            case "interval" ->
                ((IntervalMonthDayNanoVector) vector)
                        .setSafe(
                                row,
                                readInt(position + 12),
                                readInt(position + 8),
                                Math.multiplyExact(readLong(position), 1000L));
            case "date" -> {
                int days = readInt(position);
                if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
                    throw infinite(column);
                }
                ((DateDayVector) vector).setSafe(row, days + PostgresBinaryEncoder.EPOCH_OFFSET_DAYS);
            }
            case "timestamp", "timestamptz" -> {
                long micros = readLong(position);
                if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
                    throw infinite(column);
                }
                ((TimeStampVector) vector).setSafe(row, micros + PostgresBinaryEncoder.EPOCH_OFFSET_MICROS);
            }
            case "time" -> ((TimeMicroVector) vector).setSafe(row, readLong(position));
            // text, varchar, bpchar, name, xml, bytea and everything cast to text: bytes as they are.
            default -> ((BaseVariableWidthVector) vector).setSafe(row, chunk, position, length);
        }
    }

    /**
     * An array's binary form: dimensions, a has-NULL flag, the element type, each dimension's
     * length and lower bound, then every element with its length (-1 for NULL). Only
     * one-dimensional arrays indexed from 1 are lists; others fail rather than change shape.
     */
    private void array(Column column, ListVector vector, int row) {
        int start = position;
        int dimensions = readInt(start);
        int count = dimensions == 0 ? 0 : readInt(start + 12);
        if (dimensions > 1 || dimensions == 1 && readInt(start + 16) != 1) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_DATA,
                    datastore().name(),
                    datastore().type(),
                    "Column '"
                            + column.name() + "' holds a "
                            + (dimensions > 1 ? dimensions + "-dimensional array" : "array not " + "indexed from 1")
                            + ", which a list cannot hold; read it through a query with array_to_json(…)");
        }
        FieldVector elements = vector.getDataVector();
        int first = vector.startNewValue(row);
        position = start + 12 + 8 * dimensions;
        for (int i = 0; i < count; i++) {
            int length = readInt(position);
            position += 4;
            if (length < 0) {
                elements.setNull(first + i);
            } else {
                decode(column.element(), elements, first + i, length);
                position += length;
            }
        }
        vector.endValue(row, count);
        position = start;
    }

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private void numeric(Column column, DecimalVector vector, int row) {
        int digits = readShort(position);
        int weight = (short) readShort(position + 2);
        int sign = readShort(position + 4);
        if (sign != 0 && sign != NUMERIC_NEGATIVE) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_DATA,
                    datastore().name(),
                    datastore().type(),
                    "Column '" + column.name() + "' holds NaN or Infinity, which an Arrow decimal cannot hold");
        }
        // The groups read as one integer are the value times 10^exponent.
        int exponent = 4 * (digits - 1 - weight);
        int scale = vector.getScale();
        if (digits <= 4 && Math.abs(exponent - scale) < POWERS_OF_TEN.length) {
            // Fast path: the unscaled value fits a long and no BigDecimal is made.
            long unscaled = 0;
            for (int i = 0; i < digits; i++) {
                unscaled = unscaled * 10_000 + readShort(position + 8 + 2 * i);
            }
            long atScale = exponent >= scale
                    ? unscaled / POWERS_OF_TEN[exponent - scale]
                    : multiplyOrMinus(unscaled, POWERS_OF_TEN[scale - exponent]);
            if (atScale >= 0) {
                vector.setSafe(row, sign == 0 ? atScale : -atScale);
                return;
            }
        }
        BigInteger unscaled = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(10_000);
        for (int i = 0; i < digits; i++) {
            unscaled = unscaled.multiply(base).add(BigInteger.valueOf(readShort(position + 8 + 2 * i)));
        }
        BigDecimal value = new BigDecimal(sign == 0 ? unscaled : unscaled.negate(), exponent);
        // The digits beyond the column's scale are zeros (PostgreSQL pads to whole groups).
        vector.setSafe(row, value.setScale(scale, RoundingMode.UNNECESSARY));
    }

    /** @return the product, or -1 when it overflows */
    private static long multiplyOrMinus(long value, long factor) {
        long high = Math.multiplyHigh(value, factor);
        long product = value * factor;
        return high != 0 || product < 0 ? -1 : product;
    }

    private DatastoreException infinite(Column column) {
        return DatastoreException.of(
                ErrorCode.INVALID_DATA,
                datastore().name(),
                datastore().type(),
                "Column '" + column.name() + "' holds infinity, which Arrow dates and timestamps cannot hold");
    }

    /** Makes sure {@code length} bytes are available at {@link #position}, joining COPY messages as needed. */
    private void require(int length) throws SQLException {
        while (chunk.length - position < length) {
            byte[] next = copyOut.readFromCopy();
            if (next == null) {
                throw DatastoreException.of(
                        ErrorCode.INTERNAL,
                        datastore().name(),
                        datastore().type(),
                        "The COPY stream ended in the middle of a row");
            }
            bytesRead += next.length;
            if (position == chunk.length) {
                chunk = next;
            } else {
                byte[] joined = new byte[chunk.length - position + next.length];
                System.arraycopy(chunk, position, joined, 0, chunk.length - position);
                System.arraycopy(next, 0, joined, chunk.length - position, next.length);
                chunk = joined;
            }
            position = 0;
        }
    }

    private int readShort(int at) {
        return ((chunk[at] & 0xFF) << 8) | (chunk[at + 1] & 0xFF);
    }

    private int readInt(int at) {
        return (chunk[at] << 24)
                | ((chunk[at + 1] & 0xFF) << 16)
                | ((chunk[at + 2] & 0xFF) << 8)
                | (chunk[at + 3] & 0xFF);
    }

    private long readLong(int at) {
        return ((long) readInt(at) << 32) | (readInt(at + 4) & 0xFFFF_FFFFL);
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    protected void finish(Connection connection) throws SQLException {
        if (copyOut.isActive()) {
            stopEarly(connection);
            // When the COPY ended before the server acted on the cancel, the cancel would hit the
            // next statement run on this connection: it is closed rather than reused.
            datastore().discard(connection);
        }
    }

    /**
     * Ends a COPY that was not read to the end. pgjdbc's {@code CopyOut.cancelCopy} leaves the
     * protocol out of step (the next query gets the previous one's answer), so the server is asked
     * to cancel and the rows already in flight are read and dropped until it confirms.
     */
    private void stopEarly(Connection connection) throws SQLException {
        connection.unwrap(PGConnection.class).cancelQuery();
        try {
            while (copyOut.readFromCopy() != null) {
                continue;
            }
        } catch (SQLException e) {
            if (!QUERY_CANCELED.equals(e.getSQLState())) {
                throw e;
            }
        }
    }
}
