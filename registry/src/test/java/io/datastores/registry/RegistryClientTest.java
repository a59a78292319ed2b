package io.datastores.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.DatastoreException;
import io.datastores.core.Datastores;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An SDK client reads the registry's definitions: as YAML with placeholders, or loaded with their secrets. */
class RegistryClientTest {
    private static final String SECRET = "client-Pw-9";

    @TempDir
    Path folder;

    @Test
    void exportKeepsSecretsAsPlaceholdersAndLoadConnectsWithTheStoredOnes() {
        try (TestingRegistry registry = TestingRegistry.sqlite(folder)) {
            registry.create(TestingRegistry.postgresBody("Primary PostgreSQL", SECRET));
            Map<String, Object> tricky = TestingRegistry.postgresBody("it's ${HOME}", SECRET);
            tricky.put("description", "quotes ' and ${PLACEHOLDERS} stay literal");
            registry.create(tricky);
            Map<String, Object> inactive = TestingRegistry.postgresBody("retired", SECRET);
            inactive.put("is_active", false);
            registry.create(inactive);
            URI base = URI.create(registry.url("/"));
            String reader = registry.admin("POST", "/api/v1/tokens/", Map.of("name", "sdk", "scopes", List.of("read")))
                    .json().get("token").asText();

            String yaml = RegistryClient.of(base, reader).exportYaml();
            assertThat(yaml).contains("'Primary PostgreSQL':").contains("password: '${PRIMARY_POSTGRESQL_PASSWORD}'")
                    .doesNotContain(SECRET).doesNotContain("retired");
            try (Datastores exported = Datastores.fromYaml(yaml, Map.of("PRIMARY_POSTGRESQL_PASSWORD", "x", "IT_S_HOME_PASSWORD", "x"))) {
                assertThat(exported.names()).containsExactly("Primary PostgreSQL", "it's ${HOME}");
                assertThat(exported.get("it's ${HOME}").description()).isEqualTo("quotes ' and ${PLACEHOLDERS} stay literal");
            }

            assertThatThrownBy(() -> RegistryClient.of(base, reader).load()).isInstanceOf(DatastoreException.class)
                    .hasMessageContaining("admin scope");
            try (Datastores loaded = RegistryClient.of(base, TestingRegistry.ADMIN_TOKEN).load()) {
                assertThat(loaded.get("Primary PostgreSQL").query("SELECT 1 AS one").rows().get(0).get("one")).isEqualTo(1);
                assertThat(loaded.toString()).doesNotContain(SECRET);
            }
            assertThat(registry.admin("GET", "/api/v1/audit/", null).body()).contains("read-connection-details");
        }
    }
}
