package io.datastores.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.core.Datastores;
import io.datastores.core.Placeholders;
import io.datastores.jdbc.TestingServers;
import io.datastores.s3.TestingS3;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * S3 as a sync source (objects have no SQL: the incremental read is a structured read, its filter
 * applied by core on the Parquet batches), into DuckDB and PostgreSQL: a full first run, then only
 * the rows from the cursor on, including a newer version of a row appended as a new part, which
 * the upsert applies.
 */
class SyncS3SourceTest {
    private static final List<String> COLUMNS = List.of("id", "name", "updated_at");

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgres"})
    void incrementalRunsReadOnlyTheNewPartsRowsFromTheCursor(String target, @TempDir Path dir) throws Exception {
        TestingServers.Server postgres = target.equals("postgres") ? TestingServers.postgres() : null;
        String schema = postgres == null ? null : TestingServers.uniqueName("s3_sync");
        try (TestingS3 s3 = TestingS3.start(dir.resolve("s3"))) {
            String bucket = s3.createBucket();
            String targetYaml = postgres == null
                    ? "{type: duckdb, connection: {database: '" + dir.resolve("target.duckdb") + "'}}"
                    : "{type: postgres, connection: {host: '" + postgres.host() + "', port: " + postgres.port()
                            + ", user: '" + postgres.user() + "', password: '${PW}', database: '" + postgres.database()
                            + "'}}";
            try (Datastores datastores = Datastores.fromYaml(
                    "datastores:\n"
                            + "  seed: {type: duckdb, connection: {database: '" + dir.resolve("seed.duckdb") + "'}}\n"
                            + "  lake: {type: s3, connection: " + s3.yaml(bucket) + "}\n"
                            + "  dst: " + targetYaml + "\n",
                    Map.of("PW", postgres == null ? "" : postgres.password()))) {
                Datastore seed = datastores.get("seed");
                Datastore dst = datastores.get("dst");
                if (schema != null) {
                    dst.execute("CREATE SCHEMA \"" + schema + "\"");
                }
                try {
                    seed.execute("CREATE TABLE users (id BIGINT, name VARCHAR, updated_at TIMESTAMPTZ)");
                    seed.execute("INSERT INTO users SELECT i, 'user ' || i, TIMESTAMPTZ '2024-01-01 00:00:00+00' "
                            + "+ i * INTERVAL 1 SECOND FROM range(1, 301) t(i)");
                    appendToLake(datastores);
                    SyncJob job = SyncJob.parse(
                            "name: s3\n"
                                    + "source_provider: {data_backend: {type: s3, datastore_name: lake}}\n"
                                    + "target_provider: {data_backend: {datastore_name: dst"
                                    + (schema == null ? "" : ", schema: '" + schema + "'") + "}}\n"
                                    + "track_column: updated_at\ntables: [{name: users, primary_key: [id]}]\n",
                            Placeholders.of(Map.of()));
                    try (Sync sync = Sync.create(datastores, job)) {
                        SyncStats first = sync.run();
                        assertThat(first.failed()).isEmpty();
                        assertThat(first.tables())
                                .extracting(SyncStats.TableStats::records)
                                .containsExactly(300L);
                        assertThat(sync.status().tables().get("users").lastValue())
                                .isEqualTo("2024-01-01T00:05:00.000Z");

                        // A new part: a new row, one at the mark, one without cursor, and a newer version of row 7.
                        seed.execute("DELETE FROM users");
                        seed.execute("INSERT INTO users VALUES (301, 'new', TIMESTAMPTZ '2024-01-01 00:06:00+00'), "
                                + "(303, 'at the mark', TIMESTAMPTZ '2024-01-01 00:05:00+00'), "
                                + "(7, 'changed', TIMESTAMPTZ '2024-01-01 00:07:00+00'), (302, 'no cursor', NULL)");
                        appendToLake(datastores);
                        SyncStats second = sync.run();

                        assertThat(second.failed()).isEmpty();
                        // The new part's three rows from the cursor on, its NULL one, and row 300 (at the mark) again.
                        assertThat(second.tables())
                                .extracting(SyncStats.TableStats::records)
                                .containsExactly(5L);
                        assertThat(sync.status().tables().get("users").lastValue())
                                .isEqualTo("2024-01-01T00:07:00.000Z");
                        List<String> rows = SyncFixture.rows(dst, schema, "users", COLUMNS);
                        assertThat(rows).hasSize(303).doesNotHaveDuplicates();
                        assertThat(rows)
                                .contains(
                                        "7|changed|2024-01-01T00:07:00Z",
                                        "302|no cursor|NULL",
                                        "303|at the mark|2024-01-01T00:05:00Z",
                                        "300|user 300|2024-01-01T00:05:00Z")
                                .doesNotContain("7|user 7|2024-01-01T00:00:07Z");
                    }
                } finally {
                    if (schema != null) {
                        dst.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
                    }
                    s3.deleteBucket(bucket);
                }
            }
        }
    }

    /** S3 holds neither SQL nor an upsert for the state: refused by name, and the run writes no object. */
    @Test
    void s3AsTargetIsRefusedNamingWhatItLacks(@TempDir Path dir) throws Exception {
        try (TestingS3 s3 = TestingS3.start(dir.resolve("s3"))) {
            String bucket = s3.createBucket();
            try (Datastores datastores = Datastores.fromYaml(
                    "datastores:\n"
                            + "  seed: {type: duckdb, connection: {database: '" + dir.resolve("seed.duckdb") + "'}}\n"
                            + "  lake: {type: s3, connection: " + s3.yaml(bucket) + "}\n",
                    Map.of())) {
                datastores.get("seed").execute("CREATE TABLE users AS SELECT 1::BIGINT AS id, now() AS updated_at");
                SyncJob job = SyncJob.parse(
                        "name: s3\n"
                                + "source_provider: {data_backend: {datastore_name: seed}}\n"
                                + "target_provider: {data_backend: {datastore_name: lake}}\n"
                                + "track_column: updated_at\ntables: [{name: users, primary_key: [id]}]\n",
                        Placeholders.of(Map.of()));
                try (Sync sync = Sync.create(datastores, job)) {
                    assertThatThrownBy(sync::run)
                            .isInstanceOfSatisfying(
                                    DatastoreException.class,
                                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                            .hasMessageContaining("has no SQL and no UPSERT");
                }
                assertThat(datastores.get("lake").tables(null)).isEmpty();
            } finally {
                s3.deleteBucket(bucket);
            }
        }
    }

    private static void appendToLake(Datastores datastores) {
        datastores
                .copy("seed", TableRef.of("users"), "lake", TableRef.of("users"))
                .run();
    }
}
