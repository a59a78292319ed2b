package io.datastores.api.bulk;

import java.time.Instant;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Reads Arrow timestamps as {@link Instant}s, whatever their unit, without the JVM's time zone:
 * the one place every module that compares or formats Arrow timestamps decodes them.
 */
public final class ArrowTimestamps {
    private ArrowTimestamps() {}

    /**
     * @param vector a timestamp vector of any unit
     * @param row a row whose value is not NULL
     * @return the value as an instant; for a timestamp without zone, the wall clock read as UTC
     */
    public static Instant instant(TimeStampVector vector, int row) {
        long raw = vector.get(row);
        return switch (((ArrowType.Timestamp) vector.getField().getType()).getUnit()) {
            case SECOND -> Instant.ofEpochSecond(raw);
            case MILLISECOND -> Instant.ofEpochMilli(raw);
            case MICROSECOND ->
                Instant.ofEpochSecond(Math.floorDiv(raw, 1_000_000L), Math.floorMod(raw, 1_000_000L) * 1_000L);
            case NANOSECOND ->
                Instant.ofEpochSecond(Math.floorDiv(raw, 1_000_000_000L), Math.floorMod(raw, 1_000_000_000L));
        };
    }

    /**
     * @param vector a timestamp vector
     * @return whether its values are instants (a zone is declared) rather than wall-clock times
     */
    public static boolean zoned(TimeStampVector vector) {
        return ((ArrowType.Timestamp) vector.getField().getType()).getTimezone() != null;
    }
}
