package io.datastores.jdbc.mysql;

import io.datastores.jdbc.ArrowValues;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.arrow.vector.FieldVector;

/**
 * Arrow values in the text forms MySQL-protocol servers (MySQL, MariaDB, StarRocks) take them,
 * shared by LOAD DATA, Stream Load and the INSERT fallback.
 * Temporal values travel as text with microseconds: Connector/J drops fractional seconds when it
 * binds temporal objects against MariaDB (which it takes for a 5.5 server), and a text value is
 * read by the server exactly. Timestamps with a zone are written as their UTC wall clock, since
 * sessions run in UTC. Stateless and thread-safe.
 */
public final class MySqlTextValues {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    private MySqlTextValues() {}

    /**
     * The multi-row INSERT binder: temporal values as text, non-finite floats refused, the rest as objects.
     *
     * @param vector a column
     * @param row a non-null row
     * @return the value to bind
     */
    public static Object bindable(FieldVector vector, int row) {
        return switch (vector.getField().getType().getTypeID()) {
            case Date -> date(vector, row);
            case Timestamp -> dateTime(vector, row);
            case Time -> time(vector, row);
            case FloatingPoint -> finite(vector, row);
            default -> ArrowValues.object(vector, row);
        };
    }

    /**
     * @param vector a date column
     * @param row a non-null row
     * @return {@code yyyy-MM-dd}
     */
    public static String date(FieldVector vector, int row) {
        return LocalDate.ofEpochDay(ArrowValues.epochDay(vector, row)).toString();
    }

    /**
     * @param vector a timestamp column; a zoned one is written as its UTC wall clock
     * @param row a non-null row
     * @return {@code yyyy-MM-dd HH:mm:ss.SSSSSS}
     */
    public static String dateTime(FieldVector vector, int row) {
        long micros = ArrowValues.epochMicros(vector, row);
        return DATE_TIME.format(LocalDateTime.ofEpochSecond(
                Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC));
    }

    /**
     * @param vector a time column
     * @param row a non-null row
     * @return {@code HH:mm:ss.SSSSSS}
     */
    public static String time(FieldVector vector, int row) {
        return TIME.format(LocalTime.ofNanoOfDay(ArrowValues.microsOfDay(vector, row) * 1000));
    }

    /**
     * @param vector a floating-point column
     * @param row a non-null row
     * @return the value as a double; a float widened to double keeps its exact value
     * @throws io.datastores.api.DatastoreException with INVALID_DATA for NaN and infinities, which
     *     these servers cannot store
     */
    public static double finite(FieldVector vector, int row) {
        double value = ArrowValues.doubleValue(vector, row);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw ArrowValues.invalid(vector, value + " cannot be stored in MySQL");
        }
        return value;
    }
}
