package io.datastores.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.jdbc.TestingServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datastores copy} against the local PostgreSQL. */
class CliCopyTest {
    @TempDir
    Path dir;

    private Map<String, String> environment;
    private String schema;
    private String out;
    private String err;

    @BeforeEach
    void setUp() throws Exception {
        TestingServers.Server server = TestingServers.postgres();
        Files.writeString(
                dir.resolve("datastores.yaml"),
                "datastores:\n  pg: {type: postgres, connection: {host: '"
                        + server.host() + "', port: " + server.port() + ", user: '" + server.user()
                        + "', password: '${PW}', "
                        + "database: '" + server.database() + "'}}\n");
        environment = Map.of("PW", server.password());
        schema = TestingServers.uniqueName("cli");
        run("query", "pg", "CREATE SCHEMA " + schema);
        run(
                "query",
                "pg",
                "CREATE TABLE " + schema + ".items AS SELECT i AS id, 'item ' || i AS label, "
                        + "'{\"i\": 1}'::jsonb AS doc, i / 3.0 AS ratio FROM generate_series(1, 1000) i");
    }

    @AfterEach
    void tearDown() {
        run("query", "pg", "DROP SCHEMA " + schema + " CASCADE");
    }

    private int run(String... args) {
        TestingCli.Result result = TestingCli.run(environment, dir, args);
        out = result.out();
        err = result.err();
        return result.code();
    }

    @Test
    void planShowsColumnsAndLossesWithoutCopying() {
        assertThat(run(
                        "copy",
                        "pg." + schema + ".items",
                        "pg." + schema + ".copied",
                        "--plan",
                        "--type",
                        "label=varchar(20)"))
                .as(err)
                .isZero();
        assertThat(out)
                .contains("table will be created")
                .containsPattern("doc\\s+jsonb\\s+arrow.json\\s+JSONB")
                .contains("varchar(20) (override)")
                .contains("ratio: numeric arrives as text");
        assertThat(run("tables", "pg", "--schema", schema)).isZero();
        assertThat(out).doesNotContain("copied");
    }

    @Test
    void copiesAndUpserts() {
        assertThat(run("copy", "pg." + schema + ".items", "pg." + schema + ".copied", "--batch-size", "100"))
                .as(err)
                .isZero();
        assertThat(out)
                .contains("Copied 1,000 rows from pg: " + schema + ".items to pg: " + schema + ".copied")
                .contains("table created")
                .contains("loss: ratio: numeric arrives as text");

        run("query", "pg", "UPDATE " + schema + ".items SET label = 'changed' WHERE id = 7");
        assertThat(run("copy", "pg." + schema + ".items", "pg." + schema + ".copied", "--mode", "overwrite"))
                .isZero();
        assertThat(run(
                        "query",
                        "pg",
                        "SELECT count(*) AS n, max(label) FILTER (WHERE id = 7) AS seven FROM " + schema + ".copied",
                        "--format",
                        "csv"))
                .isZero();
        assertThat(out).isEqualTo("n,seven\r\n1000,changed\r\n");
    }

    @Test
    void badAddressesAreUsageErrors() {
        assertThat(run("copy", "pg", "pg.x")).isEqualTo(2);
        assertThat(err).contains("Expected NAME.table or NAME.schema.table, got 'pg'");
        assertThat(run("copy", "pg." + schema + ".items", "pg." + schema + ".x", "--mode", "upsert"))
                .isEqualTo(6);
        assertThat(err).contains("An upsert needs key columns");
    }
}
