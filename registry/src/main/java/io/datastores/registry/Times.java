package io.datastores.registry;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Stored times: UTC, microseconds, fixed width, so text order is time order on every store. */
final class Times {
    private static final DateTimeFormatter STORED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {}

    static String now() {
        return format(Instant.now());
    }

    static String format(Instant instant) {
        return STORED.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    static Instant parse(String stored) {
        return Instant.parse(stored);
    }

    /** @return now, or a microsecond after {@code previous} when the clock has not moved past it */
    static String after(String previous) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant floor = parse(previous).plus(1, ChronoUnit.MICROS);
        return format(now.isAfter(floor) ? now : floor);
    }
}
