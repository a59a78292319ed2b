package io.datastores.sync;

import io.datastores.core.JsonText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A job's state as users script against it; {@link #toJson()} gives the shape of the shared SPEC
 * ({@code lastSyncTime}, {@code tableMap} of {@code lastValue} and {@code recordCount},
 * {@code isRunning}) plus each table's {@code lastError} and {@code durationMs}. Immutable.
 *
 * @param lastSyncTime the latest successful table sync, or {@code null} when none
 * @param tables each table's state, by table name
 * @param running whether a run is going on now
 */
public record SyncStatus(Instant lastSyncTime, Map<String, TableStatus> tables, boolean running) {
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * Copies the map, keeping its order.
     *
     * @param lastSyncTime the latest successful table sync, or {@code null} when none
     * @param tables each table's state, by table name
     * @param running whether a run is going on now
     */
    public SyncStatus {
        tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    /**
     * One table's state.
     *
     * @param lastValue the stored cursor (ISO-8601, with offset for instants), or {@code null}
     * @param lastValueJson the same as a JSON value: a number for numeric cursors, else a string or {@code null}
     * @param recordCount records written since the last reset
     * @param lastSyncTime the last successful sync, or {@code null}
     * @param lastError the last run's error, or {@code null} when it succeeded
     * @param durationMillis the last run's duration
     */
    public record TableStatus(
            String lastValue,
            String lastValueJson,
            long recordCount,
            Instant lastSyncTime,
            String lastError,
            long durationMillis) {}

    /** @return the status as one line of JSON */
    public String toJson() {
        StringBuilder json = new StringBuilder("{\"lastSyncTime\": ")
                .append(time(lastSyncTime))
                .append(", \"tableMap\": {");
        String separator = "";
        for (Map.Entry<String, TableStatus> entry : tables.entrySet()) {
            TableStatus t = entry.getValue();
            json.append(separator)
                    .append(JsonText.quote(entry.getKey()))
                    .append(": {\"lastValue\": ")
                    .append(t.lastValueJson())
                    .append(", \"recordCount\": ")
                    .append(t.recordCount())
                    .append(", \"lastSyncTime\": ")
                    .append(time(t.lastSyncTime()))
                    .append(", \"lastError\": ")
                    .append(JsonText.quote(t.lastError()))
                    .append(", \"durationMs\": ")
                    .append(t.durationMillis())
                    .append('}');
            separator = ", ";
        }
        return json.append("}, \"isRunning\": ").append(running).append('}').toString();
    }

    private static String time(Instant instant) {
        return instant == null ? "null" : JsonText.quote(MILLIS.format(instant));
    }
}
