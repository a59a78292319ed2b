package io.datastores.sqlhttp;

import io.datastores.api.Datastore;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The servers {@code src/test/servers/start.sh} starts on loopback, or those the environment names:
 * {@code DATASTORES_TEST_TURSO_URL} and {@code _TOKEN}; {@code DATASTORES_TEST_WORKER_URL},
 * {@code DATASTORES_TEST_D1_TOKEN}, {@code DATASTORES_TEST_STARBASE_TOKEN}. A server that does not
 * answer skips the test with the reason, except under {@code CI=true}, where it fails.
 */
final class TestingSqlHttp {
    static final Path CACHE = Path.of(
            System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache"), "datastores");

    private TestingSqlHttp() {}

    /** @return libSQL's URL, after checking it answers */
    static String tursoUrl() {
        String url = System.getenv().getOrDefault("DATASTORES_TEST_TURSO_URL", "http://127.0.0.1:18080");
        require(url.replace("libsql://", "https://") + "/health", "libSQL (sqld)");
        return url;
    }

    /** @return the token the test sqld accepts */
    static String tursoToken() {
        return token("DATASTORES_TEST_TURSO_TOKEN", "sqld/token");
    }

    /** @return the base URL of the test worker (D1 and StarbaseDB), after checking it answers */
    static String workerUrl() {
        String url = System.getenv().getOrDefault("DATASTORES_TEST_WORKER_URL", "http://127.0.0.1:18787");
        require(url + "/health", "the D1/StarbaseDB test worker (wrangler)");
        return url;
    }

    /** @return the D1 database id the test worker serves */
    static final String D1_DATABASE = "00000000-0000-4000-8000-00000000d1d1";

    static Map<String, String> d1(String token) {
        Map<String, String> connection = new HashMap<>();
        connection.put("url", workerUrl() + "/client/v4");
        connection.put("account_id", "datastores-test");
        connection.put("database_id", D1_DATABASE);
        connection.put("api_token", token);
        return connection;
    }

    static String d1Token() {
        return token("DATASTORES_TEST_D1_TOKEN", "wrangler/d1_token");
    }

    /** @return a StarbaseDB instance of its own: one Durable Object per name */
    static Map<String, String> starbase(String token) {
        Map<String, String> connection = new HashMap<>();
        connection.put("url", workerUrl() + "/starbase/" + UUID.randomUUID());
        connection.put("token", token);
        return connection;
    }

    static String starbaseToken() {
        return token("DATASTORES_TEST_STARBASE_TOKEN", "wrangler/starbase_token");
    }

    private static String token(String variable, String file) {
        String token = System.getenv(variable);
        if (token != null) {
            return token;
        }
        try {
            return Files.readString(CACHE.resolve(file)).strip();
        } catch (IOException e) {
            unavailable("no token at " + CACHE.resolve(file) + " (run provider-sqlhttp/src/test/servers/start.sh)");
            return null;
        }
    }

    /**
     * @param type the datastore type
     * @param connection its connection settings
     * @return a datastore (not connected) named uniquely
     */
    static Datastore open(String type, Map<String, String> connection) {
        DatastoreConfig config = new DatastoreConfig(
                type + "-" + UUID.randomUUID().toString().substring(0, 8),
                type,
                "",
                List.of(),
                true,
                connection,
                Map.of(),
                new PoolSettings(1, 4, Duration.ofSeconds(5)),
                Map.of());
        SqlHttpProvider provider = switch (type) {
            case "turso" -> new TursoDatastoreProvider();
            case "d1" -> new D1DatastoreProvider();
            case "starbasedb" -> new StarbaseDatastoreProvider();
            default -> throw new IllegalArgumentException(type);
        };
        Assertions.assertEquals(List.of(), provider.validate(config));
        return provider.open(config);
    }

    static Map<String, String> turso(String token) {
        Map<String, String> connection = new HashMap<>();
        connection.put("url", tursoUrl());
        connection.put("token", token);
        return connection;
    }

    /** Drops every table and view, so each test starts on an empty database. */
    static void empty(Datastore datastore) {
        for (var row : datastore
                .query("SELECT type, name FROM sqlite_schema WHERE type IN ('table', 'view') "
                        + "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'"
                        // The emulator's own table in each Durable Object.
                        + " AND name NOT LIKE '\\_\\_miniflare%' ESCAPE '\\'")
                .rows()) {
            datastore.execute("DROP " + row.get("type") + " IF EXISTS " + datastore.quote((String) row.get("name")));
        }
    }

    private static void require(String url, String what) {
        try {
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            unavailable(
                    what + " does not answer at " + url + " (run provider-sqlhttp/src/test/servers/start.sh): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void unavailable(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason + " — failing because CI=true");
        }
        Assumptions.abort(reason);
    }
}
