package io.datastores.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served OpenAPI document names exactly the routes the HTTP server registered, with their scopes. */
class OpenApiRoutesTest {
    @TempDir
    Path folder;

    @Test
    void documentMatchesTheRegisteredRoutes() {
        try (TestingRegistry registry = TestingRegistry.sqlite(folder)) {
            TestingRegistry.Response served = registry.send("GET", "/api/v1/openapi.json", null, null);
            assertThat(served.status()).isEqualTo(200);
            JsonNode document = served.json();
            assertThat(document.get("openapi").asText()).startsWith("3.");
            Set<String> documented = new HashSet<>();
            document.get("paths")
                    .properties()
                    .forEach(path -> path.getValue().properties().forEach(operation -> {
                        JsonNode security = operation.getValue().get("security");
                        String scope = security.isEmpty()
                                ? ""
                                : security.get(0).get("bearer").get(0).asText();
                        documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " " + scope);
                    }));
            Set<String> registered = new HashSet<>();
            registry.server
                    .routes()
                    .forEach(route -> registered.add(
                            route.method() + " " + route.path() + " " + String.join(",", route.scopes())));
            assertThat(documented).isEqualTo(registered);
            assertThat(registry.send("PUT", "/api/v1/health/", null, "{}").status())
                    .isEqualTo(405);
            TestingRegistry.Response unrouted = registry.send("GET", "/api/v1/nothing-here/", null, null);
            assertThat(unrouted.status()).isEqualTo(404);
            assertThat(unrouted.json().get("detail").asText()).isEqualTo("Not found.");
            // No secret-looking example: the only password shown is the mask.
            assertThat(served.body()).doesNotContainPattern("\"password\": \"(?!\\*\\*\\*)[^\"]+\"");
        }
    }
}
