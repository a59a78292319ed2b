package io.datastores.clickhouse;

import io.datastores.api.Datastore;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import io.datastores.jdbc.JdbcDatastore;
import io.datastores.jdbc.TestingServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A database of its own on the ClickHouse the tests found ({@link TestingServers#clickhouse()}),
 * dropped on close. Responses are not compressed: the loopback chDB shim cannot compress, and a real
 * server does not need it for tests.
 */
final class TestingClickHouse implements AutoCloseable {
    final TestingServers.Server server;
    final String database = TestingServers.uniqueName("ch");
    private final JdbcDatastore admin;

    /** On the server {@link TestingServers#clickhouse()} finds (skipped, or failed under CI=true, when none). */
    TestingClickHouse() {
        this(TestingServers.clickhouse());
    }

    /** @param server a server known to answer, such as a container's */
    TestingClickHouse(TestingServers.Server server) {
        this.server = server;
        this.admin = open(server.database(), Map.of(), Map.of());
        admin.execute("CREATE DATABASE " + admin.quote(database));
    }

    /** @return a datastore in this test's database */
    JdbcDatastore open() {
        return open(database, Map.of(), Map.of());
    }

    /**
     * @param inDatabase the database to connect to
     * @param extra further {@code connection:} settings
     * @param properties further driver properties
     * @return a new datastore (not connected)
     */
    JdbcDatastore open(String inDatabase, Map<String, String> extra, Map<String, String> properties) {
        Map<String, String> connection = new HashMap<>(Map.of(
                "host",
                server.host(),
                "port",
                String.valueOf(server.port()),
                "user",
                server.user(),
                "password",
                server.password(),
                "database",
                inDatabase));
        connection.putAll(extra);
        return (JdbcDatastore) new ClickHouseDatastoreProvider()
                .open(new DatastoreConfig(
                        TestingServers.uniqueName("ch"),
                        "clickhouse",
                        "",
                        List.of(),
                        true,
                        connection,
                        withoutCompression(properties),
                        new PoolSettings(0, 8, Duration.ofSeconds(5)),
                        Map.of()));
    }

    private static Map<String, String> withoutCompression(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("compress", "false");
        return all;
    }

    /** @return whether the server is the loopback chDB shim, which has no users, so no credentials to refuse */
    boolean isShim() {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://" + server.host() + ":" + server.port() + "/?query=SELECT%201"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.headers()
                    .firstValue("X-ClickHouse-Server-Display-Name")
                    .orElse("")
                    .equals("chdb-shim");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try (Datastore closing = admin) {
            closing.execute("DROP DATABASE IF EXISTS " + admin.quote(database));
        }
    }
}
