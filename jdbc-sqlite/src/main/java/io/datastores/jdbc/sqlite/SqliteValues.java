package io.datastores.jdbc.sqlite;

import io.datastores.api.ColumnInfo;
import io.datastores.jdbc.ArrowValues;
import io.datastores.jdbc.MultiRowInsert;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;

/**
 * Chooses the value SQLite is given for each Arrow value, from the target column's type affinity
 * (SQLite's rules, section 3.1 of its datatype documentation), so that what is stored is as exact
 * as SQLite can keep it:
 * <ul>
 * <li>dates, times and timestamps become ISO-8601 text ({@code 2024-03-10 07:30:00.250000}), the form
 *     SQLite's date functions read; a timestamp with a zone becomes its UTC wall clock;</li>
 * <li>into a TEXT column, numbers become their exact text (SQLite's own conversion of a REAL keeps
 *     only 15 digits);</li>
 * <li>into an INTEGER, REAL or NUMERIC column, decimals become integers when whole and doubles
 *     otherwise (SQLite has no decimal type); into a column without affinity they stay exact text;</li>
 * <li>booleans become 1 and 0, binary stays binary, text stays text.</li>
 * </ul>
 * What SQLite itself changes is not hidden: it stores NaN as NULL and −0.0 as 0.0.
 * Stateless and thread-safe.
 */
public final class SqliteValues {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    /** SQLite's type affinities. */
    public enum Affinity {
        /** Integers stay integers; whole reals become integers. */
        INTEGER,
        /** Numbers become text. */
        TEXT,
        /** Values are stored as given (also a column declared without a type). */
        BLOB,
        /** Integers become reals. */
        REAL,
        /** Text that reads as a number becomes a number. */
        NUMERIC;

        /**
         * SQLite's rules, in its order: the first that matches the declared type wins.
         *
         * @param declaredType the column's declared type, or {@code null}
         * @return its affinity
         */
        public static Affinity of(String declaredType) {
            String type = declaredType == null ? "" : declaredType.toUpperCase(Locale.ROOT);
            if (type.contains("INT")) {
                return INTEGER;
            }
            if (type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT")) {
                return TEXT;
            }
            if (type.isEmpty() || type.contains("BLOB")) {
                return BLOB;
            }
            if (type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB")) {
                return REAL;
            }
            return NUMERIC;
        }
    }

    private SqliteValues() {}

    /**
     * @param columns the target columns, whose names equal the source's field names
     * @return a binder that encodes each value for its target column
     */
    public static MultiRowInsert.Binder binder(List<ColumnInfo> columns) {
        Map<String, Affinity> affinities = new HashMap<>();
        for (ColumnInfo column : columns) {
            affinities.put(column.name(), Affinity.of(column.typeName()));
        }
        return (vector, row) -> bindable(affinities.get(vector.getName()), vector, row);
    }

    /**
     * @param literal a read filter's literal
     * @return a temporal literal as the text this class stores for it (timestamps as their UTC wall
     *     clock), so text comparison orders it right; any other literal as it is
     */
    public static Object filterValue(Object literal) {
        if (literal instanceof LocalDateTime wallClock) {
            return DATE_TIME.format(wallClock);
        }
        if (literal instanceof java.time.Instant instant) {
            return DATE_TIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
        if (literal instanceof java.time.OffsetDateTime time) {
            return DATE_TIME.format(LocalDateTime.ofInstant(time.toInstant(), ZoneOffset.UTC));
        }
        return literal instanceof LocalDate date ? date.toString() : literal;
    }

    /**
     * @param affinity the target column's affinity
     * @param vector the source column
     * @param row a non-null row
     * @return the value to bind: Long, Float, Double, String or byte[]
     */
    public static Object bindable(Affinity affinity, FieldVector vector, int row) {
        return switch (vector.getField().getType().getTypeID()) {
            case Bool -> ArrowValues.longValue(vector, row);
            case Date -> LocalDate.ofEpochDay(ArrowValues.epochDay(vector, row)).toString();
            case Time -> TIME.format(LocalTime.ofNanoOfDay(ArrowValues.microsOfDay(vector, row) * 1000));
            case Timestamp -> {
                long micros = ArrowValues.epochMicros(vector, row);
                yield DATE_TIME.format(LocalDateTime.ofEpochSecond(
                        Math.floorDiv(micros, 1_000_000L),
                        (int) Math.floorMod(micros, 1_000_000L) * 1000,
                        ZoneOffset.UTC));
            }
            case FloatingPoint -> affinity == Affinity.TEXT ? floatText(vector, row) : ArrowValues.object(vector, row);
            case Decimal -> decimal(affinity, ArrowValues.decimal(vector, row));
            case Int -> {
                Object value = ArrowValues.object(vector, row);
                // An unsigned 64-bit value above Long.MAX_VALUE has no SQLite integer; its text is exact.
                yield value instanceof BigInteger ? value.toString() : ((Number) value).longValue();
            }
            default -> ArrowValues.object(vector, row);
        };
    }

    private static String floatText(FieldVector vector, int row) {
        return vector instanceof Float4Vector f
                ? Float.toString(f.get(row))
                : Double.toString(ArrowValues.doubleValue(vector, row));
    }

    private static Object decimal(Affinity affinity, BigDecimal value) {
        if (affinity == Affinity.TEXT || affinity == Affinity.BLOB) {
            return value.toPlainString();
        }
        BigDecimal whole = value.stripTrailingZeros();
        if (whole.scale() <= 0 && whole.toBigInteger().bitLength() < 64) {
            return whole.longValueExact();
        }
        return value.doubleValue();
    }
}
