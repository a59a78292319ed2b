package io.datastores.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sync API against the real local PostgreSQL: runs, logs, events, status, reset, schedule, schema changes. */
class SyncTest {
    private SyncFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new SyncFixture();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void firstRunCreatesTheTableLogsAsTheSpecSaysAndTellsListeners() {
        fixture.users(1250);
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger(Sync.class.getName());
        logger.addHandler(handler);
        List<String> events = new CopyOnWriteArrayList<>();
        try (Sync sync = fixture.sync("tables: [users]\n")) {
            sync.addListener(new SyncListener() {
                @Override
                public void onSyncStart(List<String> tables) {
                    events.add("start " + tables);
                }

                @Override
                public void onSyncComplete(SyncStats stats) {
                    events.add("complete " + stats.records());
                }
            });
            SyncStats stats = sync.run();

            assertThat(stats.records()).isEqualTo(1250);
            assertThat(stats.tables().get(0).createdTable()).isTrue();
            assertThat(events).containsExactly("start [users]", "complete 1250");
            assertThat(lines)
                    .containsSubsequence(
                            "[test] Syncing table users",
                            "[test] Created table users",
                            "[test] Synced 1250 records for table users");
            fixture.assertUsersInStep();
            assertThat(fixture.target.describe(TableRef.of(fixture.to, "users")).primaryKey())
                    .containsExactly("id");

            SyncStatus status = sync.status();
            assertThat(status.running()).isFalse();
            assertThat(status.tables().get("users").lastValue()).isEqualTo("2024-01-01T00:20:50.000Z");
            assertThat(status.tables().get("users").recordCount()).isEqualTo(1250);
            assertThat(status.toJson())
                    .startsWith("{\"lastSyncTime\": \"20")
                    .contains(
                            "\"tableMap\": {\"users\": {\"lastValue\": \"2024-01-01T00:20:50.000Z\", \"recordCount\": 1250, ")
                    .contains("\"lastError\": null")
                    .endsWith("\"isRunning\": false}");
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void incrementalRunsUpsertInsertsAndUpdatesAndReadOnlyFromTheCursor() {
        fixture.users(1000);
        try (Sync sync = fixture.sync("tables: [users]\n")) {
            sync.run();
            fixture.src("UPDATE %s.users SET name = 'changed', updated_at = now() WHERE id <= 10");
            fixture.src("INSERT INTO %s.users VALUES (5001, 'new', 1, now()), (5002, 'no cursor yet', 2, NULL)");

            SyncStats second = sync.run();

            // The ten updated rows, the two new ones, and of the older rows only the one at the cursor (>=).
            assertThat(second.records()).isEqualTo(13);
            fixture.assertUsersInStep();
            // Row 5001 holds the new high-water mark; row 5002's NULL track value is re-read on every run.
            assertThat(sync.run().records())
                    .as("a quiet run re-reads only the rows at the cursor and NULLs")
                    .isEqualTo(2);
            fixture.assertUsersInStep();
        }
    }

    @Test
    void theOlderInlineConnectionFormSyncsAndIsClosedWithTheSync() {
        fixture.users(200);
        SyncJob job = SyncJob.parse(
                        "source_provider:\n  data_backend: {type: 'postgres', connection: {host: '"
                                + fixture.server.host() + "', port: " + fixture.server.port() + ", user: '"
                                + fixture.server.user()
                                + "', password: '${PW:}', dbname: '" + fixture.server.database() + "'}, schema: '"
                                + fixture.from + "'}\n"
                                + "tables: [users]\ntrack_column: updated_at\n",
                        io.datastores.core.Placeholders.of(java.util.Map.of("PW", fixture.server.password())))
                .withTarget("dst", fixture.to);
        List<Boolean> runningInside = new ArrayList<>();
        try (Sync sync = Sync.create(fixture.datastores, job)) {
            sync.afterWrite(table -> runningInside.add(sync.status().running()));
            assertThat(sync.run().records()).isEqualTo(200);
            assertThat(sync.status().running()).isFalse();
        }
        assertThat(runningInside).containsExactly(true);
        fixture.assertUsersInStep();
    }

    @Test
    void aRefusedConnectionIsNamedByHostAndPort() {
        SyncJob job = SyncJob.parse(
                        "source_provider: {data_backend: {type: postgres, connection: {host: 127.0.0.1, "
                                + "port: 1, user: u, password: secret-pw, database: db, connect_timeout: 2}}}\ntables: [users]\n",
                        io.datastores.core.Placeholders.of(java.util.Map.of()))
                .withTarget("dst", fixture.to);
        try (Sync sync = Sync.create(fixture.datastores, job)) {
            SyncStats stats = sync.run();
            assertThat(stats.failed())
                    .singleElement()
                    .satisfies(t -> assertThat(t.error())
                            .contains("Table 'users': ")
                            .contains("127.0.0.1:1")
                            .doesNotContain("secret-pw"));
        }
    }

    @Test
    void resetMakesTheNextRunReadEverythingAgain() {
        fixture.users(300);
        try (Sync sync = fixture.sync("tables: [users]\n")) {
            sync.run();
            sync.reset("users");
            assertThat(sync.status().tables()).doesNotContainKey("users");
            assertThat(sync.run().records()).isEqualTo(300);
            sync.reset();
            assertThat(sync.trigger("users").records()).isEqualTo(300);
            fixture.assertUsersInStep();
        }
    }

    @Test
    void aDroppedTargetTableIsRebuiltWholeDespiteTheStoredCursor() {
        fixture.users(400);
        try (Sync sync = fixture.sync("tables: [users]\n")) {
            sync.run();
            fixture.target.execute("DROP TABLE \"" + fixture.to + "\".users");
            assertThat(sync.run().records()).isEqualTo(400);
            fixture.assertUsersInStep();
        }
    }

    @Test
    void aStateTableDroppedBetweenRunsIsCreatedAgain() {
        fixture.users(200);
        try (Sync sync = fixture.sync("tables: [users]\n")) {
            sync.run();
            fixture.target.execute("DROP TABLE \"" + fixture.to + "\"." + StateStore.TABLE);
            fixture.src("UPDATE %s.users SET name = 'changed', updated_at = now() WHERE id = 7");

            SyncStats stats = sync.run();

            assertThat(stats.failed()).isEmpty();
            assertThat(stats.records())
                    .as("no cursor any more: every row again")
                    .isEqualTo(200);
            assertThat(sync.status().tables().get("users").lastValue()).isNotNull();
            fixture.assertUsersInStep();
        }
    }

    @Test
    void anEmptyTableListMeansEveryTableOfTheSourceSchema() {
        fixture.users(20);
        fixture.src("CREATE TABLE %s.orders (id int PRIMARY KEY, updated_at timestamptz)");
        fixture.src("INSERT INTO %s.orders VALUES (1, now())");
        try (Sync sync = fixture.sync("")) {
            SyncStats stats = sync.run();
            assertThat(stats.tables()).extracting(SyncStats.TableStats::table).containsExactly("orders", "users");
            assertThat(stats.failed()).isEmpty();
            fixture.assertUsersInStep();
        }
    }

    @Test
    void fullModeReplacesTheTable() {
        fixture.users(100);
        try (Sync sync = fixture.sync("mode: full\ntables: [users]\n")) {
            sync.run();
            fixture.src("DELETE FROM %s.users WHERE id > 50");
            fixture.src("UPDATE %s.users SET name = 'x' WHERE id = 1");
            assertThat(sync.run().records()).isEqualTo(50);
            fixture.assertUsersInStep();
        }
    }

    @Test
    void aNewSourceColumnIsAddedToTheTarget() {
        fixture.users(100);
        try (Sync sync = fixture.sync("tables: [users]\n")) {
            sync.run();
            fixture.src("ALTER TABLE %s.users ADD COLUMN email varchar(80)");
            fixture.src("UPDATE %s.users SET email = 'u' || id || '@example.com', updated_at = now() WHERE id <= 5");

            assertThat(sync.run().failed()).isEmpty();

            assertThat(fixture.target.describe(TableRef.of(fixture.to, "users")).column("email"))
                    .isPresent();
            fixture.assertInStep("users", "id, name, score, updated_at, email");
        }
    }

    @Test
    void anIncompatibleChangeStopsThatTableOnlyWithAClearError() {
        fixture.users(10);
        fixture.src("CREATE TABLE %s.orders (id int PRIMARY KEY, updated_at timestamptz)");
        fixture.src("INSERT INTO %s.orders VALUES (1, now())");
        try (Sync sync = fixture.sync("tables: [users, orders]\n")) {
            sync.run();
            fixture.target.execute("ALTER TABLE \"" + fixture.to + "\".users DROP CONSTRAINT users_pkey");
            fixture.src("INSERT INTO %s.orders VALUES (2, now())");
            List<DatastoreException> errors = new ArrayList<>();
            sync.addListener(new SyncListener() {
                @Override
                public void onSyncError(DatastoreException error) {
                    errors.add(error);
                }
            });

            SyncStats stats = sync.run();

            assertThat(stats.failed()).extracting(SyncStats.TableStats::table).containsExactly("users");
            assertThat(stats.failed().get(0).error())
                    .contains("Table 'users': ")
                    .contains("Incompatible schema change in table 'users': the target's primary key [] differs from "
                            + "the sync key [id]");
            assertThat(errors)
                    .singleElement()
                    .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA));
            assertThat(fixture.dstScalar("SELECT count(*) FROM %s.orders")).isEqualTo(2L);
            assertThat(sync.status().tables().get("users").lastError()).contains("Incompatible schema change");
        }
    }

    @Test
    void sourceTableNamesAreCaseSensitiveAndAMissingOneIsNamed() {
        fixture.users(5);
        try (Sync sync = fixture.sync("tables: [Users]\n")) {
            SyncStats stats = sync.run();
            assertThat(stats.failed())
                    .singleElement()
                    .satisfies(t -> assertThat(t.error())
                            .contains("Source table '" + fixture.from + ".Users' not found (names are case-sensitive)")
                            .contains("[users]"));
        }
    }

    @Test
    void aTableWithoutKeyOrTrackColumnIsRefusedByName() {
        fixture.src("CREATE TABLE %s.logs (line text, updated_at timestamptz)");
        fixture.users(5);
        try (Sync sync = fixture.sync("tables: [logs, {name: users, track_column: changed}]\n")) {
            List<String> errors = sync.run().failed().stream()
                    .map(SyncStats.TableStats::error)
                    .toList();
            assertThat(errors).hasSize(2);
            assertThat(errors.get(0))
                    .contains("Table 'logs' has no primary key")
                    .contains("set primary_key");
            assertThat(errors.get(1))
                    .contains("Track column 'changed' not found in table '" + fixture.from + ".users'");
        }
    }

    @Test
    void aJobNamingTheWrongTypeOrNoTargetIsRefused() {
        SyncJob noTarget = SyncJob.parse(
                "source_provider: {data_backend: {datastore_name: src}}\n",
                io.datastores.core.Placeholders.of(java.util.Map.of()));
        assertThatThrownBy(() -> Sync.create(fixture.datastores, noTarget))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining("Sync job 'sync' has no target: add target_provider.data_backend");
        SyncJob wrongType = SyncJob.parse(
                        "source_provider: {data_backend: {type: mysql, datastore_name: src}}\n",
                        io.datastores.core.Placeholders.of(java.util.Map.of()))
                .withTarget("dst", fixture.to);
        assertThatThrownBy(() -> Sync.create(fixture.datastores, wrongType))
                .hasMessageContaining(
                        "source_provider.data_backend.type is 'mysql' but datastore 'src' is of type 'postgres'");
        assertThatThrownBy(() -> Sync.create(fixture.datastores, noTarget.withTarget("nowhere", null)))
                .hasMessageContaining("Datastore 'nowhere' not found");
    }

    @Test
    void theSchedulerNeverOverlapsARun() throws InterruptedException {
        fixture.users(10);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        try (Sync sync = fixture.sync("tables: [users]\n")) {
            sync.afterWrite(table -> {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                runs.incrementAndGet();
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inside.decrementAndGet();
            });
            sync.start(Duration.ofMillis(10));
            Thread.sleep(200);
            sync.trigger();
            Thread.sleep(400);
        }
        assertThat(runs.get()).isGreaterThanOrEqualTo(3);
        assertThat(most.get()).isEqualTo(1);
    }

    @Test
    void aDisabledJobIsNotScheduledButCanBeTriggered() throws InterruptedException {
        fixture.users(10);
        try (Sync sync = fixture.sync("enabled: false\ntables: [users]\n")) {
            sync.start();
            Thread.sleep(100);
            assertThat(sync.status().tables()).isEmpty();
            assertThat(sync.trigger().records()).isEqualTo(10);
        }
    }
}
