package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.datastores.api.Datastore;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
 * The Cassandra server the tests run against, started at most once per test JVM: the node in
 * {@code DATASTORES_TEST_CASSANDRA} ({@code host:port}, with {@code DATASTORES_TEST_CASSANDRA_USER},
 * {@code _PASSWORD} and {@code _DC}) when set, else an in-process Cassandra 5.0 node
 * ({@code cassandra-all}, {@code CassandraDaemon}) on loopback with free ports and password
 * authentication, so refused credentials can be tested. The test user's password is random.
 * When no server can be had, tests are skipped with the reason, or fail under {@code CI=true}.
 */
final class TestingCassandra {
    static final String USER = "datastores_test";
    private static Server server;
    private static Throwable failure;
    private static final Map<Server, CqlSession> ADMINS = new HashMap<>();

    /** A reachable node and the credentials to use. */
    record Server(String host, int port, String user, String password, String datacenter) {
        @Override
        public String toString() {
            return user + "@" + host + ":" + port;
        }
    }

    private TestingCassandra() {}

    static synchronized Server server() {
        if (server == null && failure == null) {
            try {
                String external = System.getenv("DATASTORES_TEST_CASSANDRA");
                server = external == null || external.isBlank()
                        ? startInProcess()
                        : new Server(
                                external.substring(0, external.lastIndexOf(':')),
                                Integer.parseInt(external.substring(external.lastIndexOf(':') + 1)),
                                System.getenv().getOrDefault("DATASTORES_TEST_CASSANDRA_USER", "cassandra"),
                                System.getenv().getOrDefault("DATASTORES_TEST_CASSANDRA_PASSWORD", "cassandra"),
                                System.getenv().getOrDefault("DATASTORES_TEST_CASSANDRA_DC", "datacenter1"));
            } catch (Throwable e) {
                failure = e;
            }
        }
        if (failure != null) {
            String reason = "No Cassandra server: the in-process node did not start (" + failure
                    + "); set DATASTORES_TEST_CASSANDRA=host:port to test against another";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(reason + " — failing because CI=true", failure);
            }
            Assumptions.abort(reason + " — SKIPPED");
        }
        return server;
    }

    /** @return a configuration for a new keyspace of its own on {@link #server()}, created now */
    static DatastoreConfig freshKeyspace(String name) {
        return freshKeyspace(server(), name);
    }

    /** @return a configuration for a new keyspace of its own on {@code s}, created now */
    static DatastoreConfig freshKeyspace(Server s, String name) {
        String keyspace = "ks_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin(s).execute("CREATE KEYSPACE " + keyspace
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        return config(s, name, Map.of("keyspace", keyspace));
    }

    static DatastoreConfig config(String name, Map<String, String> extra) {
        return config(server(), name, extra);
    }

    static DatastoreConfig config(Server s, String name, Map<String, String> extra) {
        Map<String, String> connection = new HashMap<>(Map.of(
                "host",
                s.host(),
                "port",
                String.valueOf(s.port()),
                "local_datacenter",
                s.datacenter(),
                "user",
                s.user(),
                "password",
                s.password()));
        connection.putAll(extra);
        return new DatastoreConfig(
                name,
                "cassandra",
                "",
                List.of(),
                true,
                connection,
                Map.of(),
                new PoolSettings(0, 8, Duration.ofSeconds(10)),
                Map.of());
    }

    static Datastore open(DatastoreConfig config) {
        return new CassandraDatastoreProvider().open(config);
    }

    static void dropKeyspace(DatastoreConfig config) {
        dropKeyspace(server(), config);
    }

    static void dropKeyspace(Server s, DatastoreConfig config) {
        admin(s).execute("DROP KEYSPACE IF EXISTS " + config.value("keyspace").orElseThrow());
    }

    /** @return the session the tests set up and check with on {@link #server()}; never close it */
    static CqlSession admin() {
        return admin(server());
    }

    /** @return the session the tests set up and check with on {@code s}, shared by all of them; never close it */
    static synchronized CqlSession admin(Server s) {
        return ADMINS.computeIfAbsent(
                s,
                key -> CqlSession.builder()
                        .addContactPoint(new InetSocketAddress(key.host(), key.port()))
                        .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                                .build())
                        .withLocalDatacenter(key.datacenter())
                        .withAuthCredentials(key.user(), key.password())
                        .build());
    }

    /** Closes the admin session of a node that goes away (a container), if one was opened. */
    static synchronized void forget(Server s) {
        CqlSession session = ADMINS.remove(s);
        if (session != null) {
            session.close();
        }
    }

    /**
     * @return the test user, created now with a random password and the superuser's rights, on a
     *     node with password authentication whose default superuser {@code cassandra} still has its
     *     default password (a new node: in process, or the official image)
     */
    static Server withTestUser(String host, int port, String datacenter) throws InterruptedException {
        String password = "pw-" + UUID.randomUUID();
        Server superuser = new Server(host, port, "cassandra", "cassandra", datacenter);
        try (CqlSession session = connect(superuser)) {
            session.execute("CREATE ROLE " + USER + " WITH PASSWORD = '" + password
                    + "' AND SUPERUSER = true AND LOGIN = true");
        }
        return new Server(host, port, USER, password, datacenter);
    }

    private static Server startInProcess() throws Exception {
        Path home = Files.createTempDirectory("datastores-cassandra");
        int nativePort = freePort();
        int storagePort = freePort();
        Path yaml = home.resolve("cassandra.yaml");
        Files.writeString(
                yaml,
                String.join(
                        "\n",
                        "cluster_name: datastores-test",
                        "num_tokens: 16",
                        "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
                        "data_file_directories: [" + home.resolve("data") + "]",
                        "commitlog_directory: " + home.resolve("commitlog"),
                        "saved_caches_directory: " + home.resolve("saved_caches"),
                        "hints_directory: " + home.resolve("hints"),
                        "cdc_raw_directory: " + home.resolve("cdc"),
                        "commitlog_sync: periodic",
                        "commitlog_sync_period: 10000ms",
                        "seed_provider:",
                        "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider",
                        "    parameters:",
                        "      - seeds: \"127.0.0.1:" + storagePort + "\"",
                        "listen_address: 127.0.0.1",
                        "rpc_address: 127.0.0.1",
                        "storage_port: " + storagePort,
                        "native_transport_port: " + nativePort,
                        "start_native_transport: true",
                        "endpoint_snitch: SimpleSnitch",
                        "authenticator: PasswordAuthenticator",
                        "authorizer: AllowAllAuthorizer",
                        "concurrent_reads: 4",
                        "concurrent_writes: 4",
                        "memtable_heap_space: 64MiB",
                        "memtable_offheap_space: 64MiB",
                        "key_cache_size: 8MiB",
                        "auto_snapshot: false",
                        ""));
        System.setProperty("cassandra.config", yaml.toUri().toString());
        System.setProperty("cassandra.storagedir", home.toString());
        System.setProperty("cassandra-foreground", "yes");
        System.setProperty("cassandra.superuser_setup_delay_ms", "0");
        // Test data only: system tables are not synced to disk, which makes every schema change much faster.
        System.setProperty("cassandra.unsafesystem", "true");
        System.setProperty("cassandra.ring_delay_ms", "0");
        System.setProperty("cassandra.skip_wait_for_gossip_to_settle", "0");
        new org.apache.cassandra.service.EmbeddedCassandraService().start();
        return withTestUser("127.0.0.1", nativePort, "datacenter1");
    }

    /** The default superuser appears shortly after the node starts: retry until it can log in. */
    private static CqlSession connect(Server s) throws InterruptedException {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            try {
                return CqlSession.builder()
                        .addContactPoint(new InetSocketAddress(s.host(), s.port()))
                        .withLocalDatacenter(s.datacenter())
                        .withAuthCredentials(s.user(), s.password())
                        .build();
            } catch (RuntimeException e) {
                last = e;
                Thread.sleep(500);
            }
        }
        throw last;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
