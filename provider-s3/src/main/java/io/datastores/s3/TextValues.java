package io.datastores.s3;

import io.datastores.api.arrow.ArrowText;
import io.datastores.api.arrow.CanonicalTypes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The one text form each value takes in CSV and JSON Lines, chosen so databases parse it back:
 * integers and decimals in plain digits, floats as Java prints them ({@code NaN}, {@code Infinity},
 * {@code 1.0E10}), binary as lowercase hex, dates, times and timestamps in ISO-8601 (a timestamp
 * with a zone as its UTC instant ending in {@code Z}), booleans as {@code true}/{@code false}.
 */
final class TextValues {
    private TextValues() {}

    static boolean supports(ArrowType type) {
        return switch (type.getTypeID()) {
            case Int,
                    FloatingPoint,
                    Decimal,
                    Utf8,
                    LargeUtf8,
                    Binary,
                    LargeBinary,
                    FixedSizeBinary,
                    Bool,
                    Date,
                    Time,
                    Timestamp,
                    Interval,
                    List,
                    LargeList -> true;
            default -> false;
        };
    }

    /** @return how a type's values are written, for the plan's list of losses */
    static String describe(ArrowType type) {
        if (CanonicalTypes.isUuid(type)) {
            return "canonical UUID text";
        }
        if (CanonicalTypes.isJson(type)) {
            return "the JSON text";
        }
        return switch (type.getTypeID()) {
            case Interval -> "ISO-8601 duration";
            case List, LargeList -> "a JSON array";
            case Binary, LargeBinary, FixedSizeBinary -> "lowercase hex";
            case Date, Time -> "ISO-8601";
            case Timestamp ->
                ((ArrowType.Timestamp) type).getTimezone() == null
                        ? "ISO-8601 local date-time"
                        : "ISO-8601 UTC instant";
            default -> "its decimal text";
        };
    }

    /** @return the value's text form; the row must not be NULL */
    static String text(FieldVector vector, int row) {
        String canonical = ArrowText.of(vector, row);
        if (canonical != null) {
            return canonical;
        }
        ArrowType type = vector.getField().getType();
        return switch (type.getTypeID()) {
            case Int ->
                ((ArrowType.Int) type).getIsSigned() || ((ArrowType.Int) type).getBitWidth() < 64
                        ? Long.toString(unsignedAware((BaseIntVector) vector, row, (ArrowType.Int) type))
                        : Long.toUnsignedString(((BaseIntVector) vector).getValueAsLong(row));
            case FloatingPoint ->
                vector instanceof Float4Vector f
                        ? Float.toString(f.get(row))
                        : Double.toString(((Float8Vector) vector).get(row));
            case Decimal -> ((BigDecimal) vector.getObject(row)).toPlainString();
            case Utf8 -> new String(((VarCharVector) vector).get(row), StandardCharsets.UTF_8);
            case Binary -> HexFormat.of().formatHex(((VarBinaryVector) vector).get(row));
            case LargeBinary, FixedSizeBinary -> HexFormat.of().formatHex((byte[]) vector.getObject(row));
            case Bool -> ((BitVector) vector).get(row) != 0 ? "true" : "false";
            case Date ->
                (vector instanceof DateDayVector d
                                ? LocalDate.ofEpochDay(d.get(row))
                                : LocalDate.ofEpochDay(Math.floorDiv(((DateMilliVector) vector).get(row), 86_400_000L)))
                        .toString();
            case Time ->
                LocalTime.ofNanoOfDay(
                                nanos(((Number) vector.getObject(row)).longValue(), ((ArrowType.Time) type).getUnit()))
                        .toString();
            case Timestamp -> timestamp((TimeStampVector) vector, row, (ArrowType.Timestamp) type);
            default -> String.valueOf(vector.getObject(row));
        };
    }

    private static long unsignedAware(BaseIntVector vector, int row, ArrowType.Int type) {
        long value = vector.getValueAsLong(row);
        return type.getIsSigned() ? value : value & ((1L << type.getBitWidth()) - 1);
    }

    private static String timestamp(TimeStampVector vector, int row, ArrowType.Timestamp type) {
        Instant instant = instant(vector.get(row), type.getUnit());
        return type.getTimezone() == null
                ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString()
                : instant.toString();
    }

    /** Splits into seconds and nanoseconds first: nanoseconds since 1970 overflow a long before 1678 and after 2262. */
    static Instant instant(long value, TimeUnit unit) {
        long perSecond = switch (unit) {
            case SECOND -> 1;
            case MILLISECOND -> 1_000;
            case MICROSECOND -> 1_000_000;
            case NANOSECOND -> 1_000_000_000;
        };
        return Instant.ofEpochSecond(
                Math.floorDiv(value, perSecond), Math.floorMod(value, perSecond) * (1_000_000_000 / perSecond));
    }

    private static long nanos(long value, TimeUnit unit) {
        return switch (unit) {
            case SECOND -> Math.multiplyExact(value, 1_000_000_000L);
            case MILLISECOND -> Math.multiplyExact(value, 1_000_000L);
            case MICROSECOND -> Math.multiplyExact(value, 1_000L);
            case NANOSECOND -> value;
        };
    }
}
