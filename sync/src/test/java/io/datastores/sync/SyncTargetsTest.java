package io.datastores.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.TableRef;
import io.datastores.sync.SyncFixture.Target;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The common case of the issue, pulling PostgreSQL tables into another database: the faults that
 * depend on the target (state, upsert, schema changes, deletes, zones) on MariaDB, DuckDB and
 * SQLite (PostgreSQL targets: the other sync tests). After each, the target equals the source with no key twice.
 */
class SyncTargetsTest {

    @ParameterizedTest
    @EnumSource(
            value = Target.class,
            names = {"MARIADB", "DUCKDB", "SQLITE", "CLICKHOUSE"})
    void incrementalRunsAcrossAZoneChangeWithRowsAtTheMarkAndNullCursors(Target kind) {
        TimeZone saved = TimeZone.getDefault();
        try (SyncFixture fixture = new SyncFixture(kind);
                Sync sync = fixture.sync("tables: [users, {name: events, track_column: at}]\n")) {
            fixture.users(500);
            fixture.src("CREATE TABLE %s.events (id int PRIMARY KEY, at timestamp)");
            fixture.src("INSERT INTO %s.events SELECT i, timestamp '2024-03-31 00:00:00' + i * interval '1 minute' "
                    + "FROM generate_series(1, 200) i");
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            assertThat(sync.run().failed()).isEmpty();
            assertThat(sync.status().tables().get("users").lastValue()).isEqualTo("2024-01-01T00:08:20.000Z");
            assertThat(sync.status().tables().get("events").lastValue()).isEqualTo("2024-03-31T03:20:00.000");

            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            fixture.src("INSERT INTO %s.users VALUES (501, 'at the mark', 1, timestamptz '2024-01-01 00:08:20+00'), "
                    + "(502, 'no cursor', 2, NULL)");
            fixture.src("UPDATE %s.users SET name = 'changed', updated_at = now() WHERE id <= 5");
            fixture.src("INSERT INTO %s.events VALUES (201, timestamp '2024-03-31 03:20:00')");
            SyncStats second = sync.run();

            assertThat(second.failed()).isEmpty();
            // users: the row at the mark, the new one at it, the NULL one, five updated; events: the mark and the new
            // one.
            assertThat(second.tables())
                    .extracting(SyncStats.TableStats::records)
                    .containsExactly(8L, 2L);
            fixture.assertUsersInStep();
            fixture.assertInStep("events", "id, at");
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Target.class,
            names = {"MARIADB", "DUCKDB", "SQLITE"})
    void aCrashBetweenWriteAndStateAndANewColumnAreMended(Target kind) {
        AtomicBoolean crash = new AtomicBoolean(true);
        try (SyncFixture fixture = new SyncFixture(kind);
                Sync sync = fixture.sync("tables: [users]\n")) {
            fixture.users(1000);
            sync.afterWrite(table -> {
                if (crash.getAndSet(false)) {
                    throw new IllegalStateException("simulated crash after the write committed");
                }
            });
            assertThat(sync.run().failed()).hasSize(1);
            assertThat(sync.status().tables().get("users").lastValue())
                    .as("committed with the rows")
                    .isEqualTo("2024-01-01T00:16:40.000Z");

            fixture.src("ALTER TABLE %s.users ADD COLUMN email varchar(80)");
            fixture.src("UPDATE %s.users SET email = 'u' || id || '@example.com', updated_at = now() WHERE id <= 50");
            assertThat(sync.run().failed()).isEmpty();

            assertThat(fixture.target.describe(TableRef.of(fixture.to, "users")).column("email"))
                    .isPresent();
            fixture.assertInStep("users", "id, name, score, updated_at, email");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Target.class,
            names = {"MARIADB", "DUCKDB", "SQLITE"})
    void hardAndSoftDeletes(Target kind) {
        try (SyncFixture fixture = new SyncFixture(kind)) {
            fixture.users(300);
            try (Sync hard = fixture.sync("name: hard\ntables: [users]\ndelete_detection: hard\n")) {
                hard.run();
                fixture.src("DELETE FROM %s.users WHERE id % 10 = 0");
                assertThat(hard.run().failed()).isEmpty();
                fixture.assertUsersInStep();
            }
            try (Sync soft = fixture.sync("name: soft\ntables: [users]\ndelete_detection: soft\n")) {
                soft.run();
                fixture.src("DELETE FROM %s.users WHERE id % 10 = 1");
                assertThat(soft.run().failed()).isEmpty();
                assertThat(fixture.dstScalar(
                                "SELECT count(*) FROM %s.users WHERE " + Sync.DELETED_COLUMN + " IS NOT NULL"))
                        .isEqualTo(30L);
            }
        }
    }
}
