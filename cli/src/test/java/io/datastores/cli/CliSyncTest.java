package io.datastores.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datastores sync}, {@code sync status}, {@code sync reset} and {@code demo} on embedded datastores. */
class CliSyncTest {
    @TempDir
    Path dir;

    private String out;
    private String err;

    @BeforeEach
    void writeConfig() throws Exception {
        Files.writeString(
                dir.resolve("datastores.yaml"), """
                datastores:
                  app: {type: duckdb, connection: {database: '%s'}}
                  mirror: {type: sqlite, connection: {database: '%s'}}
                """.formatted(dir.resolve("app.duckdb"), dir.resolve("mirror.sqlite")));
        Files.writeString(dir.resolve("job.yaml"), """
                name: mirror_users
                source_provider:
                  data_backend: {type: duckdb, datastore_name: app, schema: main}
                target_provider:
                  data_backend: {datastore_name: mirror}
                tables: [users]
                track_column: updated_at
                """);
    }

    private int run(String... args) {
        TestingCli.Result result = TestingCli.run(Map.of(), dir, args);
        out = result.out();
        err = result.err();
        return result.code();
    }

    @Test
    void syncsReportsStatusAndResets() {
        run(
                "query",
                "app",
                "CREATE TABLE users AS SELECT range AS id, 'user ' || range AS name, "
                        + "TIMESTAMP '2026-01-01' + range * INTERVAL 1 HOUR AS updated_at FROM range(100)");
        run("query", "app", "ALTER TABLE users ADD PRIMARY KEY (id)");
        String job = dir.resolve("job.yaml").toString();

        assertThat(run("sync", job)).as(err).isZero();
        assertThat(out).contains("users: 100 records (table created)").contains("Synced 100 records");

        run("query", "app", "UPDATE users SET name = 'renamed', updated_at = TIMESTAMP '2027-01-01' WHERE id < 3");
        assertThat(run("sync", job, "--once")).isZero();
        assertThat(run(
                        "query",
                        "mirror",
                        "SELECT count(*) AS n, sum(CASE WHEN name = 'renamed' THEN 1 ELSE 0 END) AS renamed "
                                + "FROM users",
                        "--format",
                        "csv"))
                .isZero();
        assertThat(out).isEqualTo("n,renamed\r\n100,3\r\n");

        assertThat(run("sync", "status", job, "--json")).isZero();
        assertThat(out)
                .contains("\"tableMap\": {\"users\": {\"lastValue\": \"2027-01-01T00:00:00.000\"")
                .contains("\"isRunning\": false");
        assertThat(run("sync", "status", job)).isZero();
        assertThat(out).containsPattern("users\\s+2027-01-01T00:00:00.000");

        assertThat(run("sync", "reset", job, "users")).isZero();
        assertThat(out).contains("Reset table users of job 'mirror_users'");
        assertThat(run("sync", "status", job, "--json")).isZero();
        assertThat(out).doesNotContain("2027-01-01");
    }

    @Test
    void aFailingTableGivesItsOwnExitCode() {
        assertThat(run("sync", dir.resolve("job.yaml").toString())).isEqualTo(ExitCodes.SYNC_TABLE_FAILED);
        assertThat(out).contains("users: FAILED");
        assertThat(run("sync")).isEqualTo(2);
        assertThat(err).contains("Missing required parameter: JOB");
    }

    @Test
    void demoRunsFromNothing() {
        assertThat(run("demo", "--dir", dir.resolve("tour").toString())).as(err).isZero();
        assertThat(out)
                .contains("1. Created shop.customers")
                .contains("customers: 1,000 records (table created)")
                .contains("5. Source has 1010 rows, replica has 1010 rows")
                .contains("\"tableMap\": {\"customers\"");
        assertThat(run("demo", "--dir", dir.resolve("tour").toString()))
                .as("a second run starts over")
                .isZero();
        assertThat(out).contains("customers: 1,000 records (table created)");
    }
}
