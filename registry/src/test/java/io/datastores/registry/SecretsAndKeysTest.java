package io.datastores.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.DatastoreException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets stay secret on every route and in every log line; keys rotate without losing one. */
class SecretsAndKeysTest {
    private static final String PASSWORD = "pw-Zq8-not-for-logs";
    private static final String URL_SECRET = "tok-Xr5-in-a-url";

    @TempDir
    Path folder;

    @Test
    void noRouteAndNoLogLineShowsASecret() {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + record.getThrown());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger.getLogger("").addHandler(capture);
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        List<String> bodies = new ArrayList<>();
        try (TestingRegistry registry = TestingRegistry.sqlite(folder)) {
            long id = registry.create(TestingRegistry.postgresBody("secretive", PASSWORD));
            Map<String, Object> withUrl = new LinkedHashMap<>(Map.of(
                    "name",
                    "by-url",
                    "type",
                    "sql",
                    "system",
                    "postgres",
                    "description",
                    "connection string with secrets",
                    "connection_string",
                    "jdbc:postgresql://postgres:" + PASSWORD + "@127.0.0.1:1/test?password=" + PASSWORD + "&token="
                            + URL_SECRET));
            long urlId = registry.create(withUrl);
            String dataset = "{\"name\": \"ds\", \"datastore\": " + id + ", \"reference\": \"public.t\"}";
            for (String[] call : new String[][] {
                {"GET", "/api/v1/datastores/"},
                {"GET", "/api/v1/datastores/" + id + "/"},
                {"GET", "/api/v1/datastores/" + urlId + "/"},
                {"PATCH", "/api/v1/datastores/" + id + "/"},
                {"PUT", "/api/v1/datastores/" + urlId + "/"},
                {"POST", "/api/v1/datastores/" + id + "/test-connection/"},
                {"POST", "/api/v1/datastores/" + urlId + "/test-connection/"},
                {"GET", "/api/v1/datastores/types/"},
                {"POST", "/api/v1/datasets/"},
                {"GET", "/api/v1/datasets/"},
                {"GET", "/api/v1/datastores/" + id + "/current-datasets/"},
                {"GET", "/api/v1/datastores/" + id + "/performance/"},
                {"GET", "/api/v1/audit/"},
                {"GET", "/api/v1/tokens/"},
                {"GET", "/api/v1/openapi.json"},
                {"DELETE", "/api/v1/datastores/" + id + "/"}
            }) {
                Object body = switch (call[0]) {
                    case "PATCH" -> Map.of("password", PASSWORD, "description", "same secret again");
                    case "PUT" -> withUrl;
                    case "POST" -> call[1].endsWith("datasets/") ? dataset : null;
                    default -> null;
                };
                TestingRegistry.Response response = registry.admin(call[0], call[1], body);
                assertThat(response.status())
                        .as(call[0] + " " + call[1] + ": " + response.body())
                        .isLessThan(500);
                bodies.add(call[0] + " " + call[1] + " -> " + response.body());
            }
            // Javalin warns about an oversized body through slf4j: proof that stderr is captured.
            assertThat(registry.admin(
                                    "POST", "/api/v1/datastores/", "{\"password\": \"" + "x".repeat(1_100_000) + "\"}")
                            .status())
                    .isEqualTo(413);
            // The one route that returns secrets, for SDK clients, does so only for admins.
            assertThat(registry.admin("GET", "/api/v1/datastores/" + urlId + "/connection-details/", null)
                            .body())
                    .contains(URL_SECRET);
        } finally {
            System.setErr(originalErr);
            Logger.getLogger("").removeHandler(capture);
        }
        String everything = String.join("\n", bodies) + "\n" + err.toString(StandardCharsets.UTF_8) + "\n"
                + String.join("\n", logged);
        // Javalin logs through slf4j-simple to stderr, the audit through JUL: both were captured.
        assertThat(everything)
                .contains("Body greater than max size")
                .contains("audit")
                .contains("***encrypted***")
                .contains("password=****")
                .doesNotContain(PASSWORD)
                .doesNotContain(URL_SECRET);
    }

    @Test
    void serviceRefusesToStartWithoutAUsableKey() {
        assertThatThrownBy(() -> RegistryKey.parse(""))
                .isInstanceOf(DatastoreException.class)
                .hasMessageContaining("datastores registry keygen");
        assertThatThrownBy(() -> RegistryKey.parse("dsr-key-v1:bm90IGEga2V5c2V0"))
                .isInstanceOf(DatastoreException.class)
                .hasMessageNotContaining("bm90IGEga2V5c2V0");
        RegistryKey key = RegistryKey.generate();
        assertThat(RegistryKey.parse(key.toText()).primaryKeyId()).isEqualTo(key.primaryKeyId());
        assertThat(key.toString()).doesNotContain(key.toText().substring(11, 30));
        assertThatThrownBy(() -> RegistrySettings.of(null, key)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void rotateKeyStoppedHalfWayIsFinishedByTheNextRunWithNoSecretLost() {
        try (TestingRegistry registry = TestingRegistry.sqlite(folder)) {
            rotateStoppedHalfWay(registry);
        }
    }

    @Test
    void rotateKeyOnPostgres() {
        try (TestingRegistry registry = TestingRegistry.postgres(settings -> settings)) {
            rotateStoppedHalfWay(registry);
        }
    }

    @Test
    void aRevokedBootstrapTokenStaysRevokedAcrossRestarts() {
        try (TestingRegistry registry = TestingRegistry.sqlite(folder)) {
            long id = registry.admin("GET", "/api/v1/tokens/", null)
                    .json()
                    .get("results")
                    .get(0)
                    .get("id")
                    .asLong();
            assertThat(registry.admin("DELETE", "/api/v1/tokens/" + id + "/", null)
                            .status())
                    .isEqualTo(204);
            RegistrySettings again = RegistrySettings.of(registry.store, registry.key)
                    .withPort(0)
                    .withAdminToken(TestingRegistry.ADMIN_TOKEN);
            try (RegistryServer restarted = RegistryServer.start(again)) {
                assertThat(new TokenTable(registry.store.sql()).holder(TestingRegistry.ADMIN_TOKEN))
                        .isEmpty();
                assertThat(restarted.port()).isPositive();
            }
        }
    }

    private static void rotateStoppedHalfWay(TestingRegistry registry) {
        RegistryKey[] rotated = new RegistryKey[1];
        List<Long> ids = new ArrayList<>();
        {
            for (int i = 0; i < 6; i++) {
                ids.add(registry.create(TestingRegistry.postgresBody("rotating-" + i, PASSWORD + i)));
            }
            rotated[0] = registry.key.withNewPrimary();
            KeyRotation dry = registry.store.rotateKey(rotated[0], true);
            assertThat(dry).isEqualTo(new KeyRotation(6, 6, 0, true));
            Sql sql = registry.store.sql();
            assertThatThrownBy(() -> KeyRotation.run(sql, rotated[0], false, id -> {
                        if (id == ids.get(2)) {
                            throw new IllegalStateException("crash after the third datastore");
                        }
                    }))
                    .hasMessageContaining("crash");
            assertThat(registry.store.rotateKey(rotated[0], true)).isEqualTo(new KeyRotation(6, 3, 3, true));
            assertThat(registry.store.rotateKey(rotated[0], false)).isEqualTo(new KeyRotation(6, 3, 3, false));
            assertThat(registry.store.rotateKey(rotated[0], false)).isEqualTo(new KeyRotation(6, 0, 6, false));
            DatastoreTable table = new DatastoreTable(sql, rotated[0]);
            for (int i = 0; i < ids.size(); i++) {
                assertThat(table.find(ids.get(i)).orElseThrow().open(rotated[0]).password())
                        .isEqualTo(PASSWORD + i);
            }
        }
    }
}
