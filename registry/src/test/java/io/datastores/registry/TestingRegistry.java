package io.datastores.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datastores.core.Datastores;
import io.datastores.jdbc.TestingServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real registry on a loopback port picked by the system, over a fresh store: an SQLite file in
 * a temporary folder, or a new schema on the local PostgreSQL (dropped on close).
 */
final class TestingRegistry implements AutoCloseable {
    static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Datastores config;
    final RegistryStore store;
    final RegistryKey key;
    final RegistryServer server;
    private final Runnable cleanup;

    private TestingRegistry(Datastores config, RegistryKey key, RegistrySettings settings, Runnable cleanup) {
        this.config = config;
        this.store = settings.store();
        this.key = key;
        this.server = RegistryServer.start(settings);
        this.cleanup = cleanup;
    }

    static TestingRegistry sqlite(Path folder) {
        return sqlite(folder, settings -> settings);
    }

    static TestingRegistry sqlite(Path folder, UnaryOperator<RegistrySettings> customise) {
        Datastores config = Datastores.fromYaml(
                "datastores:\n  registry:\n    type: sqlite\n    connection:\n      database: '"
                        + folder.resolve("registry.db") + "'\n",
                Map.of());
        return start(config, customise, () -> {});
    }

    static TestingRegistry postgres(UnaryOperator<RegistrySettings> customise) {
        TestingServers.Server pg = TestingServers.postgres();
        String schema = TestingServers.uniqueName("registry");
        Datastores config = Datastores.fromYaml(
                "datastores:\n  registry:\n    type: postgres\n    connection:\n"
                        + "      url: 'jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + pg.database()
                        + "?currentSchema=" + schema + "'\n"
                        + "      user: '" + pg.user() + "'\n      password: '" + pg.password() + "'\n",
                Map.of());
        config.get("registry").execute("CREATE SCHEMA " + schema);
        return start(config, customise, () -> config.get("registry").execute("DROP SCHEMA " + schema + " CASCADE"));
    }

    private static TestingRegistry start(
            Datastores config, UnaryOperator<RegistrySettings> customise, Runnable cleanup) {
        RegistryKey key = RegistryKey.generate();
        RegistrySettings settings = customise.apply(RegistrySettings.of(RegistryStore.open(config.get("registry")), key)
                .withPort(0)
                .withAdminToken(ADMIN_TOKEN));
        return new TestingRegistry(config, key, settings, cleanup);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** A response: status, headers and body, with the body as JSON when it is JSON. */
    record Response(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    Response send(String method, String path, String token, Object body, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                    .timeout(Duration.ofSeconds(60))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(
                                            body instanceof String s ? s : JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Response admin(String method, String path, Object body, String... headers) {
        return send(method, path, ADMIN_TOKEN, body, headers);
    }

    /** @return a PostgreSQL definition of the local test server, as a create body */
    static Map<String, Object> postgresBody(String name, String password) {
        TestingServers.Server pg = TestingServers.postgres();
        return new LinkedHashMap<>(Map.of(
                "name",
                name,
                "type",
                "sql",
                "system",
                "postgres",
                "description",
                "The local test PostgreSQL",
                "server",
                pg.host(),
                "port",
                pg.port(),
                "username",
                pg.user(),
                "password",
                password,
                "database",
                pg.database()));
    }

    long create(Map<String, Object> body) {
        Response created = admin("POST", "/api/v1/datastores/", body);
        if (created.status() != 201) {
            throw new AssertionError("create failed: " + created.status() + " " + created.body());
        }
        return created.json().get("id").asLong();
    }

    static List<String> lines(String text) {
        return text.lines().toList();
    }

    @Override
    public void close() {
        try {
            server.close();
            cleanup.run();
        } finally {
            config.close();
        }
    }
}
