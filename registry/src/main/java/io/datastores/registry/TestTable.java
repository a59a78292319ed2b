package io.datastores.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every connection test's outcome, kept for the performance view. */
final class TestTable {
    private final Sql sql;

    TestTable(Sql sql) {
        this.sql = sql;
    }

    void record(long datastoreId, boolean success, double responseMillis, String failure) {
        sql.update(
                "INSERT INTO registry_connection_tests (datastore_id, tested_at, success, response_time_ms, failure) "
                        + "VALUES (?, ?, ?, ?, ?)",
                datastoreId,
                Times.now(),
                success ? 1 : 0,
                responseMillis,
                failure);
    }

    /** @return latency over successful tests within the window, and the last success and failure ever */
    Map<String, Object> performance(StoredDatastore datastore, Duration window) {
        String since = Times.format(Instant.now().minus(window));
        List<Double> latencies = new ArrayList<>(sql.query(
                "SELECT response_time_ms FROM registry_connection_tests "
                        + "WHERE datastore_id = ? AND success = 1 AND tested_at >= ? ORDER BY response_time_ms",
                List.of(datastore.id(), since),
                row -> row.getDouble(1)));
        long failures = sql.query(
                        "SELECT COUNT(*) FROM registry_connection_tests WHERE datastore_id = ? AND success = 0 "
                                + "AND tested_at >= ?",
                        List.of(datastore.id(), since),
                        row -> row.getLong(1))
                .get(0);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("datastore_id", datastore.id());
        result.put("window_hours", window.toHours());
        result.put("tests", latencies.size() + failures);
        result.put("successes", latencies.size());
        result.put("failures", failures);
        result.put(
                "avg_response_time_ms",
                latencies.isEmpty()
                        ? null
                        : round(latencies.stream()
                                .mapToDouble(Double::doubleValue)
                                .average()
                                .orElseThrow()));
        // Nearest-rank p95: the smallest latency at or above 95 % of the tests.
        result.put(
                "p95_response_time_ms",
                latencies.isEmpty() ? null : latencies.get((int) Math.ceil(0.95 * latencies.size()) - 1));
        result.put("last_success_at", last(datastore.id(), 1));
        result.put("last_failure_at", last(datastore.id(), 0));
        result.put(
                "last_failure",
                sql
                        .query(
                                "SELECT failure FROM registry_connection_tests WHERE datastore_id = ? "
                                        + "AND success = 0 ORDER BY tested_at DESC LIMIT 1",
                                List.of(datastore.id()),
                                row -> row.getString(1))
                        .stream()
                        .findFirst()
                        .orElse(null));
        result.put("declared_avg_response_time_ms", datastore.avgResponseTimeMs());
        result.put("max_connections", datastore.maxConnections());
        result.put("storage_capacity_gb", datastore.storageCapacityGb());
        return result;
    }

    private String last(long datastoreId, int success) {
        return sql.query(
                        "SELECT MAX(tested_at) FROM registry_connection_tests WHERE datastore_id = ? AND success = ?",
                        List.of(datastoreId, success),
                        row -> row.getString(1))
                .get(0);
    }

    static double round(double millis) {
        return Math.round(millis * 10) / 10.0;
    }
}
