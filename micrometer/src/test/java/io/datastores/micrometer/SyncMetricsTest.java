package io.datastores.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.core.Datastores;
import io.datastores.core.Placeholders;
import io.datastores.sync.Sync;
import io.datastores.sync.SyncJob;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncMetricsTest {
    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void runsTablesRecordsAndLagAreRecordedByJobAndTable(@TempDir Path dir) {
        Instant now = Instant.parse("2026-06-02T12:00:00Z");
        try (Datastores datastores = DatastoresMetrics.instrument(Datastores.loader(), registry)
                .environment(Map.of("DIR", dir.toString()))
                .fromYaml("""
                        datastores:
                          src: {type: duckdb, connection: {database: '${DIR}/src.duckdb'}}
                          dst: {type: duckdb, connection: {database: '${DIR}/dst.duckdb'}}
                        """)) {
            datastores.get("src").execute("CREATE TABLE events (id INTEGER PRIMARY KEY, updated_at TIMESTAMP)");
            datastores
                    .get("src")
                    .execute("INSERT INTO events SELECT range, TIMESTAMP '2026-06-02 11:00:00' - "
                            + "INTERVAL (range) MINUTE FROM range(120)");
            datastores.get("src").execute("CREATE TABLE counters (n INTEGER PRIMARY KEY, updated_at INTEGER)");
            datastores.get("src").execute("INSERT INTO counters VALUES (1, 10), (2, 20)");
            SyncJob job = SyncJob.parse("""
                    name: nightly
                    source_provider: {data_backend: {datastore_name: src, schema: main}}
                    target_provider: {data_backend: {datastore_name: dst, schema: main}}
                    tables: [events, counters, missing]
                    track_column: updated_at
                    """, Placeholders.of(Map.of()));
            try (Sync sync =
                    SyncMetrics.bind(Sync.create(datastores, job), registry, Clock.fixed(now, ZoneOffset.UTC))) {
                sync.run();
            }
        }
        assertThat(registry.get("datastores.sync.runs")
                        .tags("job", "nightly", "outcome", "partial")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("datastores.sync.tables")
                        .tags("job", "nightly", "table", "events", "outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("datastores.sync.tables")
                        .tags("table", "missing", "outcome", "error")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("datastores.sync.records")
                        .tags("job", "nightly", "table", "events")
                        .counter()
                        .count())
                .isEqualTo(120);
        assertThat(registry.get("datastores.sync.errors")
                        .tags("job", "nightly", "error", "NOT_FOUND")
                        .counter()
                        .count())
                .isEqualTo(1);
        // The newest event is at 11:00 and the clock says 12:00: an hour behind.
        assertThat(registry.get("datastores.sync.lag")
                        .tags("job", "nightly", "table", "events")
                        .timeGauge()
                        .value(TimeUnit.SECONDS))
                .isEqualTo(3600);
        assertThat(registry.find("datastores.sync.lag").tag("table", "counters").timeGauge())
                .as("a numeric cursor has no lag in time")
                .isNull();
    }
}
