package io.datastores.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.core.Datastores;
import io.datastores.core.Placeholders;
import io.datastores.redis.TestingRedis;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis as a sync source (no SQL: the incremental read is a structured read, its filter applied by core on
 * the batches) into DuckDB, and Redis as a target (state kept in Redis itself), against the local
 * redis-server in a namespace of the test's own.
 */
class SyncRedisTest {
    private static final List<String> COLUMNS = List.of("id", "name", "updated_at");

    @Test
    void redisAsSourceSendsOnlyTheRowsFromTheCursorOn(@TempDir Path dir) throws Exception {
        try (TestingRedis redis = TestingRedis.open();
                Datastores datastores = datastores(dir, redis)) {
            Datastore seed = datastores.get("seed");
            seed.execute("CREATE TABLE users (id BIGINT, name VARCHAR, updated_at TIMESTAMPTZ)");
            seed.execute("INSERT INTO users SELECT i, 'user ' || i, TIMESTAMPTZ '2024-01-01 00:00:00+00' "
                    + "+ i * INTERVAL 1 SECOND FROM range(1, 301) t(i)");
            // No key in the seed: Redis generates the row keys, so a newer version of a row is a new hash.
            datastores
                    .copy("seed", TableRef.of("users"), "cache", TableRef.of("users"))
                    .run();
            try (Sync sync = Sync.create(datastores, job("cache", "dst"))) {
                SyncStats first = sync.run();
                assertThat(first.failed()).isEmpty();
                assertThat(first.tables())
                        .extracting(SyncStats.TableStats::records)
                        .containsExactly(300L);
                assertThat(sync.status().tables().get("users").lastValue()).isEqualTo("2024-01-01T00:05:00.000Z");

                seed.execute("DELETE FROM users");
                seed.execute("INSERT INTO users VALUES (301, 'new', TIMESTAMPTZ '2024-01-01 00:06:00+00'), "
                        + "(303, 'at the mark', TIMESTAMPTZ '2024-01-01 00:05:00+00'), "
                        + "(7, 'changed', TIMESTAMPTZ '2024-01-01 00:07:00+00'), (302, 'no cursor', NULL)");
                datastores
                        .copy("seed", TableRef.of("users"), "cache", TableRef.of("users"))
                        .run();
                SyncStats second = sync.run();

                assertThat(second.failed()).isEmpty();
                assertThat(second.tables())
                        .extracting(SyncStats.TableStats::records)
                        .containsExactly(5L);
                List<String> rows = SyncFixture.rows(datastores.get("dst"), null, "users", COLUMNS);
                assertThat(rows)
                        .hasSize(303)
                        .doesNotHaveDuplicates()
                        .contains(
                                "7|changed|2024-01-01T00:07:00Z",
                                "302|no cursor|NULL",
                                "303|at the mark|2024-01-01T00:05:00Z")
                        .doesNotContain("7|user 7|2024-01-01T00:00:07Z");
            }
        }
    }

    /**
     * Redis as a target: rows are upserted by key (HSET), the state is a Redis table of its own written
     * after them, so a run that dies between the two re-sends rows that change nothing.
     */
    @Test
    void redisAsTargetUpsertsByKeyAndKeepsItsStateInRedis(@TempDir Path dir) throws Exception {
        try (TestingRedis redis = TestingRedis.open();
                Datastores datastores = datastores(dir, redis)) {
            Datastore seed = datastores.get("dst");
            seed.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, updated_at TIMESTAMPTZ)");
            seed.execute("INSERT INTO users SELECT i, 'user ' || i, TIMESTAMPTZ '2024-01-01 00:00:00+00' "
                    + "+ i * INTERVAL 1 SECOND FROM range(1, 301) t(i)");
            AtomicBoolean crash = new AtomicBoolean();
            try (Sync sync = Sync.create(datastores, job("dst", "cache"))) {
                sync.afterWrite(table -> {
                    if (crash.getAndSet(false)) {
                        throw new IllegalStateException("simulated crash after the rows were written");
                    }
                });
                assertThat(sync.run().records()).isEqualTo(300);
                assertThat(sync.status().tables().get("users").lastValue()).isEqualTo("2024-01-01T00:05:00.000Z");

                seed.execute("UPDATE users SET name = 'changed', updated_at = TIMESTAMPTZ '2024-01-01 00:07:00+00' "
                        + "WHERE id = 7");
                seed.execute("INSERT INTO users VALUES (301, 'new', TIMESTAMPTZ '2024-01-01 00:06:00+00'), "
                        + "(302, 'no cursor', NULL)");
                crash.set(true);
                assertThat(sync.run().failed()).hasSize(1);
                SyncStatus.TableStatus crashed = sync.status().tables().get("users");
                assertThat(crashed.lastValue())
                        .as("the state is written after the rows, so the crash kept the old cursor")
                        .isEqualTo("2024-01-01T00:05:00.000Z");
                assertThat(crashed.lastError()).contains("simulated crash");
                assertThat(redisRows(datastores, dir, "written"))
                        .hasSize(302)
                        .contains("7|changed|2024-01-01T00:07:00Z");

                assertThat(sync.run().records())
                        .as("the rows from the old cursor on are sent again: 300, 7, 301 and 302")
                        .isEqualTo(4);
                assertThat(sync.status().tables().get("users").lastValue()).isEqualTo("2024-01-01T00:07:00.000Z");
                assertThat(redisRows(datastores, dir, "rerun"))
                        .as("and upserted by key: nothing doubled, nothing lost")
                        .isEqualTo(SyncFixture.rows(seed, null, "users", COLUMNS));

                sync.reset("users");
                assertThat(sync.status().tables()).doesNotContainKey("users");
                assertThat(sync.run().records())
                        .as("a reset table is read whole")
                        .isEqualTo(302);
            }
        }
    }

    private static List<String> redisRows(Datastores datastores, Path dir, String name) {
        return SyncFixture.rowsViaDuckDb(datastores.get("cache"), "users", dir, name, COLUMNS);
    }

    private static Datastores datastores(Path dir, TestingRedis redis) {
        return Datastores.fromYaml(
                "datastores:\n"
                        + "  seed: {type: duckdb, connection: {database: '" + dir.resolve("seed.duckdb") + "'}}\n"
                        + "  dst: {type: duckdb, connection: {database: '" + dir.resolve("dst.duckdb") + "'}}\n"
                        + "  cache: {type: redis, connection: " + redis.yaml() + "}\n",
                Map.of());
    }

    private static SyncJob job(String source, String target) {
        return SyncJob.parse(
                "name: redis\n"
                        + "source_provider: {data_backend: {datastore_name: " + source + "}}\n"
                        + "target_provider: {data_backend: {datastore_name: " + target + "}}\n"
                        + "track_column: updated_at\ntables: [{name: users, primary_key: [id]}]\n",
                Placeholders.of(Map.of()));
    }
}
