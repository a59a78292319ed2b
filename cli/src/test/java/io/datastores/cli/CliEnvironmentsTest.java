package io.datastores.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.datastores.jdbc.TestingServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One datastores.yaml for every environment: the SPEC's file pasted verbatim (plus the issue's
 * {@code postgres_db}), with only the local PostgreSQL's variables set.
 */
class CliEnvironmentsTest {
    private static final String SECRET = "pr0d-S3cret-Value";
    private static final String POSTGRES_DB_ENTRY = """
              postgres_db:
                type: 'postgres'
                connection: {host: '${POSTGRES_HOST}', port: '${POSTGRES_PORT:5432}', user: '${POSTGRES_USER}',
                             password: '${POSTGRES_PASSWORD}', database: '${POSTGRES_DB}'}
            """;

    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>();
    private String out;
    private String err;

    private int run(String... args) {
        TestingCli.Result result = TestingCli.run(environment, dir, args);
        out = result.out();
        err = result.err();
        assertThat(out + err).doesNotContain(SECRET);
        return result.code();
    }

    private void writeSpecConfig() throws Exception {
        String spec = Files.readString(Path.of("../core/src/test/resources/spec-datastores.yaml"));
        Files.writeString(dir.resolve("datastores.yaml"), spec + POSTGRES_DB_ENTRY);
    }

    @Test
    void theSpecFileWorksWithOnlyTheLocalVariablesSet() throws Exception {
        TestingServers.Server server = TestingServers.postgres();
        assumeTrue(
                server.port() == 5432 && server.host().equals("127.0.0.1"),
                "the SPEC's local_postgres takes host and port from their defaults (localhost:5432); the server is "
                        + server);
        writeSpecConfig();
        environment.put("POSTGRES_USER", server.user());
        environment.put("POSTGRES_PASSWORD", server.password());
        environment.put("POSTGRES_DB", server.database());
        environment.put("MYSQL_PASSWORD", SECRET);

        assertThat(run("list")).as(err).isZero();
        assertThat(out)
                .containsPattern("local_postgres\\s+postgres\\s+sql\\s+development,postgres,local\\s+true\\s+ok\n")
                .containsPattern("duckdb_local\\s+duckdb\\s+sql\\s+true\\s+ok\n")
                .containsPattern("demo_bank\\s+postgres\\s+sql\\s+true\\s+ok\n")
                .containsPattern(
                        "mysql_db .* invalid: Must specify host \\(\\$\\{MYSQL_HOST} is not set in the environment or "
                                + "\\.env\\)\n")
                .containsPattern("postgres_db .* invalid: Must specify host \\(\\$\\{POSTGRES_HOST} is not set");

        assertThat(run("list", "--json")).isZero();
        assertThat(out)
                .contains("\"name\":\"local_postgres\"")
                .contains("\"status\":\"ok\"")
                .contains(
                        "\"status\":\"invalid\",\"problems\":[{\"key\":\"connection.host\",\"message\":\"Must specify host "
                                + "(${POSTGRES_HOST} is not set in the environment or .env)\"}]");

        assertThat(run("query", "local_postgres", "SELECT 1 AS one", "--format", "csv"))
                .as(err)
                .isZero();
        assertThat(out).isEqualTo("one\r\n1\r\n");

        assertThat(run("query", "postgres_db", "SELECT 1")).isEqualTo(3);
        assertThat(err)
                .contains("error [INVALID_CONFIG] Invalid datastores configuration in ")
                .contains("datastore 'postgres_db', connection.host: Must specify host "
                        + "(${POSTGRES_HOST} is not set in the environment or .env)")
                .doesNotContain("mysql_db");

        assertThat(run("check")).isEqualTo(3);
        assertThat(out)
                .contains("local_postgres: ok")
                .contains("duckdb_local: ok")
                .contains("demo_bank: ok")
                .contains("mysql_db: invalid")
                .contains("clickhouse_db: invalid")
                .contains("s3_storage: invalid")
                .contains("postgres_db: invalid")
                .contains("  - connection.s3_bucket: ");
        assertThat(err).contains("error [INVALID_CONFIG] 4 of 7 datastores cannot be used in this environment");

        assertThat(run("check", "local_postgres", "demo_bank")).as(out + err).isZero();
        assertThat(out).contains("ok: 2 datastores checked");
        assertThat(run("check", "nosuch")).isEqualTo(4);
    }

    @Test
    void profileFilesAddToDotEnvAndTheEnvironmentWins() throws Exception {
        Files.writeString(dir.resolve("datastores.yaml"), """
                datastores:
                  warehouse: {type: duckdb, connection: {database: '${WAREHOUSE}'}}
                  prod: {type: postgres, connection: {host: '${PROD_HOST}', password: '${PROD_PASSWORD}', database: app}}
                """);
        Files.writeString(dir.resolve(".env"), "WAREHOUSE=" + dir.resolve("dev.duckdb") + "\n");
        Files.writeString(dir.resolve(".env.prod"), "PROD_HOST=db.internal\nPROD_PASSWORD=" + SECRET + "\n");

        assertThat(run("check")).isEqualTo(3);
        assertThat(out).contains("prod: invalid").contains("variables: environment, then " + dir.resolve(".env"));

        assertThat(run("--profile", "prod", "check")).as(err).isZero();
        assertThat(out)
                .contains("prod: ok")
                .contains("variables: environment, then " + dir.resolve(".env.prod") + ", then " + dir.resolve(".env"));

        environment.put("DATASTORES_PROFILE", "prod");
        assertThat(run("check", "prod")).as(out + err).isZero();
        environment.put("PROD_PASSWORD", "from-the-environment");
        environment.remove("DATASTORES_PROFILE");
        assertThat(run("check", "prod")).isEqualTo(3);
        assertThat(out)
                .contains("prod: invalid")
                .contains("connection.host: Must specify host (${PROD_HOST} is not set");

        assertThat(run("--profile", "../etc", "list")).isEqualTo(3);
        assertThat(err).contains("Profile '../etc' must be letters, digits");
    }

    @Test
    void aBadPortIsReportedOnce() throws Exception {
        Files.writeString(
                dir.resolve("datastores.yaml"),
                "datastores: {pg: {type: postgres, connection: {host: h, port: 99999, database: d}}}\n");
        assertThat(run("check")).isEqualTo(3);
        assertThat(err)
                .contains("(1 problem)")
                .contains("connection.port: Port must be a whole number from 1 to 65535, " + "got '99999'")
                .doesNotContain("Must be a port number");
    }
}
