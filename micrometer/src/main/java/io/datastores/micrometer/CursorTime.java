package io.datastores.micrometer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads a stored sync cursor as a point in time, for the lag gauge. */
final class CursorTime {
    private CursorTime() {}

    /**
     * @param cursor the cursor as the sync state stores it: ISO-8601 with an offset for instants,
     *     without one for wall-clock timestamps (taken as UTC), a date, or a number
     * @return the instant, or {@code null} when the cursor is not a time
     */
    static Instant parse(String cursor) {
        if (cursor == null || cursor.isEmpty() || !Character.isDigit(cursor.charAt(0)) || cursor.indexOf('-') < 0) {
            return null;
        }
        try {
            return OffsetDateTime.parse(cursor).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(cursor).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(cursor).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    return null;
                }
            }
        }
    }
}
