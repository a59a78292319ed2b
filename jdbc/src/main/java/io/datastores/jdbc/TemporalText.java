package io.datastores.jdbc;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Pattern;
import org.apache.arrow.vector.FieldVector;

/**
 * Reads dates, times and timestamps kept as text (SQLite keeps them so, whether reached through
 * JDBC or over HTTP): ISO-8601 in the forms SQLite's date functions write, or epoch milliseconds.
 * Stateless and thread-safe.
 */
public final class TemporalText {
    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,19}");

    private TemporalText() {}

    /**
     * @param text a time of day, {@code HH:mm[:ss[.fffffffff]]} or any ISO-8601 local time
     * @param vector the column being filled, named when the text is not a time
     * @return its nanosecond of day
     * @throws io.datastores.api.DatastoreException with INVALID_DATA when the text is not a time
     */
    public static long nanoOfDay(String text, FieldVector vector) {
        String value = text.strip();
        long nanos = clock(value, 0);
        try {
            return nanos >= 0 ? nanos : LocalTime.parse(value).toNanoOfDay();
        } catch (DateTimeException e) {
            throw ArrowValues.invalid(vector, "'" + text + "' is not an ISO-8601 time");
        }
    }

    /**
     * Parses {@code 2024-03-10}, {@code 2024-03-10 07:30:00.25} or {@code 2024-03-10T07:30Z} (an
     * offset is converted to the UTC wall clock), or whole epoch milliseconds.
     *
     * @param text the stored text
     * @param vector the column being filled, named when the text is not a date-time
     * @return the wall clock
     * @throws io.datastores.api.DatastoreException with INVALID_DATA when the text is neither form
     */
    public static LocalDateTime dateTime(String text, FieldVector vector) {
        String value = text.strip();
        try {
            // Most values have the plain form this SDK and SQLite's date functions write; reading
            // it by position is several times faster than a DateTimeFormatter.
            LocalDateTime plain = plainDateTime(value);
            if (plain != null) {
                return plain;
            }
            if (EPOCH_MILLIS.matcher(value).matches()) {
                long millis = Long.parseLong(value);
                return LocalDateTime.ofEpochSecond(
                        Math.floorDiv(millis, 1000L), (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
            }
            String iso = value.length() > 10 && value.charAt(10) == ' '
                    ? value.substring(0, 10) + 'T' + value.substring(11)
                    : value;
            TemporalAccessor parsed =
                    DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime zoned
                    ? zoned.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
                    : (LocalDateTime) parsed;
        } catch (DateTimeException | ArithmeticException e) {
            throw ArrowValues.invalid(vector, "'" + text + "' is neither an ISO-8601 date-time nor epoch milliseconds");
        }
    }

    /** @return {@code uuuu-MM-dd} or {@code uuuu-MM-dd HH:mm[:ss[.fffffffff]]} ('T' or space), or null for other forms */
    private static LocalDateTime plainDateTime(String value) {
        int year = digits(value, 0, 4);
        if (year < 0 || value.length() < 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            return null;
        }
        LocalDate date = LocalDate.of(year, digits(value, 5, 7), digits(value, 8, 10));
        if (value.length() == 10) {
            return date.atStartOfDay();
        }
        char separator = value.charAt(10);
        long nanos = separator == ' ' || separator == 'T' ? clock(value, 11) : -1;
        return nanos < 0 ? null : date.atStartOfDay().plusNanos(nanos);
    }

    /** @return the nanosecond of day of {@code HH:mm[:ss[.fffffffff]]} at {@code from} to the end, or -1 */
    private static long clock(String value, int from) {
        int length = value.length() - from;
        if (length < 5 || value.charAt(from + 2) != ':') {
            return -1;
        }
        int hour = digits(value, from, from + 2);
        int minute = digits(value, from + 3, from + 5);
        int second = 0;
        int nano = 0;
        if (length > 5) {
            if (length < 8 || value.charAt(from + 5) != ':') {
                return -1;
            }
            second = digits(value, from + 6, from + 8);
            if (length > 8) {
                int fractionDigits = length - 9;
                if (value.charAt(from + 8) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                    return -1;
                }
                nano = digits(value, from + 9, value.length()) * (int) Math.pow(10, 9 - fractionDigits);
            }
        }
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || nano < 0) {
            return -1;
        }
        return LocalTime.of(hour, minute, second, nano).toNanoOfDay();
    }

    /** @return the decimal number in {@code value[from, to)}, or -1 when it is not all digits */
    private static int digits(String value, int from, int to) {
        if (to > value.length()) {
            return -1;
        }
        int number = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }
}
