package io.datastores.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.core.ConfigException;
import io.datastores.core.Datastores;
import io.datastores.core.DatastoresLoader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK side of the registry over real HTTP: a file is imported into a running registry, then
 * {@code Datastores.loader().registry(...)} loads it back and queries a real SQLite file, with the
 * placeholders stored as placeholders and resolved by the loading client.
 */
class RegistryLoadingTest {
    @TempDir
    Path folder;

    private Path file(String name, String text) throws Exception {
        return Files.writeString(folder.resolve(name), text);
    }

    private static final String FILE = """
            datastores:
              sales:
                type: sqlite
                description: 'Sales, in ${DATA_DIR}'
                tags: [team]
                connection:
                  database: '${DATA_DIR}/sales.db'
                  max_pool_size: '${SALES_POOL:4}'
              later:
                type: sqlite
                description: Needs a variable this machine does not set
                connection: {database: '${REGISTRY_TEST_NEVER_SET}'}
              tuned:
                type: sqlite
                description: A key the registry has no field for
                connection: {database: '${DATA_DIR}/tuned.db', journal_mode: wal}
            """;

    @Test
    void importedDefinitionsLoadBackAndQueryARealDatabase() throws Exception {
        try (Datastores seed = Datastores.inline(
                "seed", "sqlite", Map.of("database", folder.resolve("sales.db").toString()))) {
            seed.get("seed").execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL)");
            seed.get("seed").execute("INSERT INTO orders (total) VALUES (?), (?), (?)", 1.5, 2.5, 3.0);
        }
        Map<String, String> environment = Map.of("DATA_DIR", folder.toString());
        try (TestingRegistry registry = TestingRegistry.sqlite(folder)) {
            URI base = URI.create(registry.url("/"));
            String writer = token(registry, "read", "write");
            Path yaml = file("datastores.yaml", FILE);

            ImportReport first = RegistryClient.of(base, writer)
                    .importer()
                    .environment(environment)
                    .run(yaml);
            assertThat(first.summary()).isEqualTo("2 created, 0 updated, 0 unchanged, 1 failed");
            assertThat(outcome(first, "tuned").detail())
                    .contains("connection.journal_mode has no field in the registry");
            assertThat(outcome(first, "sales").detail())
                    .contains("left out tags")
                    .contains("max_pool_size ${SALES_POOL:4} stored as 4");

            // The registry keeps the placeholder itself (sealed like any secret); the client resolves it.
            JsonNode details = registry.admin(
                            "GET", "/api/v1/datastores/" + id(registry, "sales") + "/connection-details/", null)
                    .json();
            assertThat(details.get("connection_string").asText()).isEqualTo("${DATA_DIR}/sales.db");

            assertThat(RegistryClient.of(base, writer)
                            .importer()
                            .environment(environment)
                            .run(yaml)
                            .summary())
                    .isEqualTo("0 created, 0 updated, 2 unchanged, 1 failed");
            Files.writeString(yaml, FILE.replace("Sales, in", "All sales, in"));
            assertThat(RegistryClient.of(base, writer)
                            .importer()
                            .environment(environment)
                            .run(yaml)
                            .summary())
                    .isEqualTo("0 created, 1 updated, 1 unchanged, 1 failed");

            try (Datastores loaded = Datastores.loader()
                    .environment(environment)
                    .registry(base, TestingRegistry.ADMIN_TOKEN)
                    .load()) {
                assertThat(loaded.names()).containsExactly("later", "sales");
                assertThat(loaded.get("sales")
                                .query("SELECT COUNT(*) AS n, SUM(total) AS s FROM orders")
                                .rows()
                                .get(0))
                        .containsEntry("n", 3)
                        .containsEntry("s", 7.0);
                assertThat(loaded.get("sales").description()).isEqualTo("All sales, in ${DATA_DIR}");
                // Unusable, exactly as the same definition in a file would be: named, refused when used.
                assertThat(loaded.problems())
                        .singleElement()
                        .satisfies(
                                p -> assertThat(p.toString()).contains("later").contains("${REGISTRY_TEST_NEVER_SET}"));
                assertThatThrownBy(() -> loaded.get("later").query("SELECT 1"))
                        .isInstanceOf(ConfigException.class)
                        .hasMessageContaining("the datastore registry at " + base);
                assertThat(loaded.toString()).doesNotContain(TestingRegistry.ADMIN_TOKEN);
            }
            assertThatThrownBy(() -> loader(environment)
                            .registry(base, TestingRegistry.ADMIN_TOKEN)
                            .strict(true)
                            .load())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("REGISTRY_TEST_NEVER_SET");
            assertThat(registry.admin("GET", "/api/v1/audit/", null).body()).contains("export-with-secrets");
        }
    }

    @Test
    void aNameInBothTheFileAndTheRegistryIsAnErrorNamingBoth() throws Exception {
        try (TestingRegistry registry = TestingRegistry.sqlite(folder)) {
            URI base = URI.create(registry.url("/"));
            Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of(
                    "name",
                    "shared",
                    "type",
                    "sql",
                    "system",
                    "sqlite",
                    "description",
                    "in the registry",
                    "connection_string",
                    folder.resolve("a.db").toString()));
            registry.create(body);
            Path local = file(
                    "local.yaml",
                    "datastores:\n  shared: {type: sqlite, connection: {database: '" + folder.resolve("b.db")
                            + "'}}\n  mine: {type: sqlite, connection: {database: '" + folder.resolve("c.db")
                            + "'}}\n");
            assertThatThrownBy(() -> loader(Map.of())
                            .registry(base, TestingRegistry.ADMIN_TOKEN)
                            .load(local))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("'shared'")
                    .hasMessageContaining(local.toString())
                    .hasMessageContaining("the datastore registry at " + base)
                    .hasMessageNotContaining(TestingRegistry.ADMIN_TOKEN);

            Path other = file(
                    "other.yaml",
                    "datastores:\n  mine: {type: sqlite, connection: {database: '" + folder.resolve("c.db") + "'}}\n");
            try (Datastores both =
                    loader(Map.of()).registry(base, TestingRegistry.ADMIN_TOKEN).load(other)) {
                assertThat(both.names()).containsExactly("mine", "shared");
                assertThat(both.get("shared").description()).isEqualTo("in the registry");
            }
        }
    }

    @Test
    void aRefusedTokenAnUnreachableRegistryAndAWrongAddressAreTypedAndNameTheUrlOnly() throws Exception {
        try (TestingRegistry registry = TestingRegistry.sqlite(folder)) {
            URI base = URI.create(registry.url("/"));
            String wrong = "dsr_wrong-token-4242";
            assertThatThrownBy(() -> loader(Map.of()).registry(base, wrong).load())
                    .isInstanceOf(DatastoreException.class)
                    .satisfies(e -> assertThat(((DatastoreException) e).code()).isEqualTo(ErrorCode.AUTHENTICATION))
                    .hasMessageContaining(base.toString())
                    .hasMessageContaining("HTTP 401")
                    .hasMessageNotContaining(wrong);
            String reader = token(registry, "read");
            assertThatThrownBy(() -> loader(Map.of()).registry(base, reader).load())
                    .isInstanceOf(DatastoreException.class)
                    .satisfies(e -> assertThat(((DatastoreException) e).code()).isEqualTo(ErrorCode.AUTHENTICATION))
                    .hasMessageContaining("admin scope")
                    .hasMessageNotContaining(reader);
            assertThatThrownBy(() -> loader(Map.of())
                            .registry(URI.create(registry.url("/elsewhere/")), TestingRegistry.ADMIN_TOKEN)
                            .load())
                    .isInstanceOf(DatastoreException.class)
                    .satisfies(e -> assertThat(((DatastoreException) e).code()).isEqualTo(ErrorCode.CONNECTION))
                    .hasMessageContaining("HTTP 404");
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/");
        assertThatThrownBy(() ->
                        loader(Map.of()).registry(nowhere, "dsr_some-token").load())
                .isInstanceOf(DatastoreException.class)
                .satisfies(e -> assertThat(((DatastoreException) e).code()).isEqualTo(ErrorCode.CONNECTION))
                .hasMessageContaining("Cannot reach the datastore registry at " + nowhere)
                .hasMessageNotContaining("dsr_some-token");
        assertThatThrownBy(() -> loader(Map.of()).registry(nowhere, " "))
                .isInstanceOf(DatastoreException.class)
                .hasMessageContaining("token");
    }

    private static DatastoresLoader loader(Map<String, String> environment) {
        return Datastores.loader().environment(environment);
    }

    private static String token(TestingRegistry registry, String... scopes) {
        return registry.admin(
                        "POST", "/api/v1/tokens/", Map.of("name", String.join("-", scopes), "scopes", List.of(scopes)))
                .json()
                .get("token")
                .asText();
    }

    private static long id(TestingRegistry registry, String name) {
        for (JsonNode d : registry.admin("GET", "/api/v1/datastores/?search=" + name, null)
                .json()
                .get("results")) {
            if (d.get("name").asText().equals(name)) {
                return d.get("id").asLong();
            }
        }
        throw new AssertionError("no datastore " + name);
    }

    private static ImportReport.Outcome outcome(ImportReport report, String name) {
        return report.outcomes().stream()
                .filter(o -> o.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
