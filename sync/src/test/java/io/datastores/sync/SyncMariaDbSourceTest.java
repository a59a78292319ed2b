package io.datastores.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.Datastore;
import io.datastores.core.Datastores;
import io.datastores.core.Placeholders;
import io.datastores.jdbc.TestingServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The source-side faults against a real MariaDB source (the other sync tests read PostgreSQL),
 * synced into an embedded DuckDB file: a source connection killed mid-read, rows committed during
 * a run with the high-water mark's value, rows updated during a run. After each, a re-run makes the
 * target equal to the source, with no key twice.
 */
class SyncMariaDbSourceTest {
    private static final List<String> COLUMNS = List.of("id", "name", "score", "updated_at");

    private TestingServers.Server server;
    private String database;
    private Path directory;
    private Datastores datastores;
    private Datastore source;
    private Datastore target;

    @BeforeEach
    void setUp() throws IOException {
        server = TestingServers.mysql();
        database = TestingServers.uniqueName("sync_src");
        directory = Files.createTempDirectory("sync-mariadb");
        admin("CREATE DATABASE `" + database + "`");
        // Connected to the test's own database, so its connections can be told apart (and killed).
        datastores = Datastores.fromYaml(
                "datastores:\n"
                        + "  src: {type: mysql, connection: {host: '" + server.host() + "', port: " + server.port()
                        + ", user: '"
                        + server.user() + "', password: '${PW}', database: '" + database + "', max_pool_size: 4}}\n"
                        + "  dst: {type: duckdb, connection: {database: '" + directory.resolve("target.duckdb")
                        + "'}}\n",
                Map.of("PW", server.password()));
        source = datastores.get("src");
        target = datastores.get("dst");
        source.execute("CREATE TABLE " + table() + " (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, score INT, "
                + "updated_at DATETIME(6))");
    }

    @AfterEach
    void tearDown() throws IOException {
        try {
            // On a connection of its own: the pool's may have been killed by the test.
            admin("DROP DATABASE IF EXISTS `" + database + "`");
        } finally {
            datastores.close();
            try (var files = Files.walk(directory)) {
                for (Path path :
                        files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private String table() {
        return source.quote(database) + "." + source.quote("users");
    }

    /** Rows 1..n with track values one second apart from 2024-01-01, from MariaDB's sequence engine. */
    private void users(int rows) {
        source.execute("INSERT INTO " + table() + " SELECT seq, CONCAT('user ', seq), seq % 7, "
                + "TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq SECOND FROM seq_1_to_" + rows);
    }

    private Sync sync(String extra) {
        return Sync.create(
                datastores,
                SyncJob.parse(
                        "name: mariadb\n"
                                + "source_provider: {data_backend: {datastore_name: src, schema: '" + database + "'}}\n"
                                + "target_provider: {data_backend: {datastore_name: dst, schema: main}}\n"
                                + "track_column: updated_at\ntables: [users]\n" + extra,
                        Placeholders.of(Map.of())));
    }

    private void assertInStep() {
        TimeZone saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        try {
            assertThat(SyncFixture.rows(target, "main", "users", COLUMNS))
                    .as("target equals source")
                    .isEqualTo(SyncFixture.rows(source, database, "users", COLUMNS));
        } finally {
            TimeZone.setDefault(saved);
        }
        assertThat(((Number) target.query("SELECT count(*) - count(DISTINCT id) FROM main.users")
                                .scalar())
                        .longValue())
                .as("no key twice")
                .isZero();
    }

    /** Runs a statement as an administrator, on a connection of its own; returns the first column of a query's rows. */
    private List<Long> admin(String sql) {
        try (Connection admin = DriverManager.getConnection(
                        "jdbc:mysql://" + server.host() + ":" + server.port() + "/", server.user(), server.password());
                Statement statement = admin.createStatement()) {
            List<Long> values = new ArrayList<>();
            if (statement.execute(sql)) {
                try (ResultSet rs = statement.getResultSet()) {
                    while (rs.next()) {
                        values.add(rs.getLong(1));
                    }
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ends every connection the source datastore has open, as an administrator would; returns how many. */
    private long killSourceConnections() {
        List<Long> ids = admin("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '" + database + "'");
        ids.forEach(id -> admin("KILL CONNECTION " + id));
        return ids.size();
    }

    @Test
    void aSourceConnectionKilledMidReadIsRetriedWithinTheRun() {
        users(100_000);
        // Rows of ~100 bytes: 10 MB, more than the socket buffers hold, so the server is still sending when the kill
        // lands.
        source.execute("UPDATE " + table() + " SET name = CONCAT(name, REPEAT('.', 80))");
        AtomicLong killed = new AtomicLong(-1);
        try (Sync sync = sync("batch_size: 1000\n")) {
            assertThat(sync.run().failed()).isEmpty();
            source.execute("UPDATE " + table() + " SET name = CONCAT('after', REPEAT('.', 80)), updated_at = NOW(6)");
            sync.onProgress((table, progress) -> {
                if (progress.batches() == 3 && killed.get() < 0) {
                    killed.set(killSourceConnections());
                }
            });
            SyncStats stats = sync.run();

            assertThat(killed.get()).as("the streaming read was killed").isPositive();
            assertThat(stats.failed()).isEmpty();
            assertInStep();
        }
    }

    @Test
    void rowsCommittedDuringARunWithTheMarkValueAreNotLost() {
        users(5000);
        AtomicBoolean inserted = new AtomicBoolean();
        try (Sync sync = sync("batch_size: 500\n")) {
            sync.onProgress((table, progress) -> {
                if (!inserted.getAndSet(true)) {
                    // The current maximum's track value (row 5000), committed after the read began.
                    source.execute("INSERT INTO " + table() + " SELECT 100000 + seq, 'at the mark', 0, "
                            + "TIMESTAMP '2024-01-01 00:00:00' + INTERVAL 5000 SECOND FROM seq_1_to_3");
                }
            });
            assertThat(sync.run().failed()).isEmpty();
            assertThat(sync.run().failed()).isEmpty();
            assertInStep();
        }
    }

    @Test
    void rowsUpdatedDuringARunAreCaughtByTheNextRun() {
        users(5000);
        AtomicBoolean updated = new AtomicBoolean();
        try (Sync sync = sync("batch_size: 500\n")) {
            sync.run();
            source.execute("UPDATE " + table() + " SET updated_at = NOW(6) WHERE id <= 2000");
            sync.onProgress((table, progress) -> {
                if (!updated.getAndSet(true)) {
                    source.execute("UPDATE " + table() + " SET name = CONCAT(name, ' (edited)'), updated_at = NOW(6) "
                            + "WHERE id % 3 = 0");
                }
            });
            sync.run();
            sync.run();
            assertInStep();
        }
    }
}
