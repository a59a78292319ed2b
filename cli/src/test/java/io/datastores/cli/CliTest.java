package io.datastores.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives every command through picocli with captured output. */
class CliTest {
    private static final String SECRET = "hunter2-S3cret";

    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>();
    private String out;
    private String err;

    @BeforeEach
    void writeConfig() throws Exception {
        Files.writeString(dir.resolve("datastores.yaml"), """
                datastores:
                  warehouse:
                    type: duckdb
                    description: analytics
                    tags: [local, embedded]
                    connection: {database: '${WAREHOUSE}'}
                    databases: [sales]
                  lite: {type: sqlite, connection: {database: '${LITE}'}}
                  sr: {type: starrocks, enabled: false, connection: {host: db, password: '${PGPASS}'}}
                """);
        environment.put("WAREHOUSE", dir.resolve("w.duckdb").toString());
        environment.put("LITE", dir.resolve("l.sqlite").toString());
        environment.put("PGPASS", SECRET);
    }

    private int run(String... args) {
        TestingCli.Result result = TestingCli.run(environment, dir, args);
        out = result.out();
        err = result.err();
        assertThat(out + err).doesNotContain(SECRET);
        return result.code();
    }

    @Test
    void listShowsEveryDatastoreWithoutConnecting() {
        assertThat(run("list")).isZero();
        assertThat(out)
                .containsPattern("warehouse\\s+duckdb\\s+sql\\s+local,embedded\\s+true")
                .containsPattern("sr\\s+starrocks\\s+sql\\s+false\\s+disabled");
        assertThat(dir.resolve("w.duckdb")).doesNotExist();

        assertThat(run("list", "--json")).isZero();
        assertThat(out)
                .contains(
                        "{\"name\":\"warehouse\",\"type\":\"duckdb\",\"category\":\"sql\","
                                + "\"tags\":[\"local\",\"embedded\"],\"enabled\":true,\"description\":\"analytics\",\"status\":\"ok\"}");
    }

    @Test
    void typesListsInstalledProvidersWithoutAConfiguration() throws Exception {
        Files.delete(dir.resolve("datastores.yaml"));
        assertThat(run("types", "--json")).isZero();
        assertThat(out)
                .contains("{\"type\":\"duckdb\",\"category\":\"sql\",\"aliases\":[],\"capabilities\":[\"SQL\",")
                .contains("\"type\":\"sqlite\"");
        assertThat(run("types")).isZero();
        assertThat(out).containsPattern("duckdb\\s+sql\\s+SQL,TRANSACTIONS");
    }

    @Test
    void testReportsEachDatastoreAndFailsWhenOneFails() {
        assertThat(run("test")).isZero();
        assertThat(out)
                .containsPattern("warehouse\\s+duckdb\\s+ok\\s+\\d+ ms\\s+DuckDB v")
                .containsPattern("lite\\s+sqlite\\s+ok")
                .doesNotContain("sr ");

        assertThat(run("test", "warehouse", "sr", "--json")).isEqualTo(ExitCodes.TEST_FAILED);
        assertThat(out)
                .contains("\"name\":\"warehouse\",\"type\":\"duckdb\",\"success\":true")
                .contains("\"name\":\"sr\",\"type\":\"starrocks\",\"success\":false")
                .contains("is disabled");
    }

    @Test
    void queryPrintsTableCsvAndJson() {
        run("query", "warehouse", "CREATE TABLE t AS SELECT range AS id, 'v,' || range AS label FROM range(5)");
        assertThat(run("query", "warehouse", "SELECT id, label, NULL AS nothing FROM t ORDER BY id", "--limit", "2"))
                .isZero();
        assertThat(out)
                .contains("id  label  nothing")
                .containsPattern("0\\s+v,0\\s+NULL")
                .contains("(2 rows, more not shown: raise --limit");

        assertThat(run("query", "warehouse", "SELECT id, label FROM t WHERE id < 2 ORDER BY id", "--format", "csv"))
                .isZero();
        assertThat(out).isEqualTo("id,label\r\n0,\"v,0\"\r\n1,\"v,1\"\r\n");

        assertThat(run("query", "warehouse", "SELECT id, label FROM t WHERE id = 4", "--json"))
                .isZero();
        assertThat(out.strip())
                .isEqualTo("{\"columns\":[\"id\",\"label\"],\"rows\":[{\"id\":4,\"label\":\"v,4\"}],"
                        + "\"rowCount\":1,\"truncated\":false,\"executionMillis\":"
                        + out.replaceAll("(?s).*\"executionMillis\":(\\d+).*", "$1") + "}");
    }

    @Test
    void queryRunsInALogicalDatabase() {
        run("query", "warehouse", "CREATE SCHEMA sales");
        run("query", "warehouse", "CREATE TABLE sales.deals AS SELECT 'won' AS state");
        assertThat(run("query", "warehouse", "SELECT state FROM deals", "--db", "sales", "--format", "csv"))
                .isZero();
        assertThat(out).isEqualTo("state\r\nwon\r\n");
    }

    @Test
    void tablesAndDescribe() {
        run("query", "warehouse", "CREATE TABLE orders (id INTEGER PRIMARY KEY, note VARCHAR)");
        assertThat(run("tables", "warehouse")).isZero();
        assertThat(out).containsPattern("main\\s+orders");
        assertThat(run("describe", "warehouse", "main.orders")).isZero();
        assertThat(out)
                .contains("main.orders")
                .containsPattern("id\\s+INTEGER\\s+no\\s+PK 1")
                .containsPattern("note\\s+VARCHAR\\s+yes");
        assertThat(run("describe", "warehouse", "orders", "--json")).isZero();
        assertThat(out).contains("\"primaryKey\":[\"id\"]").contains("\"name\":\"note\",\"type\":\"VARCHAR\"");
    }

    @Test
    void errorsAreOneLineWithCodeAndExitCode() {
        assertThat(run("query", "nope", "SELECT 1")).isEqualTo(4);
        assertThat(err)
                .isEqualTo("error [NOT_FOUND] Datastore 'nope' not found; known datastores: warehouse, lite, sr\n");

        assertThat(run("query", "warehouse", "SELECT * FROM missing_table")).isEqualTo(4);
        assertThat(err)
                .startsWith("error [NOT_FOUND] [warehouse/duckdb] Query failed: ")
                .contains("missing_table")
                .hasLineCount(1);

        assertThat(run("query", "warehouse", "SELEC oops")).isEqualTo(6);
        assertThat(err).startsWith("error [INVALID_DATA]");

        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("query", "warehouse")).isEqualTo(2);
    }

    @Test
    void configurationErrorsListEveryProblem() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "datastores: {a: {type: duckdb, conection: {}}, b: {type: nosuch}}");
        assertThat(run("--config", dir.resolve("bad.yaml").toString(), "list")).isEqualTo(3);
        assertThat(err)
                .contains("error [INVALID_CONFIG] Invalid datastores configuration")
                .contains("datastore 'a', conection: Unknown key (did you mean 'connection'?)")
                .contains("datastore 'b', type: Unknown datastore type 'nosuch'");
    }

    @Test
    void configurationIsFoundByOptionThenVariableThenWorkingDirectory() throws Exception {
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, "datastores: {only_here: {type: duckdb, connection: {database: ':memory:'}}}");
        environment.put(Main.CONFIG_VARIABLE, other.toString());
        assertThat(run("list")).isZero();
        assertThat(out).contains("only_here").doesNotContain("warehouse");

        assertThat(run("--config", dir.resolve("datastores.yaml").toString(), "list"))
                .isZero();
        assertThat(out).contains("warehouse");

        environment.remove(Main.CONFIG_VARIABLE);
        Files.delete(dir.resolve("datastores.yaml"));
        assertThat(run("list")).isEqualTo(4);
        assertThat(err)
                .contains(
                        "No configuration found: pass --config FILE, set DATASTORES_CONFIG, create ./datastores.yaml, or give a registry with --registry URL");
    }

    @Test
    void envFileOptionSuppliesVariables() throws Exception {
        environment.remove("LITE");
        Path envFile = dir.resolve("custom.env");
        Files.writeString(envFile, "LITE=" + dir.resolve("from-env-file.sqlite") + "\n");
        assertThat(run("--env-file", envFile.toString(), "test", "lite")).isZero();
        assertThat(dir.resolve("from-env-file.sqlite")).exists();
    }

    @Test
    void secretsAreMaskedEvenInVerboseStackTraces() {
        // The secret appears in a driver message here only because the SQL names it.
        assertThat(run("--verbose", "query", "warehouse", "SELECT * FROM \"" + SECRET + "\""))
                .isEqualTo(4);
        assertThat(err).contains("error [NOT_FOUND]").contains("****").contains("at io.datastores.");
    }

    @Test
    void helpDocumentsExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out)
                .contains("Exit codes:")
                .contains("3  bad configuration")
                .contains("list")
                .contains("describe");
    }
}
