package io.datastores.micrometer;

import io.datastores.api.DatastoreException;
import io.datastores.sync.Sync;
import io.datastores.sync.SyncListener;
import io.datastores.sync.SyncStats;
import io.datastores.sync.SyncStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer metrics for a sync job, all tagged {@code job} (the job's name):
 *
 * <ul>
 *   <li>{@code datastores.sync.runs} (timer): finished runs, {@code outcome} {@code success}
 *       or {@code partial} (some tables failed, the others completed);
 *   <li>{@code datastores.sync.tables} (timer): each table's part of a run, tagged {@code table}
 *       and {@code outcome} ({@code success} or {@code error});
 *   <li>{@code datastores.sync.records} (counter): records written, by {@code table};
 *   <li>{@code datastores.sync.errors} (counter): {@code syncError} events, by {@code error}
 *       (the {@code ErrorCode});
 *   <li>{@code datastores.sync.lag} (time gauge, seconds): now minus the table's stored cursor,
 *       by {@code table}, for cursors that are times (a timestamp or date track column); absent
 *       for numeric cursors. Read from the state after each run, so it grows between runs.
 * </ul>
 *
 * <p>Tags hold the job and table names and error codes only.
 */
public final class SyncMetrics {
    private final MeterRegistry registry;
    private final Sync sync;
    private final Clock clock;
    private final Tags job;
    private final Map<String, Instant> cursors = new ConcurrentHashMap<>();

    private SyncMetrics(MeterRegistry registry, Sync sync, Clock clock) {
        this.registry = registry;
        this.sync = sync;
        this.clock = clock;
        this.job = Tags.of("job", sync.job().name());
    }

    /**
     * Starts recording a sync job's runs. Reads nothing until the first run ends.
     *
     * @param sync the job
     * @param registry where the meters go
     * @return the same sync
     */
    public static Sync bind(Sync sync, MeterRegistry registry) {
        return bind(sync, registry, Clock.systemUTC());
    }

    static Sync bind(Sync sync, MeterRegistry registry, Clock clock) {
        Objects.requireNonNull(registry, "registry is null");
        SyncMetrics metrics = new SyncMetrics(registry, sync, clock);
        return sync.addListener(metrics.new Listener());
    }

    private final class Listener implements SyncListener {
        @Override
        public void onSyncComplete(SyncStats stats) {
            Timer.builder("datastores.sync.runs")
                    .tags(job)
                    .tag("outcome", stats.failed().isEmpty() ? "success" : "partial")
                    .register(registry)
                    .record(stats.durationMillis(), TimeUnit.MILLISECONDS);
            for (SyncStats.TableStats table : stats.tables()) {
                Tags tags = job.and("table", table.table());
                Timer.builder("datastores.sync.tables")
                        .tags(tags)
                        .tag("outcome", table.error() == null ? "success" : "error")
                        .register(registry)
                        .record(table.durationMillis(), TimeUnit.MILLISECONDS);
                Counter.builder("datastores.sync.records")
                        .baseUnit("records")
                        .tags(tags)
                        .register(registry)
                        .increment(table.records());
            }
            readCursors();
        }

        @Override
        public void onSyncError(DatastoreException error) {
            Counter.builder("datastores.sync.errors")
                    .tags(job)
                    .tag("error", error.code().name())
                    .register(registry)
                    .increment();
        }
    }

    private void readCursors() {
        for (Map.Entry<String, SyncStatus.TableStatus> entry :
                sync.status().tables().entrySet()) {
            Instant cursor = CursorTime.parse(entry.getValue().lastValue());
            if (cursor == null) {
                continue;
            }
            String table = entry.getKey();
            if (cursors.put(table, cursor) == null) {
                TimeGauge.builder(
                                "datastores.sync.lag",
                                cursors,
                                TimeUnit.MILLISECONDS,
                                c -> c.containsKey(table)
                                        ? clock.millis() - c.get(table).toEpochMilli()
                                        : Double.NaN)
                        .tags(job.and("table", table))
                        .register(registry);
            }
        }
    }
}
