package io.datastores.postgres;

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
import io.datastores.jdbc.JdbcDialect;
import io.datastores.jdbc.TestingClassLoading;
import io.datastores.jdbc.TestingServers;
import java.sql.ResultSet;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PostgreSQL provider against a real server: configuration, SQL, introspection, faults and load. */
class PostgresDatastoreTest {
    private final PostgresDatastoreProvider provider = new PostgresDatastoreProvider();
    private TestingServers.Server server;
    private Datastore datastore;
    private String schema;

    @BeforeEach
    void createSchema() {
        server = TestingServers.postgres();
        datastore = provider.open(server.config("postgres"));
        schema = TestingServers.uniqueName("t");
        datastore.execute("CREATE SCHEMA \"" + schema + "\"");
    }

    @AfterEach
    void dropSchema() {
        datastore.execute("DROP SCHEMA \"" + schema + "\" CASCADE");
        datastore.close();
    }

    @Test
    void readingTheUsersYamlLoadsNoDriverClass() throws Exception {
        String yaml = """
                datastores:
                  demo_bank:
                    type: postgresql
                    connection:
                      host: "${POSTGRES_HOST:localhost}"
                      port: "${POSTGRES_PORT:5432}"
                      dbname: "${POSTGRES_DB:demo_bank}"
                      user: "${POSTGRES_USER:postgres}"
                      password: "${POSTGRES_PASSWORD:postgres}"
                      connect_timeout: 10
                """;
        assertThat(TestingClassLoading.loadedWhileReading(
                        yaml,
                        "org.postgresql.Driver",
                        "org.postgresql.PGConnection",
                        "io.datastores.postgres.PostgresBulkWriter"))
                .containsOnly(
                        Map.entry("org.postgresql.Driver", false),
                        Map.entry("org.postgresql.PGConnection", false),
                        Map.entry("io.datastores.postgres.PostgresBulkWriter", false));
    }

    @Test
    void validationNeedsAHostUnlessAUrlIsGiven() {
        DatastoreConfig noHost = config(Map.of("database", "x"));
        assertThat(provider.validate(noHost))
                .extracting(p -> p.key() + ": " + p.message())
                .containsExactly("connection.host: Must specify host");
        assertThat(provider.validate(config(Map.of("url", "jdbc:postgresql://db:5432/x"))))
                .isEmpty();
        assertThat(provider.validate(config(Map.of("host", "db", "port", "99999"))))
                .extracting(p -> p.key())
                .containsExactly("connection.port");
        assertThat(provider.aliases()).containsExactly("postgresql");
    }

    @Test
    void connectsWithAFullUrlInsteadOfHostAndPort() {
        String url = "jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + server.database();
        try (Datastore byUrl = provider.open(new DatastoreConfig(
                "by_url",
                "postgres",
                "",
                List.of(),
                true,
                Map.of("url", url, "user", server.user()),
                Map.of(),
                fastPool(),
                Map.of()))) {
            assertThat(byUrl.query("SELECT current_database()").scalar()).isEqualTo(server.database());
        }
    }

    @Test
    void logicalDatabasesRunInTheirSchema() {
        datastore.execute("CREATE TABLE \"" + schema + "\".accounts (id int)");
        DatastoreConfig withDatabases = new DatastoreConfig(
                "logical",
                "postgres",
                "",
                List.of(),
                true,
                server.config("postgres").connection(),
                Map.of(),
                fastPool(),
                Map.of("accounts_db", schema));
        try (Datastore logical = provider.open(withDatabases)) {
            Datastore accounts = logical.database("accounts_db");
            assertThat(accounts.query("SELECT current_schema()").scalar()).isEqualTo(schema);
            assertThat(accounts.execute("INSERT INTO accounts VALUES (1), (2)")).isEqualTo(2);
            assertThat(accounts.tables(null)).containsExactly(TableRef.of(schema, "accounts"));
            assertThat(logical.query("SELECT current_schema()").scalar()).isEqualTo("public");
        }
    }

    @Test
    void queriesExecutesAndTests() {
        datastore.execute("CREATE TABLE \"" + schema + "\".t (id int PRIMARY KEY, name text)");
        assertThat(datastore.execute("INSERT INTO \"" + schema + "\".t VALUES (?, ?), (?, ?)", 1, "a", 2, "b"))
                .isEqualTo(2);
        assertThat(datastore
                        .query("SELECT name FROM \"" + schema + "\".t WHERE id = ?", 2)
                        .scalar())
                .isEqualTo("b");

        ConnectionTest test = datastore.test();
        assertThat(test.success()).as(test.error()).isTrue();
        assertThat(test.serverVersion()).startsWith("PostgreSQL");
        assertThat(test.database()).isEqualTo(server.database());
    }

    @Test
    void describesExactColumnTypesAndKeys() {
        datastore.execute("CREATE TABLE \"" + schema + "\".typed (a int, b text, amount numeric(38,10), "
                + "at timestamptz, local timestamp, tags int[], doc jsonb, id uuid, raw bytea, PRIMARY KEY (b, a))");
        TableInfo info = datastore.describe(TableRef.of(schema, "typed"));
        assertThat(info.primaryKey()).containsExactly("b", "a");
        assertThat(info.column("amount").orElseThrow()).satisfies(c -> {
            assertThat(c.typeName()).isEqualTo("numeric");
            assertThat(c.precision()).isEqualTo(38);
            assertThat(c.scale()).isEqualTo(10);
        });
        assertThat(info.columns())
                .extracting(c -> c.typeName())
                .containsExactly(
                        "int4", "text", "numeric", "timestamptz", "timestamp", "_int4", "jsonb", "uuid", "bytea");
        assertThat(datastore.tables(schema)).containsExactly(TableRef.of(schema, "typed"));
        assertThat(datastore.schemas()).contains(schema, "public");
        assertThat(datastore.capabilities())
                .contains(
                        Capability.SCHEMAS,
                        Capability.TEMP_TABLES,
                        Capability.BULK_READ,
                        Capability.BULK_WRITE,
                        Capability.UPSERT);
    }

    @Test
    void theOneQueryDescriptionEqualsDatabaseMetaDatas() throws Exception {
        datastore.execute("CREATE TABLE \"" + schema + "\".\"Zoo \"\"x\"\"\" (s smallserial, i serial, b bigserial, "
                + "n numeric(12,2), free numeric, v varchar(44), c char(3), t text NOT NULL, raw bytea, ok boolean, "
                + "f4 real, f8 double precision, d date, tm time, tz timetz, ts timestamp(3), tstz timestamptz, "
                + "span interval, id uuid, j json, jb jsonb, ints int4[], texts text[], ip inet, bits bit(3), "
                + "vbits varbit(9), cash money, x xml, PRIMARY KEY (t, i))");
        datastore.execute(
                "CREATE VIEW \"" + schema + "\".zoo_view AS SELECT n, t FROM \"" + schema + "\".\"Zoo \"\"x\"\"\"");
        datastore.execute("CREATE DOMAIN \"" + schema + "\".positive AS int CHECK (VALUE > 0)");
        datastore.execute(
                "CREATE TABLE \"" + schema + "\".with_domain (id int PRIMARY KEY, p \"" + schema + "\".positive)");
        datastore.execute("CREATE TABLE \"" + schema + "\".with_a_dropped_column (id int, gone text, kept text)");
        datastore.execute("ALTER TABLE \"" + schema + "\".with_a_dropped_column DROP COLUMN gone");
        JdbcDialect metaData = new JdbcDialect() {
            @Override
            public String driverClassName() {
                return "org.postgresql.Driver";
            }

            @Override
            public String jdbcUrl(DatastoreConfig config) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String location(DatastoreConfig config) {
                throw new UnsupportedOperationException();
            }
        };
        JdbcDatastore jdbc = (JdbcDatastore) datastore;
        List<TableRef> tables =
                new ArrayList<>(Stream.of("Zoo \"x\"", "zoo_view", "with_domain", "with_a_dropped_column", "missing")
                        .map(name -> TableRef.of(schema, name))
                        .toList());
        // No schema: the current one, where pg_catalog's tables are not, though the search path finds them.
        tables.add(TableRef.of(null, "pg_class"));
        for (TableRef table : tables) {
            jdbc.withConnection("describe", connection -> {
                assertThat(jdbc.dialect().describe(connection, table))
                        .as(table.toString())
                        .isEqualTo(metaData.describe(connection, table));
                return null;
            });
        }
        TableInfo zoo = datastore.describe(TableRef.of(schema, "Zoo \"x\""));
        assertThat(zoo.primaryKey()).containsExactly("t", "i");
        assertThat(zoo.columns()).extracting(c -> c.typeName()).startsWith("smallserial", "serial", "bigserial");
        assertThat(zoo.column("n").orElseThrow())
                .extracting(c -> c.precision(), c -> c.scale())
                .containsExactly(12, 2);
    }

    @Test
    void temporaryTablesLiveInTheirSession() {
        int count = ((JdbcDatastore) datastore).withConnection("temp table", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TEMPORARY TABLE scratch (v int)");
                statement.execute("INSERT INTO scratch VALUES (1), (2)");
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM scratch")) {
                    rs.next();
                    return rs.getInt(1);
                } finally {
                    statement.execute("DROP TABLE scratch");
                }
            }
        });
        assertThat(count).isEqualTo(2);
    }

    @Test
    void statementsGroupIntoTransactions() {
        datastore.execute("CREATE TABLE \"" + schema + "\".ledger (v int)");
        ((JdbcDatastore) datastore).withConnection("transaction", connection -> {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO \"" + schema + "\".ledger VALUES (1)");
                connection.rollback();
                statement.execute("INSERT INTO \"" + schema + "\".ledger VALUES (2)");
                connection.commit();
            }
            return null;
        });
        assertThat(datastore
                        .query("SELECT string_agg(v::text, ',') FROM \"" + schema + "\".ledger")
                        .scalar())
                .isEqualTo("2");
    }

    @Test
    void unknownRoleIsAnAuthenticationFailureNamingUserAndHostButNotThePassword() {
        // The local server trusts every connection, so a wrong password cannot fail; a role that
        // does not exist is refused the same way (SQLSTATE 28000).
        try (Datastore bad = provider.open(server.config(
                "bad", "postgres", Map.of("user", "no_such_role", "password", "s3cr3t-Pa55"), fastPool()))) {
            assertThatThrownBy(bad::connect).isInstanceOfSatisfying(DatastoreException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                assertThat(e.getMessage())
                        .contains("no_such_role")
                        .contains(server.host() + ":" + server.port())
                        .doesNotContain("s3cr3t-Pa55");
            });
            assertThat(bad.test().error()).contains("no_such_role").doesNotContain("s3cr3t-Pa55");
        }
    }

    @Test
    void unknownHostAndRefusedPortAreConnectionFailuresNamingHostAndPort() {
        try (Datastore unknown = provider.open(
                server.config("unknown", "postgres", Map.of("host", "no-such-host.invalid"), fastPool()))) {
            assertThatThrownBy(unknown::connect).isInstanceOfSatisfying(DatastoreException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
                assertThat(e.getMessage()).contains("no-such-host.invalid:" + server.port());
            });
        }
        try (Datastore refused = provider.open(
                server.config("refused", "postgres", Map.of("host", "127.0.0.1", "port", "1"), fastPool()))) {
            long start = System.nanoTime();
            assertThatThrownBy(refused::connect).isInstanceOfSatisfying(DatastoreException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
                assertThat(e.getMessage()).contains("127.0.0.1:1");
            });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void sslModeReachesTheDriver() {
        // The local server has SSL off, so demanding it must fail, and say why.
        try (Datastore tls =
                provider.open(server.config("tls", "postgres", Map.of("sslmode", "require"), fastPool()))) {
            assertThatThrownBy(tls::connect).isInstanceOfSatisfying(DatastoreException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
                assertThat(e.getMessage()).containsIgnoringCase("SSL");
            });
        }
    }

    @Test
    void aSessionKilledMidQueryIsAConnectionFailureAndTheNextCallSucceeds() throws Exception {
        String application = TestingServers.uniqueName("victim");
        try (Datastore victim = provider.open(server.config(
                "victim",
                "postgres",
                Map.of("application_name", application),
                new PoolSettings(1, 2, Duration.ofSeconds(5))))) {
            victim.connect();
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                Future<?> sleeping = executor.submit(() -> victim.query("SELECT pg_sleep(30)"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                Object killed = false;
                while (!Boolean.TRUE.equals(killed) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    killed = datastore
                            .query(
                                    "SELECT bool_or(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                            + "WHERE application_name = ? AND query LIKE 'SELECT pg_sleep%'",
                                    application)
                            .scalar();
                }
                assertThat(killed).isEqualTo(true);
                assertThatThrownBy(() -> sleeping.get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(DatastoreException.class)
                        .cause()
                        .satisfies(
                                e -> assertThat(((DatastoreException) e).code()).isEqualTo(ErrorCode.CONNECTION));
            } finally {
                executor.shutdownNow();
            }
            assertThat(victim.query("SELECT 42").scalar()).isEqualTo(42);
        }
    }

    @Test
    void sixtyFourThreadsShareAPoolOfEight() throws Exception {
        String application = TestingServers.uniqueName("load");
        try (Datastore pooled = provider.open(server.config(
                "load",
                "postgres",
                Map.of("application_name", application),
                new PoolSettings(0, 8, Duration.ofSeconds(30))))) {
            AtomicInteger answered = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(64);
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < 64; thread++) {
                int base = thread * 1000;
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        assertThat(pooled.query("SELECT ?::int + 1", base + i).scalar())
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
                    .query("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", application)
                    .scalar();
            Object active = datastore
                    .query(
                            "SELECT count(*) FROM pg_stat_activity WHERE application_name = ? " + "AND state <> 'idle'",
                            application)
                    .scalar();
            assertThat((Long) connections).isBetween(1L, 8L);
            assertThat(active).isEqualTo(0L);
        }
    }

    private DatastoreConfig config(Map<String, String> connection) {
        return new DatastoreConfig(
                "x", "postgres", "", List.of(), true, connection, Map.of(), PoolSettings.DEFAULT, Map.of());
    }

    private static PoolSettings fastPool() {
        return new PoolSettings(0, 2, Duration.ofSeconds(3));
    }
}
