package io.datastores.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.sync.SyncFixture.Target;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL into ClickHouse, a target without transactions: the state follows the rows instead
 * of committing with them, so a crash between the two re-sends rows, which the upsert (append into
 * a ReplacingMergeTree, then a merge) must make harmless. The zone, mark and NULL-cursor cases run
 * in {@link SyncTargetsTest}. Against the ClickHouse the tests find (the loopback chDB shim here).
 */
class SyncClickHouseTargetTest {

    @Test
    void aCrashBetweenTheRowsAndTheStateReSendsThemWithoutDoublingAny() {
        AtomicBoolean crash = new AtomicBoolean(true);
        try (SyncFixture fixture = new SyncFixture(Target.CLICKHOUSE);
                Sync sync = fixture.sync("tables: [users]\n")) {
            fixture.users(1000);
            sync.afterWrite(table -> {
                if (crash.getAndSet(false)) {
                    throw new IllegalStateException("simulated crash after the rows were stored");
                }
            });
            assertThat(sync.run().failed()).hasSize(1);
            assertThat(fixture.dstScalar("SELECT count(*) FROM %s.users")).isEqualTo(1000L);
            assertThat(sync.status().tables().get("users").lastValue())
                    .as("the state follows the rows")
                    .isNull();
            assertThat(sync.status().tables().get("users").lastError()).contains("simulated crash");

            fixture.src("ALTER TABLE %s.users ADD COLUMN email varchar(80)");
            fixture.src("UPDATE %s.users SET email = 'u' || id || '@example.com', updated_at = now() WHERE id <= 50");
            assertThat(sync.run().records())
                    .as("no cursor yet: every row again")
                    .isEqualTo(1000);
            fixture.assertInStep("users", "id, name, score, updated_at, email");
            String mark = sync.status().tables().get("users").lastValue();

            crash.set(true);
            fixture.src("UPDATE %s.users SET name = 'changed', updated_at = now() WHERE id > 990");
            assertThat(sync.run().failed()).hasSize(1);
            assertThat(sync.status().tables().get("users").lastValue())
                    .as("cursor kept")
                    .isEqualTo(mark);
            SyncStats again = sync.run();

            assertThat(again.failed()).isEmpty();
            assertThat(again.records())
                    .as("the ten changed rows and the fifty at the kept mark, sent again")
                    .isEqualTo(60);
            assertThat(sync.status().tables().get("users").lastError()).isNull();
            fixture.assertInStep("users", "id, name, score, updated_at, email");
        }
    }

    @Test
    void stateRowsAreOnlyAddedTheNewestCountsAndResetForgetsThem() {
        try (SyncFixture fixture = new SyncFixture(Target.CLICKHOUSE);
                Sync sync = fixture.sync("tables: [users, orders]\n")) {
            fixture.users(300);
            fixture.src("CREATE TABLE %s.orders (id int PRIMARY KEY, updated_at timestamptz)");
            fixture.src("INSERT INTO %s.orders SELECT i, timestamptz '2024-02-01 00:00:00+00' + i * interval '1 hour' "
                    + "FROM generate_series(1, 40) i");
            sync.run();
            fixture.src("INSERT INTO %s.users VALUES (301, 'new', 1, timestamptz '2024-06-01 00:00:00+00')");
            sync.run();

            assertThat(sync.status().tables().get("users").lastValue()).isEqualTo("2024-06-01T00:00:00.000Z");
            assertThat(sync.status().tables().get("users").recordCount()).isEqualTo(300 + 2);
            assertThat(sync.status().tables().get("orders").lastValue()).isEqualTo("2024-02-02T16:00:00.000Z");

            sync.reset("users");
            assertThat(sync.status().tables()).containsOnlyKeys("orders");
            assertThat(sync.run().tables())
                    .extracting(SyncStats.TableStats::records)
                    .containsExactly(301L, 1L);
            sync.reset();
            assertThat(sync.status().tables()).isEmpty();
            fixture.assertUsersInStep();
        }
    }

    @Test
    void fullModeReplacesTheTable() {
        try (SyncFixture fixture = new SyncFixture(Target.CLICKHOUSE);
                Sync sync = fixture.sync("mode: full\ntables: [users]\n")) {
            fixture.users(100);
            sync.run();
            fixture.src("DELETE FROM %s.users WHERE id > 50");
            fixture.src("UPDATE %s.users SET name = 'x' WHERE id = 1");

            assertThat(sync.run().records()).isEqualTo(50);
            fixture.assertUsersInStep();
            assertThat(fixture.target.describe(TableRef.of(fixture.to, "users")).primaryKey())
                    .containsExactly("id");
        }
    }

    @Test
    void deleteDetectionIsRefusedBeforeAnyRun() {
        try (SyncFixture fixture = new SyncFixture(Target.CLICKHOUSE)) {
            assertThatThrownBy(() -> fixture.sync("tables: [users]\ndelete_detection: hard\n"))
                    .isInstanceOfSatisfying(DatastoreException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG);
                        assertThat(e.getMessage())
                                .contains("delete_detection: hard", "clickhouse", "delete_detection: none");
                    });
        }
    }
}
