package io.datastores.postgres;

import io.datastores.api.ColumnInfo;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.arrow.ArrowText;
import io.datastores.api.arrow.JsonVector;
import io.datastores.api.arrow.UuidVector;
import io.datastores.api.bulk.WriteResult;
import io.datastores.jdbc.ArrowValues;
import io.datastores.jdbc.ProducedStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.holders.NullableIntervalMonthDayNanoHolder;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Encodes Arrow values as PostgreSQL's binary COPY format, choosing each column's encoding from
 * the TARGET column's type: an Arrow int32 written into a {@code bigint} column is sent as eight
 * bytes, a decimal written into {@code numeric(38,10)} is rounded to scale 10 the way PostgreSQL
 * itself rounds, a timestamp without zone written into {@code timestamptz} is read as UTC.
 * Runs on the producer thread of a {@link ProducedStream}, so encoding overlaps the server's work.
 * Not thread-safe: one encoder per write; its counts are read once the stream has ended.
 */
final class PostgresBinaryEncoder implements ProducedStream.Producer {
    /** Microseconds and days between 1970-01-01 (Arrow's epoch) and 2000-01-01 (PostgreSQL's). */
    static final long EPOCH_OFFSET_MICROS = 946_684_800_000_000L;

    static final int EPOCH_OFFSET_DAYS = 10_957;
    private static final byte[] HEADER = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
    };
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);
    private static final int NUMERIC_NEGATIVE = 0x4000;
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1000};

    /** Writes one non-null value, length prefix included. */
    @FunctionalInterface
    interface Encoder {
        void encode(FieldVector vector, int row, CopyBuffer out);
    }

    private final List<Encoder> encoders;
    private final ArrowReader source;
    private long rows;
    private long batches;
    private long bytes;

    /**
     * @param targets the target column of each source field, in field order
     * @param source the batches to encode
     * @throws DatastoreException with {@link ErrorCode#UNSUPPORTED} for a target type it cannot encode
     */
    PostgresBinaryEncoder(List<ColumnInfo> targets, ArrowReader source) {
        List<Encoder> columnEncoders = new ArrayList<>();
        for (ColumnInfo column : targets) {
            columnEncoders.add(encoder(column));
        }
        this.encoders = List.copyOf(columnEncoders);
        this.source = source;
    }

    /** @return the rows, batches and bytes encoded so far (no time: the writer measures the whole write) */
    WriteResult written() {
        return new WriteResult(rows, batches, bytes, 0);
    }

    /** Writes the header, every row and the trailer. */
    @Override
    public void produce(ProducedStream.Sink sink) throws IOException {
        CopyBuffer out = new CopyBuffer(sink);
        out.bytes(HEADER, 0, HEADER.length);
        while (source.loadNextBatch()) {
            VectorSchemaRoot root = source.getVectorSchemaRoot();
            List<FieldVector> vectors = root.getFieldVectors();
            for (int row = 0; row < root.getRowCount(); row++) {
                writeRow(vectors, row, out);
                out.flushIfFull();
            }
            rows += root.getRowCount();
            batches++;
        }
        out.int16(-1);
        out.flush();
        bytes = out.total();
    }

    /** Appends one row: the field count, then each field. */
    private void writeRow(List<FieldVector> vectors, int row, CopyBuffer out) {
        out.int16(encoders.size());
        for (int i = 0; i < encoders.size(); i++) {
            FieldVector vector = vectors.get(i);
            if (vector.isNull(row)) {
                out.int32(-1);
            } else {
                encoders.get(i).encode(vector, row, out);
            }
        }
    }

    private static Encoder encoder(ColumnInfo column) {
        if (column.typeName().startsWith("_")) {
            return PostgresArrays.encoder(column, PostgresBinaryEncoder::encoder);
        }
        return switch (column.typeName()) {
            case "bool" ->
                (v, r, out) -> {
                    out.int32(1);
                    out.int8(ArrowValues.longValue(v, r) != 0 ? 1 : 0);
                };
            // The catalog calls an integer column filled from a sequence a serial, as pgjdbc does.
            case "int2", "smallserial" ->
                (v, r, out) -> {
                    out.int32(2);
                    out.int16((int) ranged(v, r, Short.MIN_VALUE, Short.MAX_VALUE));
                };
            case "int4", "serial" ->
                (v, r, out) -> {
                    out.int32(4);
                    out.int32((int) ranged(v, r, Integer.MIN_VALUE, Integer.MAX_VALUE));
                };
            case "int8", "bigserial" ->
                (v, r, out) -> {
                    out.int32(8);
                    out.int64(ArrowValues.longValue(v, r));
                };
            case "float4" ->
                (v, r, out) -> {
                    out.int32(4);
                    out.int32(Float.floatToRawIntBits((float) ArrowValues.doubleValue(v, r)));
                };
            case "float8" ->
                (v, r, out) -> {
                    out.int32(8);
                    out.int64(Double.doubleToRawLongBits(ArrowValues.doubleValue(v, r)));
                };
            case "numeric" -> {
                Integer scale = column.scale();
                yield (v, r, out) -> {
                    if (v instanceof DecimalVector d
                            && (scale == null || d.getScale() == scale)
                            && smallNumeric(d, r, out)) {
                        return;
                    }
                    BigDecimal value = ArrowValues.decimal(v, r);
                    numeric(scale == null ? value : value.setScale(scale, RoundingMode.HALF_UP), out);
                };
            }
            case "text", "varchar", "bpchar", "name", "json", "xml", "citext" -> PostgresBinaryEncoder::text;
            case "jsonb" ->
                (v, r, out) -> {
                    byte[] json = ArrowValues.string(v, r).getBytes(StandardCharsets.UTF_8);
                    out.int32(json.length + 1);
                    out.int8(1); // jsonb binary format version
                    out.bytes(json, 0, json.length);
                };
            case "bytea" -> PostgresBinaryEncoder::binary;
            case "date" ->
                (v, r, out) -> {
                    out.int32(4);
                    out.int32(ArrowValues.epochDay(v, r) - EPOCH_OFFSET_DAYS);
                };
            // Arrow timestamps are UTC-based; a zone label changes nothing about the instant.
            case "timestamp", "timestamptz" ->
                (v, r, out) -> {
                    out.int32(8);
                    out.int64(ArrowValues.epochMicros(v, r) - EPOCH_OFFSET_MICROS);
                };
            case "time" ->
                (v, r, out) -> {
                    out.int32(8);
                    out.int64(ArrowValues.microsOfDay(v, r));
                };
            case "uuid" -> PostgresBinaryEncoder::uuid;
            case "interval" -> PostgresBinaryEncoder::interval;
            default ->
                throw DatastoreException.of(
                        ErrorCode.UNSUPPORTED,
                        "Column '" + column.name() + "' has type "
                                + column.typeName()
                                + ", which the PostgreSQL bulk writer cannot encode; write it through "
                                + "SQL, or load a text column and convert it");
        };
    }

    private static long ranged(FieldVector vector, int row, long min, long max) {
        long value = ArrowValues.longValue(vector, row);
        if (value < min || value > max) {
            throw ArrowValues.invalid(vector, value + " is out of range for the target column");
        }
        return value;
    }

    private static void text(FieldVector vector, int row, CopyBuffer out) {
        if (vector instanceof JsonVector json) {
            copyVariable(json.getUnderlyingVector(), row, out);
        } else if (ArrowValues.isText(vector) && vector instanceof BaseVariableWidthVector variable) {
            copyVariable(variable, row, out);
        } else {
            byte[] bytes = ArrowValues.string(vector, row).getBytes(StandardCharsets.UTF_8);
            out.int32(bytes.length);
            out.bytes(bytes, 0, bytes.length);
        }
    }

    private static void binary(FieldVector vector, int row, CopyBuffer out) {
        if (vector instanceof BaseVariableWidthVector variable) {
            copyVariable(variable, row, out);
        } else {
            byte[] bytes = ArrowValues.bytes(vector, row);
            out.int32(bytes.length);
            out.bytes(bytes, 0, bytes.length);
        }
    }

    /** Copies straight from the Arrow data buffer: no intermediate array per value. */
    private static void copyVariable(BaseVariableWidthVector vector, int row, CopyBuffer out) {
        int start = vector.getStartOffset(row);
        int length = vector.getValueLength(row);
        out.int32(length);
        out.fromArrow(vector.getDataBuffer(), start, length);
    }

    private static void uuid(FieldVector vector, int row, CopyBuffer out) {
        FieldVector storage = vector instanceof UuidVector uuid ? uuid.getUnderlyingVector() : vector;
        if (storage instanceof FixedSizeBinaryVector fixed && fixed.getByteWidth() == 16) {
            out.int32(16);
            byte[] bytes = fixed.get(row);
            out.bytes(bytes, 0, 16);
            return;
        }
        UUID uuid;
        try {
            uuid = UUID.fromString(ArrowValues.string(vector, row));
        } catch (IllegalArgumentException e) {
            throw ArrowValues.invalid(vector, "'" + ArrowValues.string(vector, row) + "' is not a UUID");
        }
        out.int32(16);
        out.int64(uuid.getMostSignificantBits());
        out.int64(uuid.getLeastSignificantBits());
    }

    /** PostgreSQL's interval: microseconds, days, months; a value with a fraction of a microsecond is refused. */
    private static void interval(FieldVector vector, int row, CopyBuffer out) {
        if (!(vector instanceof IntervalMonthDayNanoVector intervals)) {
            throw ArrowValues.invalid(
                    vector,
                    "expected an interval for the interval column, found "
                            + vector.getField().getType());
        }
        NullableIntervalMonthDayNanoHolder value = new NullableIntervalMonthDayNanoHolder();
        intervals.get(row, value);
        if (value.nanoseconds % 1000 != 0) {
            throw ArrowValues.invalid(
                    vector,
                    ArrowText.interval(intervals, row)
                            + " has a fraction of a microsecond, which a PostgreSQL interval cannot hold");
        }
        out.int32(16);
        out.int64(value.nanoseconds / 1000);
        out.int32(value.days);
        out.int32(value.months);
    }

    /**
     * The common case without objects: a decimal already at the column's scale whose unscaled
     * value fits a long.
     *
     * @return false, writing nothing, when the value does not fit this path
     */
    private static boolean smallNumeric(DecimalVector vector, int row, CopyBuffer out) {
        ArrowBuf data = vector.getDataBuffer();
        long low = data.getLong((long) row * DecimalVector.TYPE_WIDTH);
        long high = data.getLong((long) row * DecimalVector.TYPE_WIDTH + 8);
        int scale = vector.getScale();
        if (high != (low >> 63) || low == Long.MIN_VALUE || scale < 0) {
            return false;
        }
        int pad = (4 - scale % 4) % 4;
        long magnitude = Math.abs(low);
        if (magnitude > Long.MAX_VALUE / POWERS_OF_TEN[pad]) {
            return false;
        }
        int[] groups = new int[5];
        int count = 0;
        for (long rest = magnitude * POWERS_OF_TEN[pad]; rest != 0; rest /= 10_000) {
            groups[count++] = (int) (rest % 10_000);
        }
        writeNumeric(groups, count, (scale + pad) / 4, low < 0, scale, out);
        return true;
    }

    /**
     * PostgreSQL's numeric wire form: base-10000 digit groups aligned on the decimal point, a
     * weight (position of the first group), a sign and the display scale.
     */
    static void numeric(BigDecimal value, CopyBuffer out) {
        int scale = Math.max(0, value.scale());
        BigDecimal exact = value.setScale(scale, RoundingMode.UNNECESSARY);
        // Pad the fraction to whole groups of four digits.
        int pad = (4 - scale % 4) % 4;
        BigInteger magnitude = exact.unscaledValue().abs().multiply(BigInteger.TEN.pow(pad));
        int[] groups = new int[magnitude.bitLength() / 13 + 1]; // 2^13 < 10^4: enough groups
        int count = 0;
        for (BigInteger rest = magnitude; rest.signum() != 0; ) {
            BigInteger[] qr = rest.divideAndRemainder(TEN_THOUSAND);
            groups[count++] = qr[1].intValue();
            rest = qr[0];
        }
        writeNumeric(groups, count, (scale + pad) / 4, exact.signum() < 0, scale, out);
    }

    /** Writes digit groups given least significant first; trailing zero groups are dropped. */
    private static void writeNumeric(
            int[] groups, int count, int fractionGroups, boolean negative, int scale, CopyBuffer out) {
        int weight = count - fractionGroups - 1;
        int lowest = 0;
        while (lowest < count && groups[lowest] == 0) {
            lowest++;
        }
        int digits = count - lowest;
        out.int32(8 + 2 * digits);
        out.int16(digits);
        out.int16(digits == 0 ? 0 : weight);
        out.int16(negative ? NUMERIC_NEGATIVE : 0);
        out.int16(scale);
        for (int i = count - 1; i >= lowest; i--) {
            out.int16(groups[i]);
        }
    }
}
