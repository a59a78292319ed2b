package io.datastores.jdbc;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.arrow.ArrowText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.ExtensionTypeVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Reads single values out of Arrow vectors in the forms bulk writers need: JDBC-bindable objects,
 * primitive numbers, UTF-8 bytes, epoch days and epoch microseconds. Shared by every provider so
 * each Arrow type is interpreted one way only.
 *
 * <p>Stateless and thread-safe. Callers check {@link FieldVector#isNull(int)} first; the accessors
 * assume a non-null value. A value that cannot be converted fails with
 * {@link ErrorCode#INVALID_DATA} naming the column.
 */
public final class ArrowValues {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private ArrowValues() {}

    /**
     * @param vector a vector
     * @param row a non-null row
     * @return the value as an object JDBC drivers bind: Boolean, Byte … Long, BigInteger (UInt8),
     *     Float, Double, BigDecimal, String, byte[], LocalDate, LocalTime, LocalDateTime (timestamps
     *     without zone) or OffsetDateTime in UTC (timestamps with a zone); UUIDs, JSON, intervals and
     *     lists as the text {@link ArrowText} gives them, for databases that store them as text
     */
    public static Object object(FieldVector vector, int row) {
        if (vector instanceof ExtensionTypeVector<?>) {
            return textForm(vector, row);
        }
        ArrowType type = vector.getField().getType();
        return switch (type.getTypeID()) {
            case Bool -> ((BitVector) vector).get(row) != 0;
            case Int ->
                vector instanceof UInt8Vector u
                        ? new BigInteger(Long.toUnsignedString(u.get(row)))
                        : integerObject(vector, row);
            case FloatingPoint ->
                vector instanceof Float4Vector f ? (Object) f.get(row) : (Object) doubleValue(vector, row);
            case Decimal -> decimal(vector, row);
            case Utf8, LargeUtf8, Utf8View -> string(vector, row);
            case Binary, LargeBinary, BinaryView, FixedSizeBinary -> bytes(vector, row);
            case Date -> LocalDate.ofEpochDay(epochDay(vector, row));
            case Time -> LocalTime.ofNanoOfDay(microsOfDay(vector, row) * 1000);
            case Timestamp -> {
                long micros = epochMicros(vector, row);
                LocalDateTime utc = LocalDateTime.ofEpochSecond(
                        Math.floorDiv(micros, 1_000_000L),
                        (int) Math.floorMod(micros, 1_000_000L) * 1000,
                        ZoneOffset.UTC);
                yield hasZone(vector) ? OffsetDateTime.of(utc, ZoneOffset.UTC) : utc;
            }
            case Interval, List, LargeList, Struct -> textForm(vector, row);
            default -> throw unsupported(vector);
        };
    }

    private static String textForm(FieldVector vector, int row) {
        String text = ArrowText.of(vector, row);
        if (text == null) {
            throw unsupported(vector);
        }
        return text;
    }

    private static Object integerObject(FieldVector vector, int row) {
        long value = longValue(vector, row);
        return switch (((ArrowType.Int) vector.getField().getType()).getBitWidth()) {
            case 8 -> vector instanceof UInt1Vector ? (Object) (short) value : (Object) (byte) value;
            case 16 -> vector instanceof UInt2Vector ? (Object) (int) value : (Object) (short) value;
            case 32 -> vector instanceof UInt4Vector ? (Object) value : (Object) (int) value;
            default -> value;
        };
    }

    /**
     * @param vector an integer vector of any width (unsigned 64-bit values above
     *     {@link Long#MAX_VALUE} are rejected), or a boolean vector (1/0)
     * @param row a non-null row
     * @return the value
     */
    public static long longValue(FieldVector vector, int row) {
        if (vector instanceof BitVector bit) {
            return bit.get(row);
        }
        if (vector instanceof UInt1Vector u) {
            return u.getValueAsLong(row);
        }
        if (vector instanceof UInt2Vector u) {
            return u.get(row);
        }
        if (vector instanceof UInt4Vector u) {
            return u.getValueAsLong(row);
        }
        if (vector instanceof UInt8Vector u) {
            long value = u.get(row);
            if (value < 0) {
                throw invalid(
                        vector,
                        "unsigned value " + Long.toUnsignedString(value) + " does not fit a signed 64-bit integer");
            }
            return value;
        }
        if (vector instanceof BaseIntVector integers) {
            return integers.getValueAsLong(row);
        }
        throw invalid(
                vector, "expected an integer column, found " + vector.getField().getType());
    }

    /**
     * @param vector a floating-point, integer or decimal vector
     * @param row a non-null row
     * @return the value as a double
     */
    public static double doubleValue(FieldVector vector, int row) {
        if (vector instanceof Float8Vector f) {
            return f.get(row);
        }
        if (vector instanceof Float4Vector f) {
            return f.get(row);
        }
        if (vector instanceof Float2Vector f) {
            return f.getValueAsFloat(row);
        }
        if (vector instanceof DecimalVector || vector instanceof Decimal256Vector) {
            return decimal(vector, row).doubleValue();
        }
        return longValue(vector, row);
    }

    /**
     * @param vector a decimal, integer or floating-point vector (NaN and infinities are rejected)
     * @param row a non-null row
     * @return the exact value
     */
    public static BigDecimal decimal(FieldVector vector, int row) {
        if (vector instanceof DecimalVector d) {
            return d.getObject(row);
        }
        if (vector instanceof Decimal256Vector d) {
            return d.getObject(row);
        }
        if (vector instanceof UInt8Vector u) {
            return new BigDecimal(Long.toUnsignedString(u.get(row)));
        }
        if (vector instanceof BaseIntVector) {
            return BigDecimal.valueOf(longValue(vector, row));
        }
        double value = doubleValue(vector, row);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw invalid(vector, value + " has no exact decimal value");
        }
        return BigDecimal.valueOf(value);
    }

    /**
     * @param vector a vector of any supported type; text is returned as is, other values in their
     *     canonical text form
     * @param row a non-null row
     * @return the value as text
     */
    public static String string(FieldVector vector, int row) {
        if (vector instanceof VariableWidthFieldVector text && isText(vector)) {
            return new String(text.get(row), StandardCharsets.UTF_8);
        }
        Object value = object(vector, row);
        return value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
    }

    /**
     * @param vector a binary vector, or a text vector (its UTF-8 bytes)
     * @param row a non-null row
     * @return a copy of the bytes
     */
    public static byte[] bytes(FieldVector vector, int row) {
        if (vector instanceof VariableWidthFieldVector variable) {
            return variable.get(row);
        }
        if (vector instanceof FixedSizeBinaryVector fixed) {
            return fixed.get(row);
        }
        throw invalid(
                vector,
                "expected a binary or text column, found " + vector.getField().getType());
    }

    /**
     * @param vector a vector
     * @return whether it holds UTF-8 text, whose bytes can be copied without decoding
     */
    public static boolean isText(FieldVector vector) {
        return switch (vector.getField().getType().getTypeID()) {
            case Utf8, LargeUtf8, Utf8View -> true;
            default -> false;
        };
    }

    /**
     * @param vector a date vector, or a timestamp vector (its UTC date)
     * @param row a non-null row
     * @return days since 1970-01-01
     */
    public static int epochDay(FieldVector vector, int row) {
        if (vector instanceof DateDayVector d) {
            return d.get(row);
        }
        if (vector instanceof DateMilliVector d) {
            return (int) Math.floorDiv(d.get(row), 86_400_000L);
        }
        if (vector instanceof TimeStampVector) {
            return (int) Math.floorDiv(epochMicros(vector, row), MICROS_PER_DAY);
        }
        throw invalid(
                vector, "expected a date column, found " + vector.getField().getType());
    }

    /**
     * @param vector a timestamp vector of any unit (nanoseconds are truncated to microseconds), or a
     *     date vector (midnight)
     * @param row a non-null row
     * @return microseconds since 1970-01-01T00:00 UTC; for a timestamp without a zone, the wall
     *     clock read as if it were UTC
     */
    public static long epochMicros(FieldVector vector, int row) {
        if (vector instanceof TimeStampVector ts) {
            long raw = ts.get(row);
            return switch (((ArrowType.Timestamp) vector.getField().getType()).getUnit()) {
                case SECOND -> Math.multiplyExact(raw, 1_000_000L);
                case MILLISECOND -> Math.multiplyExact(raw, 1_000L);
                case MICROSECOND -> raw;
                case NANOSECOND -> Math.floorDiv(raw, 1_000L);
            };
        }
        if (vector instanceof DateDayVector || vector instanceof DateMilliVector) {
            return epochDay(vector, row) * MICROS_PER_DAY;
        }
        throw invalid(
                vector,
                "expected a timestamp column, found " + vector.getField().getType());
    }

    /**
     * @param vector a time-of-day vector of any unit
     * @param row a non-null row
     * @return microseconds since midnight
     */
    public static long microsOfDay(FieldVector vector, int row) {
        if (vector instanceof TimeMicroVector t) {
            return t.get(row);
        }
        if (vector instanceof TimeMilliVector t) {
            return t.get(row) * 1_000L;
        }
        if (vector instanceof TimeNanoVector t) {
            return t.get(row) / 1_000L;
        }
        if (vector instanceof TimeSecVector t) {
            return t.get(row) * 1_000_000L;
        }
        throw invalid(
                vector, "expected a time column, found " + vector.getField().getType());
    }

    /**
     * @param vector a vector
     * @return whether it is a timestamp with a time zone (an instant) rather than a wall clock
     */
    public static boolean hasZone(FieldVector vector) {
        return vector.getField().getType() instanceof ArrowType.Timestamp ts && ts.getTimezone() != null;
    }

    /**
     * @param vector the column
     * @param why what is wrong with its value
     * @return an {@link ErrorCode#INVALID_DATA} exception naming the column
     */
    public static DatastoreException invalid(FieldVector vector, String why) {
        return DatastoreException.of(ErrorCode.INVALID_DATA, "Column '" + vector.getName() + "': " + why);
    }

    private static DatastoreException unsupported(FieldVector vector) {
        return DatastoreException.of(
                ErrorCode.UNSUPPORTED,
                "Column '" + vector.getName() + "' has Arrow type "
                        + vector.getField().getType() + ", which bulk writes do not support");
    }
}
