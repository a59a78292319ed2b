package io.datastores.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad configuration fails early with a message that names the place and the fix. */
class ConfigErrorsTest {
    private static final String PASSWORD = "S3cr3t-Pa55w0rd!";

    private static AbstractThrowableAssert<?, ? extends Throwable> failsToLoad(String yaml, ErrorCode code) {
        return assertThatThrownBy(() -> Datastores.fromYaml(yaml, Map.of("PW", PASSWORD)))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void malformedYamlGivesLineAndColumn() {
        failsToLoad("""
                datastores:
                  pg:
                    type: postgres
                   connection: {host: x}
                """, ErrorCode.INVALID_CONFIG)
                .hasMessageContaining("Malformed YAML")
                .hasMessageMatching("(?s).*at line 4, column \\d+.*");
    }

    @Test
    void emptyFileIsRejected(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("datastores.yaml");
        Files.writeString(empty, "\n# nothing\n");
        assertThatThrownBy(() -> Datastores.load(empty, Map.of()))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining("Empty or invalid datastores YAML")
                .hasMessageContaining(empty.toString());
        failsToLoad("", ErrorCode.INVALID_CONFIG).hasMessageContaining("Empty or invalid datastores YAML");
        failsToLoad("just a string", ErrorCode.INVALID_CONFIG).hasMessageContaining("Empty or invalid datastores YAML");
    }

    @Test
    void missingFileIsNotFound(@TempDir Path dir) {
        assertThatThrownBy(() -> Datastores.load(dir.resolve("nope.yaml"), Map.of()))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("Configuration file not found");
    }

    @Test
    void unknownTypeListsInstalledTypes() {
        failsToLoad("datastores: {x: {type: oracle, connection: {host: h}}}", ErrorCode.INVALID_CONFIG)
                .hasMessageContaining("datastore 'x', type: Unknown datastore type 'oracle'; installed types: "
                        + "clickhouse, duckdb, mysql, postgres, s3");
    }

    @Test
    void misspeltTypeGetsASuggestion() {
        failsToLoad("datastores: {x: {type: duckbd, connection: {database: a}}}", ErrorCode.INVALID_CONFIG)
                .hasMessageContaining("Unknown datastore type 'duckbd' (did you mean 'duckdb'?)");
    }

    @Test
    void typeWithoutItsProviderJarNamesTheArtifact() {
        failsToLoad("datastores: {sr: {type: starrocks, connection: {host: h}}}", ErrorCode.DRIVER_MISSING)
                .hasMessageContaining("datastore 'sr', type: Datastore type 'starrocks' needs the provider jar "
                        + "io.datastores:datastores-provider-starrocks; add it to your dependencies");
    }

    @Test
    void missingTypeIsNamed() {
        failsToLoad("datastores: {x: {connection: {host: h}}}", ErrorCode.INVALID_CONFIG)
                .hasMessageContaining("datastore 'x', type: Must specify type");
    }

    @Test
    void missingHostIsNamed() {
        failsToLoad(
                        "datastores: {pg: {type: postgres, connection: {user: u, password: '${PW}'}}}",
                        ErrorCode.INVALID_CONFIG)
                .hasMessageContaining("datastore 'pg', connection.host: Must specify host");
    }

    @Test
    void aConnectionValueIsOneValueOrAListOfValues() {
        try (Datastores datastores = Datastores.fromYaml(
                "datastores: {pg: {type: postgres, connection: {host: [a.internal, '${B:b.internal}'], port: 5432}}}",
                Map.of())) {
            assertThat(((TestingProvider.TestingDatastore) datastores.get("pg"))
                            .config()
                            .connection())
                    .containsEntry("host", "a.internal,b.internal");
        }
        failsToLoad("datastores: {pg: {type: postgres, connection: {host: {name: h}}}}", ErrorCode.INVALID_CONFIG)
                .hasMessageContaining("datastore 'pg', connection.host: Must be a single value or a list of single");
        failsToLoad("datastores: {pg: {type: postgres, connection: {host: [[a, b]]}}}", ErrorCode.INVALID_CONFIG)
                .hasMessageContaining("connection.host: Must be a single value or a list of single values");
    }

    @Test
    void portMustBeANumberInRange() {
        failsToLoad("datastores: {pg: {type: postgres, connection: {host: h, port: abc}}}", ErrorCode.INVALID_CONFIG)
                .hasMessageContaining(
                        "datastore 'pg', connection.port: Port must be a whole number from 1 to 65535, got 'abc'");
        failsToLoad("datastores: {pg: {type: postgres, connection: {host: h, port: 70000}}}", ErrorCode.INVALID_CONFIG)
                .hasMessageContaining("got '70000'");
        failsToLoad(
                        "datastores: {pg: {type: postgres, connection: {host: h, port: '${P:0}'}}}",
                        ErrorCode.INVALID_CONFIG)
                .hasMessageContaining("got '0'");
    }

    @Test
    void poolSettingsAreChecked() {
        failsToLoad(
                        "datastores: {pg: {type: postgres, connection: {host: h, min_pool_size: 5, max_pool_size: 2}}}",
                        ErrorCode.INVALID_CONFIG)
                .hasMessageContaining("min_pool_size (5) must not exceed max_pool_size (2)");
        failsToLoad(
                        "datastores: {pg: {type: postgres, connection: {host: h, connect_timeout: soon}}}",
                        ErrorCode.INVALID_CONFIG)
                .hasMessageContaining(
                        "connection.connect_timeout: connect_timeout must be a whole number of at least 1, got 'soon'");
    }

    @Test
    void duplicateDatastoreNamesAreRefused() {
        failsToLoad("""
                datastores:
                  same: {type: duckdb, connection: {database: a}}
                  same: {type: duckdb, connection: {database: b}}
                """, ErrorCode.INVALID_CONFIG)
                .hasMessageContaining("Duplicate key 'same'")
                .hasMessageContaining("line 3");
    }

    @Test
    void unknownKeysSuggestTheNearestValidOne() {
        failsToLoad("""
                datastores:
                  pg:
                    type: postgres
                    conection: {host: h}
                    descripton: typo
                """, ErrorCode.INVALID_CONFIG)
                .hasMessageContaining("datastore 'pg', conection: Unknown key (did you mean 'connection'?)")
                .hasMessageContaining("datastore 'pg', descripton: Unknown key (did you mean 'description'?)");
        failsToLoad("datastores: {pg: {type: postgres, connection: {hots: h, host: h}}}", ErrorCode.INVALID_CONFIG)
                .hasMessageContaining("datastore 'pg', connection.hots: Unknown key (did you mean 'host'?)");
        failsToLoad("datastore: {}", ErrorCode.INVALID_CONFIG)
                .hasMessageContaining("datastore: Unknown top-level key (did you mean 'datastores'?)");
    }

    @Test
    void aliasAndCanonicalKeyTogetherAreAmbiguous() {
        failsToLoad(
                        "datastores: {pg: {type: postgres, connection: {host: h, database: a, dbname: b}}}",
                        ErrorCode.INVALID_CONFIG)
                .hasMessageContaining("Give either 'database' or its alias 'dbname', not both");
    }

    @Test
    void javaAndCustomTagsAreRefused() {
        failsToLoad("datastores: {x: !!java.io.File {type: duckdb}}", ErrorCode.INVALID_CONFIG)
                .hasMessageContaining("Custom YAML tags")
                .hasMessageContaining("java.io.File");
        failsToLoad(
                        "datastores: {x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1/\"]]]]}",
                        ErrorCode.INVALID_CONFIG)
                .hasMessageContaining("Custom YAML tags");
        failsToLoad("datastores: {x: !mytag {type: duckdb}}", ErrorCode.INVALID_CONFIG)
                .hasMessageContaining("Custom YAML tags such as '!mytag'");
    }

    @Test
    void aliasBombsAreBounded() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            yaml.append(c)
                    .append(": &")
                    .append(c)
                    .append(" [*")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append("]\n");
        }
        yaml.append("datastores: {}\n");
        failsToLoad(yaml.toString(), ErrorCode.INVALID_CONFIG).hasMessageContaining("aliases");
    }

    @Test
    void unknownDatastoreListsTheKnownOnes() {
        try (Datastores datastores = Datastores.fromYaml("""
                datastores:
                  alpha: {type: duckdb, connection: {database: a}}
                  beta: {type: duckdb, connection: {database: b}}
                """, Map.of())) {
            assertThatThrownBy(() -> datastores.get("x"))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                    .hasMessage("Datastore 'x' not found; known datastores: alpha, beta");
        }
    }

    @Test
    void everyProblemOfTheFileIsReportedTogether() {
        DatastoreException e = catchConfig("""
                datastores:
                  a: {type: postgres, connection: {port: abc}}
                  b: {type: nosuch}
                  c: {type: duckdb, connection: {database: x, hots: y}}
                """);
        assertThat(((ConfigException) e).problems())
                .extracting(p -> p.datastore() + ":" + p.key())
                .containsExactlyInAnyOrder("a:connection.port", "a:connection.host", "b:type", "c:connection.hots");
        assertThat(e.getMessage()).contains("(4 problems)");
    }

    @Test
    void badPlaceholderNamesTheKey() {
        failsToLoad("datastores: {pg: {type: postgres, connection: {host: '${HOST'}}}", ErrorCode.INVALID_CONFIG)
                .hasMessageContaining("datastore 'pg', connection.host: Bad placeholder");
    }

    @Test
    void logicalDatabaseNamesAreUniqueAcrossDatastores() {
        failsToLoad("""
                datastores:
                  a: {type: postgres, connection: {host: h}, databases: [sales, hr]}
                  b: {type: postgres, connection: {host: h}, databases: [sales]}
                """, ErrorCode.INVALID_CONFIG)
                .hasMessageContaining(
                        "datastore 'b', databases: Logical database 'sales' is also declared by datastore 'a'");
    }

    @Test
    void enabledMustBeBoolean() {
        failsToLoad(
                        "datastores: {a: {type: duckdb, enabled: maybe, connection: {database: x}}}",
                        ErrorCode.INVALID_CONFIG)
                .hasMessageContaining("datastore 'a', enabled: Must be true or false, got 'maybe'");
    }

    private static DatastoreException catchConfig(String yaml) {
        try {
            Datastores.fromYaml(yaml, Map.of()).close();
        } catch (DatastoreException e) {
            return e;
        }
        throw new AssertionError("expected the configuration to be refused");
    }
}
