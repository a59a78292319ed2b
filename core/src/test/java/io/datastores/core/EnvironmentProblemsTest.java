package io.datastores.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.spi.DatastoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A datastore whose variables are unset in this environment stops only itself, never the file. */
class EnvironmentProblemsTest {
    private static final String PASSWORD = "S3cr3t-Pa55w0rd!";
    private static final String YAML = """
            datastores:
              local: {type: duckdb, connection: {database: ':memory:'}}
              prod: {type: postgres, connection: {host: '${PROD_HOST}', user: app, password: '${PROD_PASSWORD}'}}
              off: {type: postgres, enabled: false, connection: {host: '${OFF_HOST}'}}
            """;
    private static final String HOST_PROBLEM =
            "datastore 'prod', connection.host: Must specify host (${PROD_HOST} is not set in the environment or .env)";

    private static Datastores load(Map<String, String> environment) {
        return Datastores.fromYaml(YAML, environment);
    }

    @Test
    void theFileLoadsAndTheProblemIsListed() {
        try (Datastores datastores = load(Map.of("PROD_PASSWORD", PASSWORD))) {
            assertThat(datastores.names()).containsExactly("local", "prod", "off");
            assertThat(datastores.problems()).extracting(Object::toString).containsExactly(HOST_PROBLEM);
            datastores.get("local").connect();
            assertThat(datastores.get("local").isConnected()).isTrue();
            assertThat(datastores.get("prod").enabled()).isTrue();
            assertThat(datastores.get("off").enabled()).isFalse();
        }
    }

    @Test
    void everyUseOfTheDatastoreThrowsItsProblem() {
        try (Datastores datastores = load(Map.of("PROD_PASSWORD", PASSWORD))) {
            Datastore prod = datastores.get("prod");
            for (Runnable use : new Runnable[] {
                prod::connect,
                () -> prod.query("SELECT 1"),
                () -> prod.execute("SELECT 1"),
                () -> prod.tables(null),
                () -> prod.describe(TableRef.of("t")),
                () -> datastores.require("prod")
            }) {
                assertThatThrownBy(use::run)
                        .isInstanceOfSatisfying(ConfigException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG);
                            assertThat(e.problems())
                                    .extracting(Object::toString)
                                    .containsExactly(HOST_PROBLEM);
                        })
                        .hasMessageContaining(HOST_PROBLEM)
                        .hasMessageNotContaining(PASSWORD);
            }
            ConnectionTest test = prod.test();
            assertThat(test.success()).isFalse();
            assertThat(test.error()).contains(HOST_PROBLEM);
            assertThat(prod.toString() + prod.test()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aCopyNamingTheDatastoreFailsBeforeItStarts() {
        try (Datastores datastores = load(Map.of())) {
            assertThatThrownBy(() -> datastores.copy("local", TableRef.of("t"), "prod", TableRef.of("t")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(HOST_PROBLEM);
            assertThat(datastores.require("local")).isSameAs(datastores.get("local"));
            assertThatThrownBy(() -> datastores.require("off")).hasMessageContaining("Datastore 'off' is disabled");
        }
    }

    @Test
    void strictLoadFailsOnTheEnvironmentToo() {
        assertThatThrownBy(() ->
                        Datastores.loader().environment(Map.of()).strict(true).fromYaml(YAML))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(HOST_PROBLEM)
                .hasMessageContaining("(1 problem)");
    }

    @Test
    void setVariablesLeaveNoProblem() {
        try (Datastores datastores = load(Map.of("PROD_HOST", "db.internal"))) {
            assertThat(datastores.problems()).isEmpty();
            assertThat(datastores.require("prod").type()).isEqualTo("postgres");
        }
    }

    @Test
    void aProblemOfTheFileStillFailsTheLoadListingEverything() {
        String yaml = YAML + "  typo: {type: duckdb, conection: {database: x}}\n";
        assertThatThrownBy(() -> Datastores.fromYaml(yaml, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("(2 problems)")
                .hasMessageContaining(HOST_PROBLEM)
                .hasMessageContaining("datastore 'typo', conection: Unknown key");
    }

    @Test
    void aMalformedValueIsTheFilesProblemEvenWhereAVariableIsUnset() {
        String yaml = "datastores: {pg: {type: postgres, connection: {host: '${H}', port: 'abc'}}}";
        assertThatThrownBy(() -> Datastores.fromYaml(yaml, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("connection.port: Port must be a whole number from 1 to 65535, got 'abc'")
                .hasMessageContaining("connection.host: Must specify host (${H} is not set");
    }

    @Test
    void profileFileWinsOverDotEnvAndLosesToTheEnvironment(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("datastores.yaml");
        Files.writeString(yaml, """
                datastores:
                  pg: {type: postgres, connection: {host: '${PG_HOST}', user: '${PG_USER}', database: '${PG_DB}'}}
                """);
        Files.writeString(dir.resolve(".env"), "PG_HOST=from-dotenv\nPG_USER=from-dotenv\nPG_DB=from-dotenv\n");
        Files.writeString(dir.resolve(".env.prod"), "PG_USER=from-profile\nPG_DB=from-profile\n");
        try (Datastores datastores = Datastores.loader()
                .environment(Map.of("PG_DB", "from-environment"))
                .profile("prod")
                .load(yaml)) {
            assertThat(config(datastores, "pg").connection())
                    .containsEntry("host", "from-dotenv")
                    .containsEntry("user", "from-profile")
                    .containsEntry("database", "from-environment");
            assertThat(datastores.envFiles()).containsExactly(dir.resolve(".env"), dir.resolve(".env.prod"));
        }
        try (Datastores datastores = Datastores.load(yaml, Map.of(Datastores.PROFILE_VARIABLE, "prod"))) {
            assertThat(config(datastores, "pg").connection()).containsEntry("user", "from-profile");
        }
        try (Datastores datastores =
                Datastores.loader().environment(Map.of()).profile("staging").load(yaml)) {
            assertThat(config(datastores, "pg").connection()).containsEntry("user", "from-dotenv");
            assertThat(datastores.envFiles()).containsExactly(dir.resolve(".env"));
        }
    }

    @Test
    void aProfileNameCannotReachOutsideTheFolder() {
        assertThatThrownBy(() -> Datastores.loader().profile("../secrets"))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining("Profile '../secrets' must be letters, digits");
    }

    private static DatastoreConfig config(Datastores datastores, String name) {
        return ((TestingProvider.TestingDatastore) datastores.get(name)).config();
    }
}
