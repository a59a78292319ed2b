package io.datastores.redis;

import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis server tests run against: {@code DATASTORES_TEST_REDIS_URL} when set, else the local
 * {@code redis-server} on 127.0.0.1:6379. Without one the test is skipped, loudly, except under
 * {@code CI=true}, where it fails. Each test gets its own namespace (key prefix) in database
 * {@value #DATABASE} and deletes every key under it afterwards, so agents sharing the server never meet.
 */
public final class TestingRedis implements AutoCloseable {
    /** The database index every test uses (each in its own namespace). */
    public static final int DATABASE = 11;

    private static final String VARIABLE = "DATASTORES_TEST_REDIS_URL";

    final String host;
    final int port;
    /** This test's key prefix, such as {@code t_3f2a…:}; every key under it is deleted by {@link #close}. */
    public final String namespace =
            "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + ":";

    private final RedisClient admin;
    private final List<String> users = new java.util.ArrayList<>();

    private TestingRedis(String host, int port) {
        this.host = host;
        this.port = port;
        this.admin = RedisClient.builder()
                .hostAndPort(host, port)
                .clientConfig(redis.clients.jedis.DefaultJedisClientConfig.builder()
                        .database(DATABASE)
                        .build())
                .build();
    }

    /** @return the server, or the test is skipped (failed under CI=true) when none answers */
    public static TestingRedis open() {
        String url = System.getenv(VARIABLE);
        URI uri = URI.create(url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url);
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
        } catch (IOException e) {
            String reason = "No Redis server at " + host + ":" + port + " (from "
                    + (url == null ? "the local service" : VARIABLE)
                    + "); start one with .ci/run's redis-server line, or set " + VARIABLE;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(reason + " — failing because CI=true");
            }
            Assumptions.abort(reason + " — SKIPPED");
        }
        return new TestingRedis(host, port);
    }

    /** @return a configuration for this test's namespace, with extra connection settings */
    DatastoreConfig config(Map<String, String> extra) {
        Map<String, String> connection = new HashMap<>(Map.of(
                "host",
                host,
                "port",
                Integer.toString(port),
                "database",
                Integer.toString(DATABASE),
                "namespace",
                namespace));
        connection.putAll(extra);
        return new DatastoreConfig(
                "cache", "redis", "", List.of(), true, connection, Map.of(), PoolSettings.DEFAULT, Map.of());
    }

    /** @return the {@code connection:} map of a datastores.yaml entry for this server and namespace */
    public String yaml() {
        return "{host: '" + host + "', port: " + port + ", database: " + DATABASE + ", namespace: '" + namespace + "'}";
    }

    /** @return the admin client (database {@value #DATABASE}), for checking what a test wrote */
    RedisClient admin() {
        return admin;
    }

    /** Creates an ACL user allowed only this test's namespace; {@link #close} deletes it. */
    void createUser(String user, String password) {
        admin.sendCommand(
                redis.clients.jedis.Protocol.Command.ACL,
                "SETUSER",
                user,
                "reset",
                "on",
                ">" + password,
                "~" + namespace + "*",
                "+@all",
                "-flushall",
                "-flushdb");
        users.add(user);
    }

    /** Deletes this test's ACL users and every key under its namespace. */
    @Override
    public void close() {
        for (String user : users) {
            admin.sendCommand(redis.clients.jedis.Protocol.Command.ACL, "DELUSER", user);
        }
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(namespace + "*").count(1_000);
        do {
            ScanResult<String> page = admin.scan(cursor, params);
            if (!page.getResult().isEmpty()) {
                admin.unlink(page.getResult().toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        admin.close();
    }
}
