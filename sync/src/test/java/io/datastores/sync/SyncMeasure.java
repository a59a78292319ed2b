package io.datastores.sync;

import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.WriteMode;
import io.datastores.core.Transfer;
import io.datastores.core.TransferResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.FileHandler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Measure section, against the local PostgreSQL (source and target schemas on one
 * server). Not a {@code *Test}, so {@code mvn verify} never runs it; run it with
 * <pre>{@code mvn -B -pl sync -am test -Dtest=SyncMeasure -Dsurefire.failIfNoSpecifiedTests=false}</pre>
 * and read the numbers it prints. Rows default to 1,000,000 ({@code -Dsync.measure.rows=...}),
 * incremental runs to 40 ({@code -Dsync.measure.runs=...}); the median is of the runs after the
 * first twenty, which warm the JIT (the printed sequence shows runs settling by then).
 */
class SyncMeasure {
    private static final int ROWS = Integer.getInteger("sync.measure.rows", 1_000_000);
    private static final int RUNS = Integer.getInteger("sync.measure.runs", 40);
    private static final int WARM_UP = 20;

    @Test
    void fullSyncAgainstBulkTransferAndAnIncrementalRun() throws IOException {
        // Surefire relays the test JVM's stderr to Maven line by line, ~1 ms a line on this machine: a
        // cost that a job logging to a console or a file does not pay. The sync's log lines go to a file.
        Logger syncLog = Logger.getLogger(Sync.class.getName());
        FileHandler file = new FileHandler("target/sync-measure.log");
        file.setFormatter(new SimpleFormatter());
        syncLog.setUseParentHandlers(false);
        syncLog.addHandler(file);
        try (SyncFixture fixture = new SyncFixture()) {
            measure(fixture);
        } finally {
            syncLog.removeHandler(file);
            syncLog.setUseParentHandlers(true);
            file.close();
        }
    }

    private void measure(SyncFixture fixture) {
        fixture.src(
                "CREATE TABLE %s.lineitem (id bigint PRIMARY KEY, orderkey bigint NOT NULL, quantity numeric(12, 2), "
                        + "price numeric(12, 2), status char(1), comment varchar(44), shipped date, updated_at timestamptz)");
        fixture.src("INSERT INTO %s.lineitem SELECT i, i / 4, (i % 50) + 1, (i % 100000) / 100.0, "
                + "CASE WHEN i % 2 = 0 THEN 'F' ELSE 'O' END, 'comment number ' || i, date '2024-01-01' + (i % 365), "
                + "timestamptz '2024-01-01 00:00:00+00' + i * interval '1 second' FROM generate_series(1, " + ROWS
                + ") i");
        fixture.src("CREATE INDEX ON %s.lineitem (updated_at)");
        fixture.source.execute("VACUUM ANALYZE \"" + fixture.from + "\".lineitem");
        // A first copy warms the JIT and the caches, so neither measured path pays for them.
        Transfer.of(
                        fixture.source,
                        ReadRequest.table(TableRef.of(fixture.from, "lineitem")),
                        fixture.target,
                        TableRef.of(fixture.to, "warm_up"))
                .key("id")
                .batchSize(SyncJob.DEFAULT_BATCH_SIZE)
                .run();
        // Each measured path starts with no dirty pages of the one before to write back (superuser only, as here).
        fixture.source.execute("CHECKPOINT");
        TransferResult bulk = Transfer.of(
                        fixture.source,
                        ReadRequest.table(TableRef.of(fixture.from, "lineitem")),
                        fixture.target,
                        TableRef.of(fixture.to, "bulk_copy"))
                .mode(WriteMode.APPEND)
                .key("id")
                .batchSize(SyncJob.DEFAULT_BATCH_SIZE)
                .run();
        fixture.source.execute("CHECKPOINT");
        try (Sync sync = fixture.sync("tables: [lineitem]\n")) {
            SyncStats full = sync.run();
            long fullMillis = full.durationMillis();
            // Changed rows get distinct track values, so each run re-reads just one row at its cursor.
            String change = "UPDATE %s.lineitem SET price = price + 1, updated_at = clock_timestamp() WHERE id % "
                    + (ROWS / 1000) + " = ";
            // A sync job lives in one JVM and runs every sync_interval, so the steady state is what a
            // job pays: the first runs warm the JIT on the (different) read and upsert path; all are printed.
            List<SyncStats> runs = new ArrayList<>();
            for (int i = 1; i <= RUNS; i++) {
                fixture.src(change + i);
                runs.add(sync.run());
            }
            SyncStats cold = runs.get(0);
            List<SyncStats> warm = runs.subList(Math.min(WARM_UP, runs.size() - 1), runs.size()).stream()
                    .sorted(Comparator.comparingLong(SyncStats::durationMillis))
                    .toList();
            SyncStats incremental = warm.get(warm.size() / 2);
            fixture.assertInStep("lineitem", "id, orderkey, quantity, price, status, comment, shipped, updated_at");

            double bulkRate = bulk.rows() * 1000.0 / Math.max(1, bulk.elapsedMillis());
            double syncRate = full.records() * 1000.0 / Math.max(1, fullMillis);
            System.out.printf("rows: %,d%n", ROWS);
            System.out.printf(
                    "bulk transfer (same pair, PK target): %,d ms, %,.0f rows/s%n", bulk.elapsedMillis(), bulkRate);
            System.out.printf(
                    "full sync (first run):                %,d ms, %,.0f rows/s = %.2fx bulk%n",
                    fullMillis, syncRate, syncRate / bulkRate);
            System.out.printf("incremental run, cold, %,d rows:      %,d ms%n", cold.records(), cold.durationMillis());
            System.out.printf(
                    "incremental run, %,d rows (median of %d): %,d ms = %.2f%% of full%n",
                    incremental.records(),
                    warm.size(),
                    incremental.durationMillis(),
                    100.0 * incremental.durationMillis() / Math.max(1, fullMillis));
            System.out.println("every incremental run in order (ms): "
                    + runs.stream()
                            .map(run -> String.valueOf(run.durationMillis()))
                            .collect(Collectors.joining(" ")));
            // The read exactly as a run sends it: same SQL shape, cursor bound as the same Java type.
            Object cursor = Cursor.stored(
                            "INSTANT", sync.status().tables().get("lineitem").lastValue())
                    .parameter();
            System.out.println("plan of the incremental read:");
            fixture
                    .source
                    .query(
                            "EXPLAIN SELECT * FROM \"" + fixture.from + "\".\"lineitem\" WHERE \"updated_at\" >= ? "
                                    + "OR \"updated_at\" IS NULL",
                            cursor)
                    .rows()
                    .stream()
                    .map(Map::values)
                    .forEach(row -> System.out.println("  " + row.iterator().next()));
        }
    }
}
