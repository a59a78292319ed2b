package io.datastores.sync;

import io.datastores.api.bulk.ArrowTimestamps;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.function.Consumer;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The largest track value among the rows a run actually moves, watched batch by batch as they pass
 * to the target ({@link io.datastores.core.Transfer#inspect}), so no separate {@code max()} query is
 * needed and any datastore with a bulk reader can be a source. Under a safety lag only values
 * before the lag's bound count. Text compares by code point, as the read's filter does; the
 * cursor is then at most the largest value in the source's own order, so the next run can only
 * read more, never less. Used by the writing thread alone.
 */
final class HighWaterMark implements Consumer<VectorSchemaRoot> {
    private final String track;
    private final Duration lag;
    private final ZoneId zone;
    private Cursor bound;
    private Cursor max;

    /**
     * @param track the track column
     * @param lag the safety lag, or {@code null} for none
     * @param zone the zone the source writes wall-clock track values in
     */
    HighWaterMark(String track, Duration lag, ZoneId zone) {
        this.track = track;
        this.lag = lag;
        this.zone = zone;
    }

    @Override
    public void accept(VectorSchemaRoot batch) {
        FieldVector vector = batch.getVector(track);
        if (lag != null && bound == null) {
            for (int row = 0; row < batch.getRowCount() && bound == null; row++) {
                if (!vector.isNull(row)) {
                    // Now less the lag, in the column's own kind, taken when the first value is seen.
                    bound = Cursor.lagBound(Cursor.read(vector, row, track).kind(), lag, zone, track);
                }
            }
        }
        // The bound is parsed once a batch, and each row's value made once: this runs for every row moved.
        Object limit = bound == null ? null : bound.parameter();
        int best = -1;
        Object bestValue = null;
        for (int row = 0; row < batch.getRowCount(); row++) {
            if (vector.isNull(row)) {
                continue;
            }
            Object value = value(vector, row);
            if ((limit == null || compare(value, limit) < 0) && (best < 0 || compare(value, bestValue) > 0)) {
                best = row;
                bestValue = value;
            }
        }
        if (best >= 0) {
            Cursor candidate = Cursor.read(vector, best, track);
            if (max == null || compare(candidate.parameter(), max.parameter()) > 0) {
                max = candidate;
            }
        }
    }

    /**
     * @param previous the cursor stored by the last run, or {@code null}
     * @return the larger of the rows' maximum and the previous cursor, or {@code null} for neither
     */
    Cursor cursor(Cursor previous) {
        if (max == null || previous == null) {
            return max == null ? previous : max;
        }
        return compare(max.parameter(), previous.parameter()) >= 0 ? max : previous;
    }

    /** A row's value in the type its cursor binds as, compared without formatting a cursor per row. */
    private static Object value(FieldVector vector, int row) {
        if (vector instanceof TimeStampVector timestamps) {
            Instant instant = ArrowTimestamps.instant(timestamps, row);
            return ArrowTimestamps.zoned(timestamps)
                    ? instant.atOffset(ZoneOffset.UTC)
                    : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (vector instanceof DateDayVector days) {
            return LocalDate.ofEpochDay(days.get(row));
        }
        if (vector instanceof DateMilliVector millis) {
            return LocalDate.ofEpochDay(Math.floorDiv(millis.get(row), 86_400_000L));
        }
        if (vector instanceof BaseIntVector integers) {
            return integers.getValueAsLong(row);
        }
        if (vector instanceof DecimalVector decimals) {
            return decimals.getObject(row);
        }
        if (vector instanceof FloatingPointVector floats) {
            return BigDecimal.valueOf(floats.getValueAsDouble(row));
        }
        if (vector instanceof VarCharVector text) {
            return text.get(row);
        }
        // Cursor.read names the column and the types a cursor can have.
        return Cursor.read(vector, row, "?").parameter();
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object a, Object b) {
        if (a instanceof byte[] x) {
            return Arrays.compareUnsigned(x, b instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) b);
        }
        if (b instanceof byte[] y) {
            return -compare(b, a);
        }
        if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
            return x.toInstant().compareTo(y.toInstant());
        }
        if (a instanceof Long x && b instanceof BigDecimal y) {
            return BigDecimal.valueOf(x).compareTo(y);
        }
        if (a instanceof BigDecimal x && b instanceof Long y) {
            return x.compareTo(BigDecimal.valueOf(y));
        }
        if (a instanceof String x && b instanceof String y) {
            return Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8));
        }
        return ((Comparable<Object>) a).compareTo(b);
    }
}
