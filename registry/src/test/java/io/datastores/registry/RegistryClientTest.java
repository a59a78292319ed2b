package io.datastores.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.core.Datastores;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export: placeholders stay placeholders, secrets never leave without the admin scope. */
class RegistryClientTest {
    private static final String SECRET = "client-Pw-9";

    @TempDir
    Path folder;

    @Test
    void exportKeepsPlaceholdersAndHidesSecretsAndTheLoaderConnectsWithTheStoredOnes() {
        try (TestingRegistry registry = TestingRegistry.sqlite(folder)) {
            registry.create(TestingRegistry.postgresBody("Primary PostgreSQL", SECRET));
            Map<String, Object> tricky = TestingRegistry.postgresBody("it's \"${HOME}\"", "${PG_TEST_PASSWORD}");
            tricky.put("description", "quotes ' \" and ${PLACEHOLDERS} stay literal\nover two lines");
            tricky.put("server", "${PG_TEST_HOST:127.0.0.1}");
            registry.create(tricky);
            Map<String, Object> inactive =
                    TestingRegistry.postgresBody("retired", "${PG_TEST_PASSWORD:" + SECRET + "}");
            inactive.put("is_active", false);
            registry.create(inactive);
            URI base = URI.create(registry.url("/"));
            String reader = registry.admin("POST", "/api/v1/tokens/", Map.of("name", "sdk", "scopes", List.of("read")))
                    .json()
                    .get("token")
                    .asText();

            String yaml = RegistryClient.of(base, reader).exportYaml();
            assertThat(yaml)
                    .contains("\"Primary PostgreSQL\":")
                    .contains("password: \"${PRIMARY_POSTGRESQL_PASSWORD}\"")
                    .contains("password: \"${PG_TEST_PASSWORD}\"")
                    .contains("host: \"${PG_TEST_HOST:127.0.0.1}\"")
                    // A placeholder whose default is the secret is a secret.
                    .contains("password: \"${RETIRED_PASSWORD}\"")
                    .contains("enabled: false")
                    .doesNotContain(SECRET);
            try (Datastores exported =
                    Datastores.fromYaml(yaml, Map.of("PRIMARY_POSTGRESQL_PASSWORD", "x", "PG_TEST_PASSWORD", "x"))) {
                assertThat(exported.names()).containsExactly("Primary PostgreSQL", "it's \"${HOME}\"", "retired");
                assertThat(exported.get("it's \"${HOME}\"").description())
                        .isEqualTo("quotes ' \" and ${PLACEHOLDERS} stay literal\nover two lines");
            }

            try (Datastores loaded = Datastores.loader()
                    .environment(Map.of("PG_TEST_PASSWORD", SECRET))
                    .registry(base, TestingRegistry.ADMIN_TOKEN)
                    .load()) {
                assertThat(loaded.get("Primary PostgreSQL")
                                .query("SELECT 1 AS one")
                                .rows()
                                .get(0)
                                .get("one"))
                        .isEqualTo(1);
                assertThat(loaded.get("it's \"${HOME}\"")
                                .query("SELECT 2 AS two")
                                .rows()
                                .get(0)
                                .get("two"))
                        .isEqualTo(2);
                assertThat(loaded.toString()).doesNotContain(SECRET);
            }
        }
    }
}
