package io.datastores.sync;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.bulk.ArrowTimestamps;
import io.datastores.core.JsonText;
import io.datastores.sync.SyncJob.Lookback;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * A high-water mark of a track column, kept typed so it is bound back exactly as it was read. The
 * value is read from the source as Arrow (never through {@code java.sql.Timestamp}), so the JVM's
 * default time zone plays no part: an instant ({@code timestamptz}) is stored as ISO-8601 in UTC
 * with its offset, a wall-clock timestamp ({@code timestamp} without zone) as ISO-8601 without
 * offset, because it has none and inventing one would shift it. Immutable.
 *
 * @param kind the type
 * @param value the canonical text, as stored in the state table
 */
record Cursor(Kind kind, String value) {
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS");

    /** The cursor types, with the Java type each is bound as. */
    enum Kind {
        /** A point in time; bound as an {@link OffsetDateTime} in UTC. */
        INSTANT,
        /** A timestamp without zone; bound as a {@link LocalDateTime}. */
        LOCAL_TIMESTAMP,
        /** A date; bound as a {@link LocalDate}. */
        DATE,
        /** A whole number; bound as a {@link Long}. */
        INTEGER,
        /** A decimal or floating-point number; bound as a {@link BigDecimal}. */
        DECIMAL,
        /** Text, compared in the source's collation; bound as a {@link String}. */
        TEXT
    }

    Cursor {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(value, "value is null");
    }

    /**
     * @param vector a one-column result
     * @param row the row to read
     * @param column the track column, for messages
     * @return the cursor, or {@code null} when the value is NULL
     */
    static Cursor read(FieldVector vector, int row, String column) {
        if (vector.isNull(row)) {
            return null;
        }
        if (vector instanceof TimeStampVector timestamps) {
            LocalDateTime utc = LocalDateTime.ofInstant(ArrowTimestamps.instant(timestamps, row), ZoneOffset.UTC);
            return ArrowTimestamps.zoned(timestamps) ? instant(utc) : local(utc);
        }
        if (vector instanceof DateDayVector days) {
            return new Cursor(Kind.DATE, LocalDate.ofEpochDay(days.get(row)).toString());
        }
        if (vector instanceof DateMilliVector millis) {
            return new Cursor(
                    Kind.DATE,
                    LocalDate.ofEpochDay(Math.floorDiv(millis.get(row), 86_400_000L))
                            .toString());
        }
        if (vector instanceof BaseIntVector integers) {
            return new Cursor(Kind.INTEGER, Long.toString(integers.getValueAsLong(row)));
        }
        if (vector instanceof DecimalVector decimals) {
            return new Cursor(Kind.DECIMAL, decimals.getObject(row).toPlainString());
        }
        if (vector instanceof FloatingPointVector floats) {
            return new Cursor(
                    Kind.DECIMAL,
                    BigDecimal.valueOf(floats.getValueAsDouble(row)).toPlainString());
        }
        if (vector instanceof VarCharVector text) {
            return new Cursor(Kind.TEXT, text.getObject(row).toString());
        }
        throw DatastoreException.of(
                ErrorCode.UNSUPPORTED,
                "Track column '" + column + "' has type " + vector.getField().getType()
                        + ", which cannot be a cursor; use a timestamp, date, number or text column");
    }

    private static Cursor instant(LocalDateTime utc) {
        return new Cursor(Kind.INSTANT, format(utc) + "Z");
    }

    private static Cursor local(LocalDateTime wallClock) {
        return new Cursor(Kind.LOCAL_TIMESTAMP, format(wallClock));
    }

    /** Shows milliseconds (as users' status scripts expect) unless finer digits would be lost. */
    private static String format(LocalDateTime time) {
        int nanos = time.getNano();
        return (nanos % 1_000_000 == 0 ? MILLIS : nanos % 1_000 == 0 ? MICROS : NANOS).format(time);
    }

    /**
     * @param kind a stored kind name
     * @param value a stored value
     * @return the cursor, or {@code null} when nothing is stored
     */
    static Cursor stored(String kind, String value) {
        if (kind == null || value == null) {
            return null;
        }
        return new Cursor(Kind.valueOf(kind), value);
    }

    /** @return the value as the Java type a JDBC driver binds to the column's own type */
    Object parameter() {
        return switch (kind) {
            case INSTANT -> OffsetDateTime.parse(value);
            case LOCAL_TIMESTAMP -> LocalDateTime.parse(value);
            case DATE -> LocalDate.parse(value);
            case INTEGER -> Long.valueOf(value);
            case DECIMAL -> new BigDecimal(value);
            case TEXT -> value;
        };
    }

    /**
     * @param lookback how far back to start
     * @param column the track column, for messages
     * @return this cursor moved back by the lookback
     */
    Cursor minus(Lookback lookback, String column) {
        boolean temporal = kind == Kind.INSTANT || kind == Kind.LOCAL_TIMESTAMP || kind == Kind.DATE;
        if (kind == Kind.TEXT || temporal != (lookback.time() != null)) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_CONFIG,
                    "lookback '" + lookback + "' does not fit track column '"
                            + column + "' of kind " + kind.name().toLowerCase(java.util.Locale.ROOT)
                            + ": use a duration (10m) for "
                            + "time and date columns, a number for numeric columns, and none for text");
        }
        return switch (kind) {
            case INSTANT ->
                instant(OffsetDateTime.parse(value).minus(lookback.time()).toLocalDateTime());
            case LOCAL_TIMESTAMP -> local(LocalDateTime.parse(value).minus(lookback.time()));
            case DATE ->
                new Cursor(
                        kind,
                        LocalDate.parse(value)
                                .minusDays((lookback.time().toSeconds() + 86_399) / 86_400)
                                .toString());
            case INTEGER ->
                new Cursor(
                        kind,
                        new BigDecimal(value)
                                .subtract(lookback.amount())
                                .setScale(0, RoundingMode.FLOOR)
                                .toPlainString());
            default ->
                new Cursor(
                        kind, new BigDecimal(value).subtract(lookback.amount()).toPlainString());
        };
    }

    /**
     * The newest value a run may take as its cursor under a safety lag: now less the lag, in the
     * track column's own kind. Instants use the process clock in UTC; wall-clock timestamps and
     * dates read the clock in {@code zone}, the zone the source writes them in.
     *
     * @param kind the track column's kind, from its high-water mark
     * @param lag the safety lag
     * @param zone the zone of wall-clock track values
     * @param column the track column, for messages
     * @return the exclusive upper bound for the cursor
     */
    static Cursor lagBound(Kind kind, Duration lag, ZoneId zone, String column) {
        return switch (kind) {
            case INSTANT -> instant(LocalDateTime.now(ZoneOffset.UTC).minus(lag));
            case LOCAL_TIMESTAMP -> local(LocalDateTime.now(zone).minus(lag));
            case DATE ->
                new Cursor(
                        kind, LocalDateTime.now(zone).minus(lag).toLocalDate().toString());
            default ->
                throw DatastoreException.of(
                        ErrorCode.INVALID_CONFIG,
                        "safety_lag needs a time or date track "
                                + "column, but '" + column + "' is of kind "
                                + kind.name().toLowerCase(java.util.Locale.ROOT)
                                + "; remove safety_lag (a numeric cursor has no clock to lag behind)");
        };
    }

    /** @return the value as JSON: a number for numeric cursors, else a string */
    String json() {
        return kind == Kind.INTEGER || kind == Kind.DECIMAL ? value : JsonText.quote(value);
    }
}
