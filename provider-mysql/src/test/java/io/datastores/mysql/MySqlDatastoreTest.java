package io.datastores.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Capability;
import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import io.datastores.jdbc.JdbcDatastore;
import io.datastores.jdbc.TestingClassLoading;
import io.datastores.jdbc.TestingServers;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MySQL/MariaDB provider against a real server: configuration, SQL, introspection, faults and load. */
class MySqlDatastoreTest {
    private final MySqlDatastoreProvider provider = new MySqlDatastoreProvider();
    private TestingServers.Server server;
    private Datastore datastore;
    private String database;

    @BeforeEach
    void createDatabase() {
        server = TestingServers.mysql();
        datastore = provider.open(server.config("mysql"));
        database = TestingServers.uniqueName("t");
        datastore.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    }

    @AfterEach
    void dropDatabase() {
        datastore.execute("DROP DATABASE `" + database + "`");
        datastore.close();
    }

    @Test
    void readingTheUsersYamlLoadsNoDriverClass() throws Exception {
        String yaml = """
                datastores:
                  mysql_db:
                    type: 'mariadb'
                    connection: {host: '${MYSQL_HOST:localhost}', port: '${MYSQL_PORT:3306}', user: '${MYSQL_USER:u}',
                                 password: '${MYSQL_PASSWORD:p}', database: '${MYSQL_DB:d}'}
                """;
        assertThat(TestingClassLoading.loadedWhileReading(
                        yaml,
                        "com.mysql.cj.jdbc.Driver",
                        "com.mysql.cj.jdbc.JdbcStatement",
                        "io.datastores.mysql.MySqlBulkWriter"))
                .containsOnly(
                        Map.entry("com.mysql.cj.jdbc.Driver", false),
                        Map.entry("com.mysql.cj.jdbc.JdbcStatement", false),
                        Map.entry("io.datastores.mysql.MySqlBulkWriter", false));
    }

    @Test
    void validationNeedsAHostUnlessAUrlIsGiven() {
        assertThat(provider.validate(config(Map.of("database", "x"))))
                .extracting(p -> p.key() + ": " + p.message())
                .containsExactly("connection.host: Must specify host");
        assertThat(provider.validate(config(Map.of("url", "jdbc:mysql://db:3306/x"))))
                .isEmpty();
        assertThat(provider.validate(config(Map.of("host", "db", "local_infile", "maybe"))))
                .extracting(p -> p.key())
                .containsExactly("connection.local_infile");
        assertThat(provider.aliases()).containsExactly("mariadb");
    }

    @Test
    void connectsWithAFullUrlInsteadOfHostAndPort() {
        String url = "jdbc:mysql://" + server.host() + ":" + server.port() + "/" + database;
        try (Datastore byUrl = provider.open(new DatastoreConfig(
                "by_url",
                "mysql",
                "",
                List.of(),
                true,
                Map.of("url", url, "user", server.user(), "password", server.password()),
                Map.of(),
                fastPool(),
                Map.of()))) {
            assertThat(byUrl.query("SELECT DATABASE()").scalar()).isEqualTo(database);
        }
    }

    @Test
    void logicalDatabasesRunInTheirDatabase() {
        datastore.execute("CREATE TABLE `" + database + "`.accounts (id INT)");
        DatastoreConfig withDatabases = new DatastoreConfig(
                "logical",
                "mysql",
                "",
                List.of(),
                true,
                server.config("mysql").connection(),
                Map.of(),
                fastPool(),
                Map.of("accounts_db", database));
        try (Datastore logical = provider.open(withDatabases)) {
            Datastore accounts = logical.database("accounts_db");
            assertThat(accounts.query("SELECT DATABASE()").scalar()).isEqualTo(database);
            assertThat(accounts.execute("INSERT INTO accounts VALUES (1), (2)")).isEqualTo(2);
            assertThat(accounts.tables(null)).containsExactly(TableRef.of(database, "accounts"));
            assertThat(logical.query("SELECT DATABASE()").scalar()).isEqualTo(server.database());
        }
    }

    @Test
    void queriesExecutesAndTests() {
        datastore.execute("CREATE TABLE `" + database + "`.t (id INT PRIMARY KEY, name VARCHAR(20))");
        assertThat(datastore.execute("INSERT INTO `" + database + "`.t VALUES (?, ?), (?, ?)", 1, "😀", 2, "b"))
                .isEqualTo(2);
        assertThat(datastore
                        .query("SELECT name FROM `" + database + "`.t WHERE id = ?", 1)
                        .scalar())
                .isEqualTo("😀");
        ConnectionTest test = datastore.test();
        assertThat(test.success()).as(test.error()).isTrue();
        assertThat(test.serverVersion()).containsAnyOf("MySQL", "MariaDB");
    }

    @Test
    void describesColumnsKeysAndDatabasesAsSchemas() {
        datastore.execute("CREATE TABLE `" + database + "`.typed (a INT, b VARCHAR(10), amount DECIMAL(38,10), "
                + "big BIGINT UNSIGNED, at TIMESTAMP(6) NULL, doc JSON, raw VARBINARY(16), PRIMARY KEY (b, a))");
        TableInfo info = datastore.describe(TableRef.of(database, "typed"));
        assertThat(info.primaryKey()).containsExactly("b", "a");
        assertThat(info.column("amount").orElseThrow()).satisfies(c -> {
            assertThat(c.typeName()).isEqualTo("DECIMAL");
            assertThat(c.precision()).isEqualTo(38);
            assertThat(c.scale()).isEqualTo(10);
        });
        assertThat(info.column("big").orElseThrow().typeName()).isEqualTo("BIGINT UNSIGNED");
        assertThat(datastore.tables(database)).containsExactly(TableRef.of(database, "typed"));
        assertThat(datastore.schemas()).contains(database);
        assertThat(datastore.capabilities())
                .contains(Capability.SCHEMAS, Capability.BULK_READ, Capability.BULK_WRITE, Capability.UPSERT);
    }

    @Test
    void statementsGroupIntoTransactions() {
        datastore.execute("CREATE TABLE `" + database + "`.ledger (v INT) ENGINE=InnoDB");
        ((JdbcDatastore) datastore).withConnection("transaction", connection -> {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO `" + database + "`.ledger VALUES (1)");
                connection.rollback();
                statement.execute("INSERT INTO `" + database + "`.ledger VALUES (2)");
                connection.commit();
            }
            return null;
        });
        assertThat(datastore
                        .query("SELECT GROUP_CONCAT(v) FROM `" + database + "`.ledger")
                        .scalar())
                .isEqualTo("2");
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailureNamingUserAndHostButNotThePassword() {
        String user = TestingServers.uniqueName("u");
        for (String host : List.of("%", "localhost")) {
            datastore.execute("CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY 'right-Pa55'");
        }
        try (Datastore bad = provider.open(
                server.config("bad", "mysql", Map.of("user", user, "password", "wr0ng-Pa55"), fastPool()))) {
            assertThatThrownBy(bad::connect).isInstanceOfSatisfying(DatastoreException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                assertThat(e.getMessage())
                        .contains(user)
                        .contains(server.host() + ":" + server.port())
                        .doesNotContain("wr0ng-Pa55");
            });
        } finally {
            for (String host : List.of("%", "localhost")) {
                datastore.execute("DROP USER '" + user + "'@'" + host + "'");
            }
        }
    }

    @Test
    void unknownHostAndRefusedPortAreConnectionFailuresNamingHostAndPort() {
        try (Datastore unknown =
                provider.open(server.config("unknown", "mysql", Map.of("host", "no-such-host.invalid"), fastPool()))) {
            assertThatThrownBy(unknown::connect).isInstanceOfSatisfying(DatastoreException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
                assertThat(e.getMessage()).contains("no-such-host.invalid:" + server.port());
            });
        }
        try (Datastore refused = provider.open(
                server.config("refused", "mysql", Map.of("host", "127.0.0.1", "port", "1"), fastPool()))) {
            assertThatThrownBy(refused::connect).isInstanceOfSatisfying(DatastoreException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
                assertThat(e.getMessage()).contains("127.0.0.1:1");
            });
        }
    }

    @Test
    void sslModeReachesTheDriver() {
        // The local server has SSL off, so demanding it must fail, and say why.
        try (Datastore tls = provider.open(server.config("tls", "mysql", Map.of("sslmode", "REQUIRED"), fastPool()))) {
            assertThatThrownBy(tls::connect).isInstanceOfSatisfying(DatastoreException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
                assertThat(e.getMessage()).containsIgnoringCase("SSL");
            });
        }
    }

    @Test
    void aSessionKilledMidQueryIsAConnectionFailureAndTheNextCallSucceeds() throws Exception {
        try (Datastore victim = provider.open(server.config(
                "victim", "mysql", Map.of("database", database), new PoolSettings(1, 2, Duration.ofSeconds(5))))) {
            victim.connect();
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                Future<?> sleeping = executor.submit(() -> victim.query("SELECT SLEEP(30)"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                Object id = null;
                while (id == null && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    id = datastore
                            .query(
                                    "SELECT id FROM information_schema.processlist WHERE db = ? "
                                            + "AND info LIKE 'SELECT SLEEP(30)%'",
                                    database)
                            .scalar();
                }
                assertThat(id).isNotNull();
                // KILL takes no bound parameter; the id is a number the server just gave us.
                datastore.execute("KILL CONNECTION " + ((Number) id).longValue());
                assertThatThrownBy(() -> sleeping.get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(DatastoreException.class)
                        .cause()
                        .satisfies(
                                e -> assertThat(((DatastoreException) e).code()).isEqualTo(ErrorCode.CONNECTION));
            } finally {
                executor.shutdownNow();
            }
            assertThat(((Number) victim.query("SELECT 42").scalar()).intValue()).isEqualTo(42);
        }
    }

    @Test
    void sixtyFourThreadsShareAPoolOfEight() throws Exception {
        try (Datastore pooled = provider.open(server.config(
                "load", "mysql", Map.of("database", database), new PoolSettings(0, 8, Duration.ofSeconds(30))))) {
            AtomicInteger answered = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(64);
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < 64; thread++) {
                long base = thread * 1000L;
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        assertThat(((Number) pooled.query("SELECT ? + 1", base + i)
                                                .scalar())
                                        .longValue())
                                .isEqualTo(base + i + 1);
                        answered.incrementAndGet();
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
            executor.shutdown();
            assertThat(answered).hasValue(64 * 200);
            Object connections = datastore
                    .query("SELECT count(*) FROM information_schema.processlist WHERE db = ?", database)
                    .scalar();
            Object active = datastore
                    .query(
                            "SELECT count(*) FROM information_schema.processlist WHERE db = ? "
                                    + "AND command <> 'Sleep'",
                            database)
                    .scalar();
            assertThat(((Number) connections).longValue()).isBetween(1L, 8L);
            assertThat(((Number) active).longValue()).isZero();
        }
    }

    private DatastoreConfig config(Map<String, String> connection) {
        return new DatastoreConfig(
                "x", "mysql", "", List.of(), true, connection, Map.of(), PoolSettings.DEFAULT, Map.of());
    }

    private static PoolSettings fastPool() {
        return new PoolSettings(0, 2, Duration.ofSeconds(3));
    }
}
