package io.datastores.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection tests are network probes: bounded in time, limited per token, and optionally to allowed hosts. */
class ConnectionProbeLimitsTest {
    @TempDir
    Path folder;

    @Test
    void aServerThatNeverAnswersIsReportedAsATimeout() throws Exception {
        // Accepts TCP connections (the kernel's backlog) but never speaks: the driver waits for a greeting.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                TestingRegistry registry =
                        TestingRegistry.sqlite(folder, s -> s.withTestLimits(Duration.ofSeconds(2), 30))) {
            Map<String, Object> body = TestingRegistry.postgresBody("silent", "pw-silent");
            body.put("server", "127.0.0.1");
            body.put("port", silent.getLocalPort());
            long started = System.nanoTime();
            JsonNode test = registry.admin(
                            "POST", "/api/v1/datastores/" + registry.create(body) + "/test-connection/", null)
                    .json();
            assertThat(test.get("success").asBoolean()).isFalse();
            assertThat(test.get("details").get("error").asText()).isEqualTo("timeout");
            assertThat(test.get("message").asText()).contains("timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void testsAreLimitedPerTokenPerMinute() {
        try (TestingRegistry registry =
                TestingRegistry.sqlite(folder, s -> s.withTestLimits(Duration.ofSeconds(5), 2))) {
            long id = registry.create(TestingRegistry.postgresBody("limited", "pw-limited"));
            String path = "/api/v1/datastores/" + id + "/test-connection/";
            assertThat(registry.admin("POST", path, null).status()).isEqualTo(200);
            assertThat(registry.admin("POST", path, null).status()).isEqualTo(200);
            assertThat(registry.admin("POST", path, null).status()).isEqualTo(429);
            String tester = registry.admin(
                            "POST", "/api/v1/tokens/", Map.of("name", "tester", "scopes", List.of("test")))
                    .json()
                    .get("token")
                    .asText();
            assertThat(registry.send("POST", path, tester, null).status()).isEqualTo(200);
        }
    }

    @Test
    void theAllowListRefusesOtherHostsBeforeAnyConnection() {
        try (TestingRegistry registry =
                TestingRegistry.sqlite(folder, s -> s.withAllowedHosts(List.of("127.0.0.*", "*.internal.example")))) {
            long allowed = registry.create(TestingRegistry.postgresBody("allowed", "pw-allowed"));
            assertThat(registry.admin("POST", "/api/v1/datastores/" + allowed + "/test-connection/", null)
                            .json()
                            .get("success")
                            .asBoolean())
                    .isTrue();
            Map<String, Object> elsewhere = TestingRegistry.postgresBody("elsewhere", "pw-elsewhere");
            elsewhere.put("server", "db.outside.example");
            TestingRegistry.Response refused = registry.admin(
                    "POST", "/api/v1/datastores/" + registry.create(elsewhere) + "/test-connection/", null);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("detail").asText())
                    .contains("db.outside.example")
                    .contains("allow-list");
            Map<String, Object> byUrl = new LinkedHashMap<>(Map.of(
                    "name",
                    "by-url",
                    "type",
                    "sql",
                    "system",
                    "postgres",
                    "description",
                    "host inside a URL",
                    "connection_string",
                    "jdbc:postgresql://user:pw@db.outside.example:5432/x"));
            assertThat(registry.admin(
                                    "POST", "/api/v1/datastores/" + registry.create(byUrl) + "/test-connection/", null)
                            .status())
                    .isEqualTo(403);
        }
    }
}
