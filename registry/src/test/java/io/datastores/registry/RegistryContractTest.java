package io.datastores.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datastores.registry.TestingRegistry.Response;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST contract over real HTTP, run once per store kind (SQLite file, PostgreSQL schema). */
abstract class RegistryContractTest {
    static final String SECRET = "s3cr3t-Pa55-word-\u00e9";
    TestingRegistry registry;

    abstract TestingRegistry start();

    @BeforeEach
    void startRegistry() {
        registry = start();
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    Map<String, Object> body(String name) {
        return TestingRegistry.postgresBody(name, SECRET);
    }

    @Test
    void createAnswers201WithTheContractShapeAndNeverThePassword() {
        Response created = registry.admin("POST", "/api/v1/datastores/", body("Primary PostgreSQL"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode json = created.json();
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .startsWith(
                        "id",
                        "created_at",
                        "updated_at",
                        "name",
                        "type",
                        "system",
                        "description",
                        "server",
                        "port",
                        "username",
                        "password",
                        "connection_string",
                        "is_active",
                        "max_connections",
                        "avg_response_time_ms",
                        "storage_capacity_gb");
        assertThat(json.get("password").asText()).isEqualTo("***encrypted***");
        assertThat(json.get("is_active").asBoolean()).isTrue();
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.body()).doesNotContain(SECRET);

        Response read =
                registry.admin("GET", "/api/v1/datastores/" + json.get("id").asLong() + "/", null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("name").asText()).isEqualTo("Primary PostgreSQL");
        assertThat(read.body()).doesNotContain(SECRET);
        assertThat(registry.admin("GET", "/api/v1/datastores/999999/", null).status())
                .isEqualTo(404);
        assertThat(registry.admin("GET", "/api/v1/datastores/abc/", null).status())
                .isEqualTo(404);
    }

    @Test
    void everyValidationRuleAnswers400WithFieldMessages() {
        JsonNode missing =
                registry.admin("POST", "/api/v1/datastores/", Map.of()).json();
        assertThat(missing.get("name").get(0).asText()).isEqualTo("This field is required.");
        assertThat(missing.has("type") && missing.has("system") && missing.has("description"))
                .isTrue();

        registry.create(body("taken"));
        assertThat(error(body("taken"), "name")).isEqualTo("datastore with this name already exists.");

        Map<String, Object> wrongFamily = body("family");
        wrongFamily.put("type", "document");
        Response family = registry.admin("POST", "/api/v1/datastores/", wrongFamily);
        assertThat(family.status()).isEqualTo(400);
        assertThat(family.json().toString()).containsAnyOf("is not a system of type", "is not a valid choice");

        Map<String, Object> unknownSystem = body("unknown");
        unknownSystem.put("system", "oracle");
        assertThat(error(unknownSystem, "system")).isEqualTo("\"oracle\" is not a valid choice.");

        Map<String, Object> noServer = new LinkedHashMap<>(
                Map.of("name", "bare", "type", "sql", "system", "postgres", "description", "nothing to connect with"));
        Response bare = registry.admin("POST", "/api/v1/datastores/", noServer);
        assertThat(bare.status()).isEqualTo(400);
        assertThat(bare.json().fieldNames()).toIterable().contains("server", "port", "username", "password");
        noServer.put("connection_string", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=" + SECRET);
        assertThat(registry.admin("POST", "/api/v1/datastores/", noServer).status())
                .isEqualTo(201);

        for (Object port : List.of(0, 65536, -1, "abc")) {
            Map<String, Object> badPort = body("port-" + port);
            badPort.put("port", port);
            assertThat(registry.admin("POST", "/api/v1/datastores/", badPort)
                            .json()
                            .has("port"))
                    .as("port %s", port)
                    .isTrue();
        }
        for (String metric : List.of("max_connections", "avg_response_time_ms", "storage_capacity_gb")) {
            Map<String, Object> negative = body("metric-" + metric);
            negative.put(metric, -5);
            assertThat(registry.admin("POST", "/api/v1/datastores/", negative)
                            .json()
                            .has(metric))
                    .as(metric)
                    .isTrue();
        }
        Map<String, Object> blank = body("  ");
        assertThat(error(blank, "name")).isEqualTo("This field may not be blank.");
        assertThat(registry.admin("POST", "/api/v1/datastores/", List.of(1, 2))
                        .json()
                        .get("non_field_errors")
                        .get(0)
                        .asText())
                .startsWith("Invalid data. Expected a dictionary");
    }

    private String error(Map<String, Object> body, String field) {
        Response response = registry.admin("POST", "/api/v1/datastores/", body);
        assertThat(response.status()).isEqualTo(400);
        return response.json().get(field).get(0).asText();
    }

    @Test
    void listFiltersSearchesOrdersAndPaginates() {
        for (int i = 0; i < 25; i++) {
            Map<String, Object> body = body(String.format("store-%02d", i));
            body.put("description", i % 5 == 0 ? "Holds the 100%_orders" : "plain");
            body.put("is_active", i % 2 == 0);
            body.put("avg_response_time_ms", 100.0 - i);
            registry.create(body);
        }
        JsonNode first = registry.admin("GET", "/api/v1/datastores/", null).json();
        assertThat(first.get("count").asInt()).isEqualTo(25);
        assertThat(first.get("results").size()).isEqualTo(20);
        assertThat(first.get("previous").isNull()).isTrue();
        String next = first.get("next").asText();
        assertThat(next).contains("page=2");
        JsonNode second = registry.admin("GET", next.substring(next.indexOf("/api/")), null)
                .json();
        assertThat(second.get("results").size()).isEqualTo(5);
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(registry.admin("GET", "/api/v1/datastores/?page=9", null).status())
                .isEqualTo(404);

        assertThat(registry.admin("GET", "/api/v1/datastores/?is_active=false", null)
                        .json()
                        .get("count")
                        .asInt())
                .isEqualTo(12);
        assertThat(registry.admin("GET", "/api/v1/datastores/?type=sql&system=postgres", null)
                        .json()
                        .get("count")
                        .asInt())
                .isEqualTo(25);
        assertThat(registry.admin("GET", "/api/v1/datastores/?system=mysql", null)
                        .json()
                        .get("count")
                        .asInt())
                .isZero();
        // LIKE wildcards in the term match literally; SQL in a term is just text.
        assertThat(registry.admin("GET", "/api/v1/datastores/?search=100%25_ORDERS", null)
                        .json()
                        .get("count")
                        .asInt())
                .isEqualTo(5);
        assertThat(registry.admin("GET", "/api/v1/datastores/?search=%27%20OR%201%3D1%20--", null)
                        .json()
                        .get("count")
                        .asInt())
                .isZero();

        JsonNode fastest = registry.admin("GET", "/api/v1/datastores/?ordering=avg_response_time_ms&page_size=3", null)
                .json();
        assertThat(fastest.get("results").get(0).get("name").asText()).isEqualTo("store-24");
        JsonNode byName = registry.admin("GET", "/api/v1/datastores/?ordering=-name&page_size=1", null)
                .json();
        assertThat(byName.get("results").get(0).get("name").asText()).isEqualTo("store-24");
        assertThat(byName.get("next").asText()).contains("ordering=-name").contains("page_size=1");
    }

    @Test
    void putAndPatchKeepTheStoredPasswordAndHonourPreconditions() throws Exception {
        long id = registry.create(body("keep"));
        Response read = registry.admin("GET", "/api/v1/datastores/" + id + "/", null);
        Map<String, Object> replacement = body("keep");
        replacement.remove("password");
        replacement.put("description", "replaced without the password");
        Response put =
                registry.admin("PUT", "/api/v1/datastores/" + id + "/", replacement, "If-Match", read.header("ETag"));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.header("ETag")).isEqualTo("\"2\"");
        Response stale =
                registry.admin("PUT", "/api/v1/datastores/" + id + "/", replacement, "If-Match", read.header("ETag"));
        assertThat(stale.status()).isEqualTo(412);
        Map<String, Object> staleTime = Map.of(
                "description",
                "late",
                "updated_at",
                read.json().get("updated_at").asText());
        assertThat(registry.admin("PATCH", "/api/v1/datastores/" + id + "/", staleTime)
                        .status())
                .isEqualTo(412);

        Response patched = registry.admin(
                "PATCH", "/api/v1/datastores/" + id + "/", Map.of("password", "***encrypted***", "port", 5432));
        assertThat(patched.status()).isEqualTo(200);
        JsonNode details = registry.admin("GET", "/api/v1/datastores/" + id + "/connection-details/", null)
                .json();
        assertThat(details.get("password").asText()).isEqualTo(SECRET);
        assertThat(registry.admin("PATCH", "/api/v1/datastores/" + id + "/", Map.of("port", 70000))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void deleteIsSoftAndRefusedWhileDatasetsAreAssigned() {
        long id = registry.create(body("in-use"));
        Response assigned = registry.admin(
                "POST", "/api/v1/datasets/", Map.of("name", "orders", "datastore", id, "reference", "public.orders"));
        assertThat(assigned.status()).isEqualTo(201);
        assertThat(registry.admin("GET", "/api/v1/datastores/" + id + "/current-datasets/", null)
                        .json()
                        .get("count")
                        .asInt())
                .isEqualTo(1);
        Response refused = registry.admin("DELETE", "/api/v1/datastores/" + id + "/", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("datasets").get(0).asText()).isEqualTo("orders");

        assertThat(registry.admin(
                                "DELETE",
                                "/api/v1/datasets/" + assigned.json().get("id").asLong() + "/",
                                null)
                        .status())
                .isEqualTo(204);
        assertThat(registry.admin("DELETE", "/api/v1/datastores/" + id + "/", null)
                        .status())
                .isEqualTo(204);
        assertThat(registry.admin("GET", "/api/v1/datastores/" + id + "/", null).status())
                .isEqualTo(404);
        assertThat(registry.admin("POST", "/api/v1/datastores/" + id + "/test-connection/", null)
                        .status())
                .isEqualTo(404);
        assertThat(registry.admin(
                                "POST", "/api/v1/datasets/", Map.of("name", "late", "datastore", id, "reference", "x"))
                        .status())
                .isEqualTo(400);
        // The name is free again, and the history is kept.
        registry.create(body("in-use"));
        JsonNode audit = registry.admin("GET", "/api/v1/audit/?datastore=" + id, null)
                .json()
                .get("results");
        assertThat(audit.toString())
                .contains("\"delete\"")
                .contains("\"create\"")
                .doesNotContain(SECRET);
    }

    @Test
    void tokensNeedTheRightScope() {
        long id = registry.create(body("scoped"));
        String path = "/api/v1/datastores/" + id + "/";
        assertThat(registry.send("GET", path, null, null).status()).isEqualTo(401);
        assertThat(registry.send("GET", path, "not-a-token", null).status()).isEqualTo(401);
        JsonNode reader = registry.admin(
                        "POST", "/api/v1/tokens/", Map.of("name", "ci reader", "scopes", List.of("read")))
                .json();
        String token = reader.get("token").asText();
        assertThat(registry.send("GET", path, token, null).status()).isEqualTo(200);
        assertThat(registry.send("PATCH", path, token, Map.of("description", "x"))
                        .status())
                .isEqualTo(403);
        assertThat(registry.send("POST", path + "test-connection/", token, null).status())
                .isEqualTo(403);
        assertThat(registry.send("GET", path + "connection-details/", token, null)
                        .status())
                .isEqualTo(403);
        assertThat(registry.send("GET", "/api/v1/health/", null, null).status()).isEqualTo(200);
        assertThat(registry.admin("GET", "/api/v1/tokens/", null).body())
                .doesNotContain(token)
                .contains("ci reader");
        long tokenId = registry.admin("GET", "/api/v1/tokens/", null)
                .json()
                .get("results")
                .get(1)
                .get("id")
                .asLong();
        assertThat(registry.admin("DELETE", "/api/v1/tokens/" + tokenId + "/", null)
                        .status())
                .isEqualTo(204);
        assertThat(registry.send("GET", path, token, null).status()).isEqualTo(401);
    }

    @Test
    void testConnectionUsesTheStoredSecretThroughTheProviderAndRecordsPerformance() throws Exception {
        long id = registry.create(TestingRegistry.postgresBody("real", SECRET));
        JsonNode test = registry.admin("POST", "/api/v1/datastores/" + id + "/test-connection/", null)
                .json();
        assertThat(test.get("success").asBoolean()).as(test.toString()).isTrue();
        assertThat(test.get("message").asText()).isEqualTo("Connection successful");
        assertThat(test.get("details").get("server_version").asText()).startsWith("PostgreSQL");
        assertThat(test.get("details").get("database_name").asText()).isEqualTo("test");
        assertThat(test.get("response_time_ms").asDouble()).isPositive();

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, Object> refused = TestingRegistry.postgresBody("refused", SECRET);
        refused.put("port", closedPort);
        JsonNode refusedTest = registry.admin(
                        "POST", "/api/v1/datastores/" + registry.create(refused) + "/test-connection/", null)
                .json();
        assertThat(refusedTest.get("success").asBoolean()).isFalse();
        assertThat(refusedTest.get("details").get("error").asText()).isEqualTo("refused");

        Map<String, Object> stranger = TestingRegistry.postgresBody("stranger", SECRET);
        stranger.put("username", "no_such_role_" + System.nanoTime());
        JsonNode strangerTest = registry.admin(
                        "POST", "/api/v1/datastores/" + registry.create(stranger) + "/test-connection/", null)
                .json();
        assertThat(strangerTest.get("success").asBoolean()).isFalse();
        assertThat(strangerTest.get("details").get("error").asText()).isEqualTo("authentication");
        assertThat(strangerTest.toString()).doesNotContain("no_such_role").doesNotContain(SECRET);

        JsonNode performance = registry.admin("GET", "/api/v1/datastores/" + id + "/performance/", null)
                .json();
        assertThat(performance.get("tests").asInt()).isEqualTo(1);
        assertThat(performance.get("p95_response_time_ms").asDouble()).isPositive();
        assertThat(performance.get("last_success_at").isNull()).isFalse();
    }

    @Test
    void typesListTheInstalledProvidersByCategory() {
        JsonNode types =
                registry.admin("GET", "/api/v1/datastores/types/", null).json().get("types");
        JsonNode sql = types.get(0);
        assertThat(sql.get("value").asText()).isEqualTo("sql");
        assertThat(sql.get("label").asText()).isEqualTo("SQL Database");
        assertThat(sql.get("systems").findValuesAsText("value")).contains("postgres", "sqlite");
        assertThat(sql.get("systems").get(0).fieldNames()).toIterable().containsExactly("value", "label");
        assertThat(sql.get("characteristics").get("strengths").get(0).asText()).isEqualTo("ACID compliance");
        assertThat(sql.get("characteristics").fieldNames())
                .toIterable()
                .containsExactly("strengths", "limitations", "best_for");
    }

    @Test
    void hostileInputIsRefusedWithout5xx() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThat(registry.admin("POST", "/api/v1/datastores/", deep).status()).isEqualTo(400);
        assertThat(registry.admin("POST", "/api/v1/datastores/", "{\"name\": ").status())
                .isEqualTo(400);
        String huge = "{\"name\": \"" + "x".repeat(2_000_000) + "\"}";
        assertThat(registry.admin("POST", "/api/v1/datastores/", huge).status()).isEqualTo(413);
        Map<String, Object> unicode = body("\u6570\u636e\u5e93 \ud83d\ude80 '; DROP TABLE registry_datastores; --");
        long id = registry.create(unicode);
        assertThat(registry.admin("GET", "/api/v1/datastores/" + id + "/", null)
                        .json()
                        .get("name")
                        .asText())
                .isEqualTo("\u6570\u636e\u5e93 \ud83d\ude80 '; DROP TABLE registry_datastores; --");
        Map<String, Object> wrongTypes = body("types");
        wrongTypes.put("port", Map.of("nested", true));
        wrongTypes.put("is_active", "maybe");
        Response typed = registry.admin("POST", "/api/v1/datastores/", wrongTypes);
        assertThat(typed.status()).isEqualTo(400);
        assertThat(typed.json().has("port") && typed.json().has("is_active")).isTrue();
        assertThat(registry.admin("GET", "/api/v1/datastores/?is_active=perhaps", null)
                        .status())
                .isEqualTo(400);
    }
}
