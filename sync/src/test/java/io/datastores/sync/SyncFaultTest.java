package io.datastores.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Breaks things on purpose against the real local PostgreSQL. After each fault a re-run must make
 * the target equal to the source (row count and a per-row checksum) with no key twice.
 */
class SyncFaultTest {
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
    void sourceConnectionKilledMidBatch() {
        fixture.users(15_000);
        AtomicBoolean killing = new AtomicBoolean(true);
        AtomicLong killed = new AtomicLong();
        try (Sync sync = fixture.sync("tables: [users]\nbatch_size: 1000\n")) {
            sync.run();
            String cursor = sync.status().tables().get("users").lastValue();
            // An incremental read streams through a server-side cursor, fetched in parts: the kill lands mid-read.
            fixture.src("UPDATE %s.users SET name = 'after', updated_at = now()");
            sync.onProgress((table, progress) -> {
                if (progress.batches() == 3 && killing.get()) {
                    killed.addAndGet(fixture.killSourceConnections());
                }
            });
            // Killed on every attempt: the table fails after its retries.
            SyncStats broken = sync.run();

            assertThat(killed.get()).isPositive();
            assertThat(broken.failed())
                    .singleElement()
                    .satisfies(t ->
                            assertThat(t.error()).contains("Table 'users': ").contains("57P01"));
            assertThat(fixture.dstScalar("SELECT count(*) FROM %s.users WHERE name = 'after'"))
                    .as("every failed write rolled back")
                    .isEqualTo(0L);
            assertThat(sync.status().tables().get("users").lastValue())
                    .as("the cursor did not move")
                    .isEqualTo(cursor);

            killing.set(false);
            assertThat(sync.run().failed()).isEmpty();
            fixture.assertUsersInStep();
        }
    }

    @Test
    void aSourceConnectionKilledOnceIsRetriedWithinTheRun() {
        fixture.users(15_000);
        AtomicLong killed = new AtomicLong(-1);
        try (Sync sync = fixture.sync("tables: [users]\nbatch_size: 1000\n")) {
            sync.run();
            fixture.src("UPDATE %s.users SET name = 'after', updated_at = now()");
            sync.onProgress((table, progress) -> {
                if (progress.batches() == 3 && killed.get() < 0) {
                    killed.set(fixture.killSourceConnections());
                }
            });
            assertThat(sync.run().failed()).isEmpty();
            assertThat(killed.get()).isPositive();
            fixture.assertUsersInStep();
        }
    }

    @Test
    void interruptedBetweenWritingABatchAndItsState() {
        fixture.users(2000);
        AtomicBoolean crash = new AtomicBoolean(true);
        try (Sync sync = fixture.sync("tables: [users]\n")) {
            sync.afterWrite(table -> {
                if (crash.getAndSet(false)) {
                    throw new IllegalStateException("simulated crash after the write committed");
                }
            });
            assertThat(sync.run().failed()).hasSize(1);
            assertThat(fixture.dstScalar("SELECT count(*) FROM %s.users"))
                    .as("the write committed")
                    .isEqualTo(2000L);
            SyncStatus.TableStatus state = sync.status().tables().get("users");
            assertThat(state.lastValue())
                    .as("and its cursor with it, in the same transaction")
                    .isEqualTo("2024-01-01T00:33:20.000Z");
            assertThat(state.lastError()).contains("simulated crash");

            fixture.src("UPDATE %s.users SET score = -1, updated_at = now() WHERE id <= 100");
            assertThat(sync.run().records())
                    .as("only the changed rows and the one at the stored mark move")
                    .isEqualTo(101);
            fixture.assertUsersInStep();

            // The same on a later run: the cursor moves with the rows it describes, never without them.
            String cursor = sync.status().tables().get("users").lastValue();
            crash.set(true);
            fixture.src("UPDATE %s.users SET score = -2, updated_at = now() WHERE id <= 10");
            assertThat(sync.run().failed()).hasSize(1);
            assertThat(sync.status().tables().get("users").lastValue()).isGreaterThan(cursor);
            fixture.src("INSERT INTO %s.users VALUES (9001, 'late', 3, now())");
            assertThat(sync.run().failed()).isEmpty();
            fixture.assertUsersInStep();
        }
    }

    @Test
    void aWriteThatFailsKeepsItsCursor() {
        fixture.users(500);
        try (Sync sync = fixture.sync("tables: [users]\n")) {
            sync.run();
            String cursor = sync.status().tables().get("users").lastValue();
            fixture.target.execute(
                    "ALTER TABLE \"" + fixture.to + "\".users ADD CONSTRAINT no_negative_scores CHECK (score >= 0)");
            fixture.src("UPDATE %s.users SET score = -5, updated_at = now() WHERE id = 7");
            fixture.src("UPDATE %s.users SET score = 50, updated_at = now() WHERE id = 8");
            assertThat(sync.run().failed()).hasSize(1);
            assertThat(sync.status().tables().get("users").lastValue())
                    .as("nothing committed, cursor included")
                    .isEqualTo(cursor);
            assertThat(fixture.dstScalar("SELECT score FROM %s.users WHERE id = 8"))
                    .as("nor any row")
                    .isEqualTo(1L);

            fixture.target.execute("ALTER TABLE \"" + fixture.to + "\".users DROP CONSTRAINT no_negative_scores");
            assertThat(sync.run().failed()).isEmpty();
            fixture.assertUsersInStep();
        }
    }

    @Test
    void aRealThreadInterruptBetweenWriteAndStateIsMendedByTheNextRun() {
        fixture.users(1000);
        AtomicBoolean interrupt = new AtomicBoolean(true);
        try (Sync sync = fixture.sync("tables: [users]\n")) {
            sync.run();
            String cursor = sync.status().tables().get("users").lastValue();
            fixture.src("UPDATE %s.users SET score = 99, updated_at = now() WHERE id <= 300");
            sync.afterWrite(table -> {
                if (interrupt.getAndSet(false)) {
                    Thread.currentThread().interrupt();
                }
            });
            SyncStats interrupted;
            try {
                interrupted = sync.run();
            } finally {
                Thread.interrupted();
            }
            // The pool may or may not refuse the state write of an interrupted thread; if it did, the cursor stayed.
            if (!interrupted.failed().isEmpty()) {
                assertThat(sync.status().tables().get("users").lastValue()).isEqualTo(cursor);
            }

            fixture.src("INSERT INTO %s.users VALUES (2001, 'after the interrupt', 1, now())");
            assertThat(sync.run().failed()).isEmpty();
            fixture.assertUsersInStep();
        }
    }

    @Test
    void targetFailingOnOneBadRowLeavesItUntouchedAndOtherTablesRun() {
        fixture.users(500);
        fixture.src("UPDATE %s.users SET name = 'poison' WHERE id = 250");
        fixture.src("CREATE TABLE %s.orders (id int PRIMARY KEY, updated_at timestamptz)");
        fixture.src("INSERT INTO %s.orders VALUES (1, now())");
        fixture.target.execute("CREATE TABLE \"" + fixture.to + "\".users (id bigint PRIMARY KEY, name text NOT NULL "
                + "CHECK (name <> 'poison'), score int, updated_at timestamptz)");
        try (Sync sync = fixture.sync("tables: [users, orders]\n")) {
            SyncStats stats = sync.run();

            assertThat(stats.failed())
                    .singleElement()
                    .satisfies(t -> assertThat(t.error()).contains("users_name_check"));
            assertThat(fixture.dstScalar("SELECT count(*) FROM %s.users")).isEqualTo(0L);
            assertThat(fixture.dstScalar("SELECT count(*) FROM %s.orders")).isEqualTo(1L);

            fixture.src("UPDATE %s.users SET name = 'cured', updated_at = now() WHERE id = 250");
            assertThat(sync.run().failed()).isEmpty();
            fixture.assertUsersInStep();
        }
    }

    @Test
    void rowsInsertedDuringARunWithTheHighWaterMarkValueAreNotLost() {
        fixture.users(5000);
        AtomicBoolean inserted = new AtomicBoolean();
        try (Sync sync = fixture.sync("tables: [users]\nbatch_size: 500\n")) {
            sync.onProgress((table, progress) -> {
                if (!inserted.getAndSet(true)) {
                    // Same track value as the current maximum (row 5000), committed after the read began.
                    fixture.src("INSERT INTO %s.users SELECT 100000 + i, 'at the mark', 0, "
                            + "(SELECT max(updated_at) FROM %s.users) FROM generate_series(1, 3) i");
                }
            });
            sync.run();
            assertThat(fixture.dstScalar("SELECT count(*) FROM %s.users WHERE id > 100000"))
                    .as("not in the snapshot this run read")
                    .isEqualTo(0L);

            sync.run();
            fixture.assertUsersInStep();
        }
    }

    @Test
    void rowsUpdatedDuringARunAreCaughtByTheNextRun() {
        fixture.users(5000);
        AtomicBoolean updated = new AtomicBoolean();
        try (Sync sync = fixture.sync("tables: [users]\nbatch_size: 500\n")) {
            sync.run();
            fixture.src("UPDATE %s.users SET updated_at = now() WHERE id <= 2000");
            sync.onProgress((table, progress) -> {
                if (!updated.getAndSet(true)) {
                    fixture.src("UPDATE %s.users SET name = name || ' (edited)', updated_at = now() WHERE id % 3 = 0");
                }
            });
            sync.run();
            sync.run();
            fixture.assertUsersInStep();
        }
    }

    @Test
    void aLateCommittingTransactionWithOlderCursorValuesIsCaughtByLookback() throws Exception {
        fixture.users(1000);
        try (Connection late = fixture.jdbc();
                Statement statement = late.createStatement()) {
            late.setAutoCommit(false);
            // Begun before the run, it stamps its row five minutes before the mark but commits after the run.
            statement.execute("INSERT INTO \"" + fixture.from + "\".users VALUES (7000, 'late', 1, "
                    + "timestamptz '2024-01-01 00:16:40+00' - interval '5 minutes')");
            try (Sync sync = fixture.sync("tables: [users]\n")) {
                sync.run();
            }
            late.commit();
        }
        try (Sync withoutLookback = fixture.sync("tables: [users]\n")) {
            withoutLookback.run();
            assertThat(fixture.dstScalar("SELECT count(*) FROM %s.users WHERE id = 7000"))
                    .as("without lookback the late row is behind the cursor")
                    .isEqualTo(0L);
        }
        try (Sync withLookback = fixture.sync("tables: [users]\nlookback: 10m\n")) {
            withLookback.run();
            fixture.assertUsersInStep();
        }
    }

    @Test
    void aSafetyLagKeepsTheCursorBehindRowsWhoseTransactionsMayStillBeOpen() {
        fixture.users(100);
        try (Sync sync = fixture.sync("tables: [users]\nsafety_lag: 1h\n")) {
            sync.run();
            assertThat(sync.status().tables().get("users").lastValue()).isEqualTo("2024-01-01T00:01:40.000Z");

            fixture.src("INSERT INTO %s.users VALUES (101, 'recent', 1, now() - interval '10 minutes')");
            assertThat(sync.run().records())
                    .as("the recent row moves (with the one at the mark)")
                    .isEqualTo(2);
            assertThat(sync.status().tables().get("users").lastValue())
                    .as("but the cursor stays behind the lag")
                    .isEqualTo("2024-01-01T00:01:40.000Z");

            // Committed after that run, stamped before the recent row: without the lag, behind the cursor for good.
            fixture.src("INSERT INTO %s.users VALUES (102, 'committed late', 2, now() - interval '20 minutes')");
            sync.run();
            fixture.assertUsersInStep();
        }
        fixture.src("CREATE TABLE %s.numbered (id int PRIMARY KEY, seq bigint)");
        fixture.src("INSERT INTO %s.numbered VALUES (1, 10)");
        try (Sync numeric =
                fixture.sync("name: numeric\ntables: [{name: numbered, track_column: seq}]\nsafety_lag: 1h\n")) {
            assertThat(numeric.run().failed())
                    .singleElement()
                    .satisfies(t -> assertThat(t.error()).contains("safety_lag needs a time or date track column"));
        }
    }

    @Test
    void theJvmDefaultTimeZoneChangingBetweenRunsLosesAndDoublesNothing() {
        fixture.users(1000);
        // A wall-clock track column, where a zone slip would shift the cursor by hours.
        fixture.src("CREATE TABLE %s.events (id int PRIMARY KEY, at timestamp)");
        fixture.src("INSERT INTO %s.events SELECT i, timestamp '2024-03-31 00:00:00' + i * interval '1 minute' "
                + "FROM generate_series(1, 500) i");
        TimeZone saved = TimeZone.getDefault();
        try (Sync sync = fixture.sync("tables: [users, {name: events, track_column: at}]\n")) {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            assertThat(sync.run().failed()).isEmpty();
            assertThat(sync.status().tables().get("events").lastValue()).isEqualTo("2024-03-31T08:20:00.000");
            assertThat(sync.status().tables().get("users").lastValue()).isEqualTo("2024-01-01T00:16:40.000Z");

            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            fixture.src(
                    "INSERT INTO %s.events VALUES (501, timestamp '2024-03-31 08:20:00'), (502, timestamp '2024-03-31 08:20:01')");
            fixture.src("INSERT INTO %s.users VALUES (1001, 'at mark', 0, timestamptz '2024-01-01 00:16:40+00')");
            SyncStats second = sync.run();

            // Exactly the rows at or after each mark: the two marks themselves and the new rows.
            assertThat(second.tables())
                    .extracting(SyncStats.TableStats::records)
                    .containsExactly(2L, 3L);
            fixture.assertUsersInStep();
            fixture.assertInStep("events", "id, at");
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @ParameterizedTest
    @EnumSource(DeleteDetection.class)
    void deletesUnderEachDeleteDetectionMode(DeleteDetection mode) {
        fixture.users(300);
        try (Sync sync =
                fixture.sync("tables: [users]\ndelete_detection: " + mode.name().toLowerCase() + "\n")) {
            sync.run();
            fixture.src("DELETE FROM %s.users WHERE id % 10 = 0");
            fixture.src("UPDATE %s.users SET name = 'kept', updated_at = now() WHERE id = 1");
            assertThat(sync.run().failed()).isEmpty();

            switch (mode) {
                case NONE ->
                    assertThat(fixture.dstScalar("SELECT count(*) FROM %s.users"))
                            .isEqualTo(300L);
                case HARD -> fixture.assertUsersInStep();
                case SOFT -> {
                    assertThat(fixture.dstScalar(
                                    "SELECT count(*) FROM %s.users WHERE " + Sync.DELETED_COLUMN + " IS NOT NULL"))
                            .isEqualTo(30L);
                    assertThat(fixture.dstScalar("SELECT count(*) FROM %s.users WHERE id % 10 = 0 AND "
                                    + Sync.DELETED_COLUMN + " IS NULL"))
                            .isEqualTo(0L);
                    // A key that comes back is live again.
                    fixture.src("INSERT INTO %s.users VALUES (10, 'back', 1, now())");
                    sync.run();
                    assertThat(fixture.dstScalar(
                                    "SELECT count(*) FROM %s.users WHERE " + Sync.DELETED_COLUMN + " IS NOT NULL"))
                            .isEqualTo(29L);
                }
            }
            if (mode != DeleteDetection.NONE) {
                // The scratch table of source keys is gone again.
                assertThat(fixture.dstScalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                                + fixture.to + "' AND table_name LIKE '\\_datastores\\_keys%'"))
                        .isEqualTo(0L);
            }
        }
    }

    @Test
    void aSourceTableThatVanishesErrorsAloneAndTheOthersFinish() {
        fixture.users(100);
        fixture.src("CREATE TABLE %s.orders (id int PRIMARY KEY, updated_at timestamptz)");
        fixture.src("INSERT INTO %s.orders VALUES (1, now())");
        try (Sync sync = fixture.sync("tables: [orders, users]\n")) {
            sync.run();
            fixture.src("DROP TABLE %s.orders");
            fixture.src("INSERT INTO %s.users VALUES (101, 'new', 1, now())");

            SyncStats stats = sync.run();

            assertThat(stats.failed()).singleElement().satisfies(t -> {
                assertThat(t.table()).isEqualTo("orders");
                assertThat(t.error()).contains("Source table '" + fixture.from + ".orders' not found");
            });
            fixture.assertUsersInStep();
            assertThat(sync.status().tables().get("orders").lastError()).contains("not found");
            assertThat(sync.status().tables().get("users").lastError()).isNull();
        }
    }
}
