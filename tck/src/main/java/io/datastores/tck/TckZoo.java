package io.datastores.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The kit's type zoo: a NULL row, then minimum, maximum and awkward values of every common type,
 * and the one comparable form each value is checked in. What a database cannot hold exactly it
 * must name as a loss of its column type; the kit knows what each named loss does to a value.
 * Providers may build their own zoos on {@link #SCHEMA} and {@link #set}.
 */
public final class TckZoo {
    /** Columns, in order: id, small, medium, big, real, double, amount, text, bytes, day, wall, instant, flag, clock. */
    public static final Schema SCHEMA = new Schema(List.of(
            field("id", new ArrowType.Int(32, true), false),
            field("small", new ArrowType.Int(16, true), true),
            field("medium", new ArrowType.Int(32, true), true),
            field("big", new ArrowType.Int(64, true), true),
            field("real", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), true),
            field("double", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), true),
            field("amount", new ArrowType.Decimal(38, 10, 128), true),
            field("text", ArrowType.Utf8.INSTANCE, true),
            field("bytes", ArrowType.Binary.INSTANCE, true),
            field("day", new ArrowType.Date(DateUnit.DAY), true),
            field("wall", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null), true),
            field("instant", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), true),
            field("flag", ArrowType.Bool.INSTANCE, true),
            field("clock", new ArrowType.Time(TimeUnit.MICROSECOND, 64), true)));

    /** What each loss a column type may name does to a value in its comparable form. */
    static final Map<String, UnaryOperator<Object>> LOSSES = Map.of(
            "time zone dropped", v -> v instanceof Instant i ? LocalDateTime.ofInstant(i, ZoneOffset.UTC) : v,
            "stored as a 64-bit float", v -> v instanceof BigDecimal d ? (Object) d.doubleValue() : v,
            // A narrower date range refuses what falls outside it (the write fails); values inside are exact.
            "dates outside", v -> v,
            // A millisecond store (Cassandra's timestamp) keeps the instant, cut to whole milliseconds.
            "timestamp precision finer than milliseconds",
                    v -> v instanceof Instant i
                            ? i.truncatedTo(ChronoUnit.MILLIS)
                            : v instanceof LocalDateTime l ? l.truncatedTo(ChronoUnit.MILLIS) : v,
            // A byte-string type without a binary flag (ClickHouse String) reads back as UTF-8 text.
            "binary read back as text",
                    v -> v instanceof String hex
                            ? new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8)
                            : v);

    private TckZoo() {}

    private static Field field(String name, ArrowType type, boolean nullable) {
        return new Field(name, new FieldType(nullable, type, null), null);
    }

    /**
     * @param allocator where the batch lives
     * @param floatSpecials whether to include -0.0, NaN and ±Infinity
     * @return the zoo; the caller closes it
     */
    static VectorSchemaRoot create(BufferAllocator allocator, boolean floatSpecials) {
        return create(allocator, floatSpecials, true);
    }

    /**
     * @param allocator where the batch lives
     * @param floatSpecials whether to include -0.0, NaN and ±Infinity
     * @param extremeDates whether the dates are 1000-01-01 and 9999-12-31 (else 1900-01-01 and
     *     2299-12-31, the range ClickHouse's Date32 holds)
     * @return the zoo; the caller closes it
     */
    static VectorSchemaRoot create(BufferAllocator allocator, boolean floatSpecials, boolean extremeDates) {
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        root.allocateNew();
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        ((IntVector) root.getVector("id")).setSafe(0, 0); // every other column NULL
        set(
                root,
                1,
                Short.MIN_VALUE,
                Integer.MIN_VALUE,
                Long.MIN_VALUE,
                floatSpecials ? Float.NEGATIVE_INFINITY : -Float.MAX_VALUE,
                floatSpecials ? Double.NEGATIVE_INFINITY : -Double.MAX_VALUE,
                new BigDecimal("-9999999999999999999999999999.9999999999"),
                "",
                new byte[0],
                extremeDates ? LocalDate.of(1000, 1, 1) : LocalDate.of(1900, 1, 1),
                LocalDateTime.of(1901, 12, 13, 20, 45, 52, 1000),
                LocalDateTime.of(1969, 7, 20, 20, 17, 40, 123_456_000),
                false,
                LocalTime.MIDNIGHT);
        set(
                root,
                2,
                Short.MAX_VALUE,
                Integer.MAX_VALUE,
                Long.MAX_VALUE,
                floatSpecials ? Float.POSITIVE_INFINITY : Float.MAX_VALUE,
                floatSpecials ? Double.POSITIVE_INFINITY : Double.MAX_VALUE,
                new BigDecimal("9999999999999999999999999999.9999999999"),
                "😀🎉 漢字かな e\u0301 ñ",
                everyByte,
                extremeDates ? LocalDate.of(9999, 12, 31) : LocalDate.of(2299, 12, 31),
                LocalDateTime.of(2100, 12, 31, 23, 59, 59, 999_999_000),
                LocalDateTime.of(2038, 1, 19, 3, 14, 8, 1000),
                true,
                LocalTime.of(23, 59, 59, 999_999_000));
        set(
                root,
                3,
                (short) 0,
                0,
                0L,
                floatSpecials ? -0.0f : Float.MIN_VALUE,
                floatSpecials ? Double.NaN : Double.MIN_VALUE,
                new BigDecimal("0.0000000001"),
                "tab\there\nnew line \\ back\\slash \"quote\" 'single' \r end " + "long ".repeat(20_000),
                "\\N\t\n".getBytes(StandardCharsets.UTF_8),
                LocalDate.of(1969, 12, 31),
                LocalDateTime.of(1970, 1, 1, 0, 0),
                LocalDateTime.of(2000, 2, 29, 12, 0),
                true,
                LocalTime.of(12, 0, 0, 1000));
        root.setRowCount(4);
        return root;
    }

    /**
     * Fills one row of a batch of {@link #SCHEMA}; {@code id} becomes the row number.
     *
     * @param root the batch
     * @param row the row
     * @param small smallint value
     * @param medium integer value
     * @param big bigint value
     * @param real 32-bit float value
     * @param dbl 64-bit float value
     * @param amount decimal(38, 10) value
     * @param text text value
     * @param bytes binary value
     * @param day date value
     * @param wall timestamp without zone
     * @param instantUtc timestamp with zone, as its UTC wall clock
     * @param flag boolean value
     * @param clock time of day
     */
    public static void set(
            VectorSchemaRoot root,
            int row,
            short small,
            int medium,
            long big,
            float real,
            double dbl,
            BigDecimal amount,
            String text,
            byte[] bytes,
            LocalDate day,
            LocalDateTime wall,
            LocalDateTime instantUtc,
            boolean flag,
            LocalTime clock) {
        ((IntVector) root.getVector("id")).setSafe(row, row);
        ((SmallIntVector) root.getVector("small")).setSafe(row, small);
        ((IntVector) root.getVector("medium")).setSafe(row, medium);
        ((BigIntVector) root.getVector("big")).setSafe(row, big);
        ((Float4Vector) root.getVector("real")).setSafe(row, real);
        ((Float8Vector) root.getVector("double")).setSafe(row, dbl);
        ((DecimalVector) root.getVector("amount")).setSafe(row, amount.setScale(10));
        ((VarCharVector) root.getVector("text")).setSafe(row, text.getBytes(StandardCharsets.UTF_8));
        ((VarBinaryVector) root.getVector("bytes")).setSafe(row, bytes);
        ((DateDayVector) root.getVector("day")).setSafe(row, (int) day.toEpochDay());
        ((TimeStampVector) root.getVector("wall")).setSafe(row, micros(wall));
        ((TimeStampVector) root.getVector("instant")).setSafe(row, micros(instantUtc));
        ((BitVector) root.getVector("flag")).setSafe(row, flag ? 1 : 0);
        ((TimeMicroVector) root.getVector("clock")).setSafe(row, clock.toNanoOfDay() / 1000);
    }

    /**
     * @param utc a wall-clock time, read as UTC
     * @return microseconds since the epoch
     */
    public static long micros(LocalDateTime utc) {
        return utc.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + utc.getNano() / 1000;
    }

    /**
     * Asserts that every value read back is the value written, after the losses its column type
     * names (each one of {@link #LOSSES}).
     *
     * @param expected the rows written, in their comparable form
     * @param actual the rows read back, in the same order
     * @param losses each column's declared losses; a column not in the map has none
     */
    static void assertSameExceptLosses(
            List<List<Object>> expected, List<List<Object>> actual, Map<String, List<String>> losses) {
        assertThat(actual).hasSameSizeAs(expected);
        List<Field> fields = SCHEMA.getFields();
        for (int row = 0; row < expected.size(); row++) {
            for (int column = 0; column < fields.size(); column++) {
                String name = fields.get(column).getName();
                List<String> named = losses.getOrDefault(name, List.of());
                Object want = expected.get(row).get(column);
                for (String loss : named) {
                    UnaryOperator<Object> effect = LOSSES.entrySet().stream()
                            .filter(e -> loss.startsWith(e.getKey()))
                            .map(Map.Entry::getValue)
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("the kit does not know the loss '" + loss + "' of "
                                    + name + "; name it after one of " + LOSSES.keySet()));
                    want = want == null ? null : effect.apply(want);
                }
                assertThat(actual.get(row).get(column))
                        .as("row %d, column %s (declared losses: %s)", row, name, named)
                        .isEqualTo(want);
            }
        }
    }

    /** Reads every batch (and closes the reader), each value in its comparable form. */
    static List<List<Object>> rows(ArrowReader reader) {
        List<List<Object>> rows = new ArrayList<>();
        try (reader) {
            while (reader.loadNextBatch()) {
                rows.addAll(rows(reader.getVectorSchemaRoot()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** @return the batch's rows, each value in its comparable form */
    static List<List<Object>> rows(VectorSchemaRoot root) {
        List<List<Object>> rows = new ArrayList<>();
        for (int row = 0; row < root.getRowCount(); row++) {
            List<Object> values = new ArrayList<>();
            for (FieldVector vector : root.getFieldVectors()) {
                values.add(vector.isNull(row) ? null : comparable(vector, row));
            }
            rows.add(values);
        }
        return rows;
    }

    /** @return a reader that yields the batch once (sharing its buffers); the caller closes both */
    static ArrowReader reader(BufferAllocator allocator, VectorSchemaRoot batch) {
        return TckReaders.of(allocator, batch.getSchema(), (root, index) -> {
            if (index > 0) {
                return 0;
            }
            return TckReaders.copy(batch, root);
        });
    }

    /**
     * One form per value, whatever Arrow type a database reads it back as: integers as
     * BigInteger, floats widened to double, decimals without trailing zeros, text as String,
     * binary as hex, timestamps with a zone as Instant and without as LocalDateTime.
     */
    private static Object comparable(FieldVector vector, int row) {
        ArrowType type = vector.getField().getType();
        return switch (type.getTypeID()) {
            case Int -> BigInteger.valueOf(((BaseIntVector) vector).getValueAsLong(row));
            case FloatingPoint ->
                vector instanceof Float4Vector f ? (double) f.get(row) : ((Float8Vector) vector).get(row);
            case Decimal -> decimal((BigDecimal) vector.getObject(row));
            case Utf8, LargeUtf8 -> vector.getObject(row).toString();
            case Binary, LargeBinary, FixedSizeBinary -> HexFormat.of().formatHex((byte[]) vector.getObject(row));
            case Bool -> ((BitVector) vector).get(row) != 0;
            case Date ->
                vector instanceof DateDayVector d
                        ? LocalDate.ofEpochDay(d.get(row))
                        : LocalDate.ofEpochDay(Math.floorDiv(((DateMilliVector) vector).get(row), 86_400_000L));
            case Time ->
                LocalTime.ofNanoOfDay(
                        toNanos(((Number) vector.getObject(row)).longValue(), ((ArrowType.Time) type).getUnit())
                                % 86_400_000_000_000L);
            case Timestamp -> timestamp((TimeStampVector) vector, row, (ArrowType.Timestamp) type);
            default -> vector.getObject(row);
        };
    }

    private static Object timestamp(TimeStampVector vector, int row, ArrowType.Timestamp type) {
        // Seconds and the fraction apart: nanoseconds since the epoch overflow a long before 1677 and after 2262.
        long perSecond = 1_000_000_000L / toNanos(1, type.getUnit());
        long value = vector.get(row);
        Instant instant = Instant.ofEpochSecond(
                Math.floorDiv(value, perSecond), Math.floorMod(value, perSecond) * (1_000_000_000L / perSecond));
        return type.getTimezone() == null ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : instant;
    }

    private static long toNanos(long value, TimeUnit unit) {
        return switch (unit) {
            case SECOND -> value * 1_000_000_000L;
            case MILLISECOND -> value * 1_000_000L;
            case MICROSECOND -> value * 1_000L;
            case NANOSECOND -> value;
        };
    }

    static BigDecimal decimal(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }
}
