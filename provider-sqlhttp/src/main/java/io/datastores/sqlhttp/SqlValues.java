package io.datastores.sqlhttp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Turns the Java values callers bind into the five kinds SQLite stores: {@code null}, Long, Double,
 * String and byte[]. Booleans become 1 and 0; dates and times become the ISO-8601 text SQLite's date
 * functions read (an instant as its UTC wall clock), as the embedded SQLite provider writes them.
 */
final class SqlValues {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    private SqlValues() {}

    static Object bindable(Object value) {
        if (value == null
                || value instanceof Long
                || value instanceof Double
                || value instanceof String
                || value instanceof byte[]) {
            return value;
        }
        if (value instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValueExact() : big.toString();
        }
        if (value instanceof BigDecimal decimal) {
            BigDecimal whole = decimal.stripTrailingZeros();
            return whole.scale() <= 0 && whole.toBigInteger().bitLength() < 64
                    ? (Object) whole.longValueExact()
                    : decimal.doubleValue();
        }
        if (value instanceof Float || value instanceof Double) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof LocalDateTime t) {
            return DATE_TIME.format(t);
        }
        if (value instanceof OffsetDateTime t) {
            return DATE_TIME.format(t.withOffsetSameInstant(ZoneOffset.UTC));
        }
        if (value instanceof Instant t) {
            return DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
        }
        if (value instanceof LocalTime t) {
            return TIME.format(t);
        }
        // LocalDate's, and everything else's, text.
        return value.toString();
    }
}
