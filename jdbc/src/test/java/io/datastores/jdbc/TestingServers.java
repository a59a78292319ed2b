package io.datastores.jdbc;

import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the database server a provider test runs against: the URL in an environment variable
 * first ({@code DATASTORES_TEST_POSTGRES_URL}, {@code DATASTORES_TEST_MYSQL_URL}, as
 * {@code jdbc:postgresql://host:port/db?user=u&password=p}), else the local service on its usual
 * port. When neither answers the test is skipped with the reason, except under {@code CI=true},
 * where a missing server fails the test: CI must never pass by testing nothing.
 *
 * <p>Stateless and thread-safe; every call probes again.
 */
public final class TestingServers {
    private static final Map<String, Server> ANSWERED = new ConcurrentHashMap<>();

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private TestingServers() {}

    /**
     * A reachable server and the credentials to use.
     *
     * @param host host name or address
     * @param port port
     * @param user user name
     * @param password password, possibly empty
     * @param database database to connect to
     */
    public record Server(String host, int port, String user, String password, String database) {

        /**
         * @param name the datastore name
         * @param type the datastore type
         * @param extra further {@code connection:} settings, overriding the server's
         * @param pool pool settings
         * @return a configuration for this server
         */
        public DatastoreConfig config(String name, String type, Map<String, String> extra, PoolSettings pool) {
            Map<String, String> connection = new HashMap<>(Map.of(
                    "host",
                    host,
                    "port",
                    String.valueOf(port),
                    "user",
                    user,
                    "password",
                    password,
                    "database",
                    database));
            connection.putAll(extra);
            return new DatastoreConfig(name, type, "", List.of(), true, connection, Map.of(), pool, Map.of());
        }

        /**
         * @param type the datastore type
         * @return a configuration with a unique name and a small pool that fails fast
         */
        public DatastoreConfig config(String type) {
            return config("test_" + type, type, Map.of(), new PoolSettings(0, 8, Duration.ofSeconds(5)));
        }

        /** @return {@code host:port}, never the password */
        @Override
        public String toString() {
            return user + "@" + host + ":" + port + "/" + database;
        }
    }

    /** @return the PostgreSQL server to test against (the test is skipped or failed when none) */
    public static Server postgres() {
        return resolve("DATASTORES_TEST_POSTGRES_URL", new Server("127.0.0.1", 5432, "postgres", "", "test"));
    }

    /** @return the MySQL or MariaDB server to test against (the test is skipped or failed when none) */
    public static Server mysql() {
        return resolve("DATASTORES_TEST_MYSQL_URL", new Server("127.0.0.1", 3306, "root", "", "test"));
    }

    /**
     * @return the ClickHouse HTTP interface to test against: {@code DATASTORES_TEST_CLICKHOUSE_URL},
     *     else a server on 127.0.0.1:8123, else the loopback chDB shim on 127.0.0.1:18123
     *     ({@code provider-clickhouse/src/test/clickhouse/start.sh}); skipped or failed when none answers
     */
    public static Server clickhouse() {
        return resolve(
                "DATASTORES_TEST_CLICKHOUSE_URL",
                new Server("127.0.0.1", 8123, "default", "", "default"),
                new Server("127.0.0.1", 18123, "default", "", "default"));
    }

    /**
     * @param prefix a short prefix, lower case
     * @return a fresh schema or database name nobody else uses, such as {@code t_3f2a…}
     */
    public static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static Server resolve(String variable, Server local, Server... fallbacks) {
        // A server that answered once in this JVM is not probed again: under a test's own load (the
        // registry's fifty clients) a slow accept would otherwise pass for a missing server.
        Server answered = ANSWERED.get(variable);
        if (answered != null) {
            return answered;
        }
        String url = System.getenv(variable);
        Server server = url == null || url.isBlank() ? local : parse(url, local);
        String source = url == null || url.isBlank() ? "the local service" : variable;
        if (url == null || url.isBlank()) {
            for (int i = 0; i < fallbacks.length && !reachable(server); i++) {
                server = fallbacks[i];
            }
        }
        if (!reachable(server)) {
            String reason = "No database server at " + server.host() + ":" + server.port() + " (from " + source
                    + "); set " + variable + " to test against another";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(reason + " — failing because CI=true");
            }
            Assumptions.abort(reason + " — SKIPPED");
        }
        ANSWERED.put(variable, server);
        return server;
    }

    private static Server parse(String jdbcUrl, Server defaults) {
        URI uri = URI.create(jdbcUrl.startsWith("jdbc:") ? jdbcUrl.substring(5) : jdbcUrl);
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(
                            pair.substring(0, equals),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new Server(
                uri.getHost() == null ? defaults.host() : uri.getHost(),
                uri.getPort() < 0 ? defaults.port() : uri.getPort(),
                query.getOrDefault("user", defaults.user()),
                query.getOrDefault("password", defaults.password()),
                path.isEmpty() ? defaults.database() : path);
    }

    private static boolean reachable(Server server) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.host(), server.port()), (int) PROBE_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
