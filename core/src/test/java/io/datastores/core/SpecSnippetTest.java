package io.datastores.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.datastores.api.Datastore;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The datastores.yaml snippet of shared/SPEC.md must load exactly as users paste it. */
class SpecSnippetTest {
    private static final Map<String, String> REQUIRED =
            Map.of("MYSQL_HOST", "mysql.internal", "CLICKHOUSE_HOST", "ch.internal");

    static String snippet() throws IOException {
        try (InputStream in = SpecSnippetTest.class.getResourceAsStream("/spec-datastores.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static DatastoreConfig config(Datastores datastores, String name) {
        return ((TestingProvider.TestingDatastore) datastores.get(name)).config();
    }

    @Test
    void snippetIsTheOneInSpecMd() throws IOException {
        Path spec = Path.of("../../shared/SPEC.md");
        assumeTrue(Files.exists(spec), "shared/SPEC.md is not beside this checkout; cannot compare the copy");
        assertThat(Files.readString(spec)).contains(snippet());
    }

    @Test
    void loadsWithDefaultsAndAliases() throws IOException {
        try (Datastores datastores = Datastores.fromYaml(snippet(), REQUIRED)) {
            assertThat(datastores.names())
                    .containsExactly(
                            "local_postgres", "mysql_db", "clickhouse_db", "duckdb_local", "s3_storage", "demo_bank");

            Datastore local = datastores.get("local_postgres");
            assertThat(local.type()).isEqualTo("postgres");
            assertThat(local.description()).isEqualTo("Local PostgreSQL database for development");
            assertThat(local.tags()).containsExactly("development", "postgres", "local");
            DatastoreConfig pg = config(datastores, "local_postgres");
            assertThat(pg.connection())
                    .containsEntry("host", "localhost")
                    .containsEntry("port", "5432")
                    .containsEntry("user", "username")
                    .containsEntry("password", "")
                    .containsEntry("database", "synctool")
                    .doesNotContainKey("dbname");
            assertThat(pg.pool()).isEqualTo(PoolSettings.DEFAULT);

            assertThat(config(datastores, "mysql_db").connection())
                    .containsEntry("host", "mysql.internal")
                    .containsEntry("port", "3306");
            assertThat(config(datastores, "clickhouse_db").connection()).containsEntry("port", "9000");
            assertThat(config(datastores, "duckdb_local").connection())
                    .containsEntry("database", "./data/synctool.duckdb");

            DatastoreConfig s3 = config(datastores, "s3_storage");
            assertThat(s3.type()).isEqualTo("s3");
            assertThat(s3.connection()).containsEntry("s3_prefix", "data/").containsEntry("region", "us-east-1");

            Datastore bank = datastores.get("demo_bank");
            assertThat(bank.type()).isEqualTo("postgres");
            assertThat(bank.enabled()).isTrue();
            assertThat(bank.databases()).containsExactly("customer_db", "accounts_db", "loans_db");
            DatastoreConfig bankConfig = config(datastores, "demo_bank");
            assertThat(bankConfig.pool()).isEqualTo(new PoolSettings(2, 10, Duration.ofSeconds(10)));
            assertThat(bankConfig.connection())
                    .containsEntry("database", "demo_bank")
                    .containsEntry("password", "postgres");

            assertThat(datastores.ofType("postgresql"))
                    .extracting(Datastore::name)
                    .containsExactly("local_postgres", "demo_bank");
            assertThat(datastores.ofType("object_storage"))
                    .extracting(Datastore::name)
                    .containsExactly("s3_storage");
            assertThat(datastores.withTag("development"))
                    .extracting(Datastore::name)
                    .containsExactly("local_postgres");
            assertThat(datastores.list()).noneMatch(Datastore::isConnected);
        }
    }

    @Test
    void environmentOverridesDefaults() throws IOException {
        Map<String, String> env = new HashMap<>(REQUIRED);
        env.put("POSTGRES_HOST", "db.internal");
        env.put("POSTGRES_PORT", "6543");
        env.put("DUCKDB_PATH", "/var/lib/app.duckdb");
        try (Datastores datastores = Datastores.fromYaml(snippet(), env)) {
            assertThat(config(datastores, "local_postgres").connection())
                    .containsEntry("host", "db.internal")
                    .containsEntry("port", "6543");
            assertThat(config(datastores, "demo_bank").connection()).containsEntry("host", "db.internal");
            assertThat(config(datastores, "duckdb_local").connection())
                    .containsEntry("database", "/var/lib/app.duckdb");
        }
    }

    @Test
    void unsetRequiredVariablesAreNamedWithTheField() {
        assertThatThrownBy(() ->
                        Datastores.loader().environment(Map.of()).strict(true).fromYaml(snippet()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("datastore 'mysql_db', connection.host: Must specify host "
                        + "(${MYSQL_HOST} is not set in the environment or .env)")
                .hasMessageContaining("datastore 'clickhouse_db', connection.host: Must specify host "
                        + "(${CLICKHOUSE_HOST} is not set in the environment or .env)")
                .hasMessageContaining("(2 problems)");
    }

    @Test
    void unsetRequiredVariablesStopOnlyTheirDatastores() throws IOException {
        try (Datastores datastores = Datastores.fromYaml(snippet(), Map.of())) {
            assertThat(datastores.names()).hasSize(6);
            assertThat(datastores.problems())
                    .extracting(p -> p.datastore() + " " + p.key())
                    .containsExactly("mysql_db connection.host", "clickhouse_db connection.host");
            assertThat(config(datastores, "local_postgres").connection()).containsEntry("host", "localhost");
            assertThatThrownBy(() -> datastores.get("mysql_db").query("SELECT 1"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("datastore 'mysql_db', connection.host: Must specify host "
                            + "(${MYSQL_HOST} is not set in the environment or .env)")
                    .hasMessageContaining("(1 problem)")
                    .hasMessageNotContaining("clickhouse_db");
        }
    }
}
