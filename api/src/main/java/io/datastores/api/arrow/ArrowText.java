package io.datastores.api.arrow;

import io.datastores.api.bulk.ArrowTimestamps;
import java.math.BigDecimal;
import java.nio.ByteOrder;
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
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.BaseListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.holders.NullableIntervalMonthDayNanoHolder;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The text a store without the type keeps of a value ({@link #text}), written one way for every
 * provider; for a UUID, JSON, interval or list value ({@link #of}): the canonical UUID form, the JSON document as it is, an ISO-8601 duration
 * with months, days and seconds kept apart ({@code P14M3DT4.000005S}), a list as a JSON array and a struct as a
 * JSON object (its non-NULL fields, in order).
 * Stateless and thread-safe.
 */
public final class ArrowText {
    private static final int MAX_LONG_PRECISION = 18;
    private static final int MAX_FOUR_DIGIT_YEAR = 9999;
    // Arrow keeps decimals little-endian; ArrowBuf.getLong reads in the platform's order.
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private ArrowText() {}

    /**
     * @param vector a {@link UuidVector}, {@link JsonVector}, {@link IntervalMonthDayNanoVector}, list or struct vector
     * @param row a non-null row
     * @return its text, or {@code null} when the vector is of another type
     */
    public static String of(FieldVector vector, int row) {
        if (vector instanceof UuidVector uuid) {
            return uuid.getObject(row).toString();
        }
        if (vector instanceof JsonVector json) {
            return json.getObject(row);
        }
        if (vector instanceof IntervalMonthDayNanoVector interval) {
            return interval(interval, row);
        }
        if (vector instanceof BaseListVector list) {
            StringBuilder out = new StringBuilder();
            appendList(list, row, out);
            return out.toString();
        }
        if (vector instanceof StructVector struct) {
            StringBuilder out = new StringBuilder();
            appendStruct(struct, row, out);
            return out.toString();
        }
        return null;
    }

    /**
     * The text of any value, for stores that keep every value as text (CSV and JSON Lines parts,
     * Redis hash fields): {@link #of} for UUID, JSON, intervals and lists; otherwise integers (an
     * unsigned one by its unsigned value) and floats in Java's shortest round-trip form, decimals as
     * plain digits, binary as lowercase hex, booleans as {@code true}/{@code false}, dates, times
     * and timestamps in ISO-8601 (a zoned timestamp as a UTC instant with {@code Z}, one without a
     * zone as a local date-time), with every digit the unit carries.
     *
     * @param vector any vector
     * @param row a non-null row
     * @return the value's text
     */
    public static String text(FieldVector vector, int row) {
        String canonical = of(vector, row);
        if (canonical != null) {
            return canonical;
        }
        ArrowType type = vector.getField().getType();
        return switch (type.getTypeID()) {
            case Int -> integer((BaseIntVector) vector, row, (ArrowType.Int) type);
            case FloatingPoint ->
                vector instanceof Float8Vector f
                        ? Double.toString(f.get(row))
                        : vector instanceof Float4Vector f
                                ? Float.toString(f.get(row))
                                : String.valueOf(vector.getObject(row));
            case Decimal ->
                vector instanceof DecimalVector decimal
                        ? decimal(decimal, row)
                        : ((BigDecimal) vector.getObject(row)).toPlainString();
            case Utf8 -> new String(((VarCharVector) vector).get(row), StandardCharsets.UTF_8);
            case Binary, LargeBinary, FixedSizeBinary -> HexFormat.of().formatHex((byte[]) vector.getObject(row));
            case Bool -> ((BitVector) vector).get(row) != 0 ? "true" : "false";
            case Date ->
                date(
                        vector instanceof DateDayVector d
                                ? d.get(row)
                                : Math.floorDiv(((DateMilliVector) vector).get(row), 86_400_000L));
            case Time -> time(vector, row).toString();
            case Timestamp -> {
                Instant instant = ArrowTimestamps.instant((TimeStampVector) vector, row);
                yield ArrowTimestamps.zoned((TimeStampVector) vector)
                        ? instant.toString()
                        : LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
            }
            default -> String.valueOf(vector.getObject(row));
        };
    }

    /**
     * {@link BigDecimal#toPlainString()}, without making the BigDecimal where the unscaled value fits a long
     * (precision up to 18): a copy into a store that keeps text formats every decimal cell.
     */
    private static String decimal(DecimalVector vector, int row) {
        int scale = vector.getScale();
        if (vector.getPrecision() > MAX_LONG_PRECISION || scale < 0 || !LITTLE_ENDIAN) {
            return vector.getObject(row).toPlainString();
        }
        // The 16-byte little-endian two's complement value: with at most 18 digits its low 8 bytes hold it all,
        // unless a writer stored more digits than the type declares (then the high 8 bytes are not its sign).
        long offset = (long) row * DecimalVector.TYPE_WIDTH;
        long unscaled = vector.getDataBuffer().getLong(offset);
        if (vector.getDataBuffer().getLong(offset + Long.BYTES) != unscaled >> (Long.SIZE - 1)
                || unscaled == Long.MIN_VALUE) {
            return vector.getObject(row).toPlainString();
        }
        String digits = Long.toString(Math.abs(unscaled));
        if (scale == 0) {
            return unscaled < 0 ? "-" + digits : digits;
        }
        StringBuilder out = new StringBuilder(digits.length() + scale + 3);
        if (unscaled < 0) {
            out.append('-');
        }
        int whole = digits.length() - scale;
        if (whole > 0) {
            out.append(digits, 0, whole).append('.').append(digits, whole, digits.length());
        } else {
            out.append("0.");
            out.append("0".repeat(-whole)).append(digits);
        }
        return out.toString();
    }

    /** {@link LocalDate#toString()}, written directly for the years 0 to 9999 (the rest take the JDK's form). */
    private static String date(long epochDay) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int year = date.getYear();
        if (year < 0 || year > MAX_FOUR_DIGIT_YEAR) {
            return date.toString();
        }
        int month = date.getMonthValue();
        int day = date.getDayOfMonth();
        char[] text = {
            digit(year / 1000),
            digit(year / 100 % 10),
            digit(year / 10 % 10),
            digit(year % 10),
            '-',
            digit(month / 10),
            digit(month % 10),
            '-',
            digit(day / 10),
            digit(day % 10)
        };
        return new String(text);
    }

    private static char digit(int value) {
        return (char) ('0' + value);
    }

    private static String integer(BaseIntVector vector, int row, ArrowType.Int type) {
        long value = vector.getValueAsLong(row);
        if (type.getIsSigned()) {
            return Long.toString(value);
        }
        return type.getBitWidth() == 64
                ? Long.toUnsignedString(value)
                : Long.toString(value & ((1L << type.getBitWidth()) - 1));
    }

    private static LocalTime time(FieldVector vector, int row) {
        if (vector instanceof TimeSecVector seconds) {
            return LocalTime.ofSecondOfDay(seconds.get(row));
        }
        if (vector instanceof TimeMilliVector millis) {
            return LocalTime.ofNanoOfDay(millis.get(row) * 1_000_000L);
        }
        if (vector instanceof TimeMicroVector micros) {
            return LocalTime.ofNanoOfDay(micros.get(row) * 1_000L);
        }
        return LocalTime.ofNanoOfDay(((TimeNanoVector) vector).get(row));
    }

    /**
     * @param vector an interval vector
     * @param row a non-null row
     * @return {@code P<months>M<days>DT<seconds>S}, each part only when it is not zero ({@code PT0S} for none)
     */
    public static String interval(IntervalMonthDayNanoVector vector, int row) {
        NullableIntervalMonthDayNanoHolder holder = new NullableIntervalMonthDayNanoHolder();
        vector.get(row, holder);
        StringBuilder out = new StringBuilder("P");
        if (holder.months != 0) {
            out.append(holder.months).append('M');
        }
        if (holder.days != 0) {
            out.append(holder.days).append('D');
        }
        if (holder.nanoseconds != 0 || out.length() == 1) {
            out.append('T')
                    .append(BigDecimal.valueOf(holder.nanoseconds, 9)
                            .stripTrailingZeros()
                            .toPlainString())
                    .append('S');
        }
        return out.toString();
    }

    private static void appendList(BaseListVector list, int row, StringBuilder out) {
        FieldVector elements = list.getChildrenFromFields().get(0);
        out.append('[');
        for (int i = list.getElementStartIndex(row); i < list.getElementEndIndex(row); i++) {
            if (i > list.getElementStartIndex(row)) {
                out.append(',');
            }
            appendJson(elements, i, out);
        }
        out.append(']');
    }

    private static void appendStruct(StructVector struct, int row, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (FieldVector child : struct.getChildrenFromFields()) {
            if (child.isNull(row)) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(child.getName(), out);
            out.append(':');
            appendJson(child, row, out);
        }
        out.append('}');
    }

    private static void appendJson(FieldVector vector, int index, StringBuilder out) {
        if (vector.isNull(index)) {
            out.append("null");
        } else if (vector instanceof BaseListVector list) {
            appendList(list, index, out);
        } else if (vector instanceof StructVector struct) {
            appendStruct(struct, index, out);
        } else if (vector instanceof JsonVector json) {
            out.append(json.getObject(index));
        } else if (vector instanceof BitVector bit) {
            out.append(bit.get(index) != 0);
        } else if (vector instanceof FloatingPointVector floating
                && Double.isFinite(floating.getValueAsDouble(index))) {
            out.append(vector.getObject(index));
        } else if (vector instanceof VarCharVector text) {
            quote(new String(text.get(index), StandardCharsets.UTF_8), out);
        } else if (vector instanceof DateDayVector date) {
            quote(LocalDate.ofEpochDay(date.get(index)).toString(), out);
        } else {
            Object value = vector.getObject(index);
            String text = of(vector, index);
            if (text == null) {
                text = value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
            }
            if (value instanceof Number && !(vector instanceof FloatingPointVector)) {
                out.append(text);
            } else {
                quote(value instanceof LocalDateTime time ? time.toString() : text, out);
            }
        }
    }

    /**
     * Appends a JSON string literal: quotes, backslashes and control characters escaped, everything
     * else as it is. The one JSON escaping of the SDK (core's {@code JsonText} uses it too).
     *
     * @param text any text, not null
     * @param out where the literal is appended
     */
    public static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
