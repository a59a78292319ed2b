package io.datastores.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.core.Datastores;
import io.datastores.core.Placeholders;
import io.datastores.jdbc.TestingServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A source schema on the local PostgreSQL and a target (by default another schema there, or an
 * embedded database file), and the checks every fault test ends with. The source connects with its
 * own application name, so a test can kill exactly its connections.
 */
final class SyncFixture implements AutoCloseable {
    /** Where the target lives. */
    enum Target {
        POSTGRES,
        MARIADB,
        DUCKDB,
        SQLITE,
        CLICKHOUSE
    }

    private static final Pattern TEMPORAL_TEXT = Pattern.compile("\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d.*");

    final TestingServers.Server server;
    final Target kind;
    private final Path directory;
    final Datastores datastores;
    final Datastore source;
    final Datastore target;
    final String from;
    final String to;
    final String sourceApplication;

    SyncFixture() {
        this(Target.POSTGRES);
    }

    SyncFixture(Target kind) {
        this.kind = kind;
        server = TestingServers.postgres();
        from = TestingServers.uniqueName("sync_from");
        to = kind == Target.SQLITE ? null : TestingServers.uniqueName("sync_to");
        sourceApplication = TestingServers.uniqueName("sync_src");
        String connection = "host: '" + server.host() + "', port: " + server.port() + ", user: '" + server.user()
                + "', password: '${PW}', database: '" + server.database() + "', max_pool_size: 4";
        try {
            directory =
                    kind == Target.DUCKDB || kind == Target.SQLITE ? Files.createTempDirectory("sync-target") : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String targetYaml = switch (kind) {
            case POSTGRES -> "{type: postgresql, connection: {" + connection + "}}";
            case MARIADB -> mariaDb(TestingServers.mysql());
            case DUCKDB -> "{type: duckdb, connection: {database: '" + directory.resolve("target.duckdb") + "'}}";
            case SQLITE -> "{type: sqlite, connection: {database: '" + directory.resolve("target.sqlite") + "'}}";
            case CLICKHOUSE -> clickHouse(TestingServers.clickhouse());
        };
        datastores = Datastores.fromYaml(
                "datastores:\n"
                        + "  src: {type: postgres, connection: {" + connection + ", application_name: '"
                        + sourceApplication + "'}}\n"
                        + "  dst: " + targetYaml + "\n",
                Map.of("PW", server.password()));
        source = datastores.get("src");
        target = datastores.get("dst");
        source.execute("CREATE SCHEMA \"" + from + "\"");
        if (to != null) {
            target.execute((kind == Target.CLICKHOUSE ? "CREATE DATABASE " : "CREATE SCHEMA ") + target.quote(to));
        }
    }

    /** A users table of {@code rows} rows with track values one second apart from 2024-01-01 UTC. */
    void users(int rows) {
        src("CREATE TABLE %s.users (id bigint PRIMARY KEY, name text NOT NULL, score int, "
                + "updated_at timestamptz)");
        src(
                "INSERT INTO %s.users SELECT i, 'user ' || i, i % 7, timestamptz '2024-01-01 00:00:00+00' + i * interval '1 second' "
                        + "FROM generate_series(1, " + rows + ") i");
    }

    /** Runs a statement on the source schema; {@code %s} is the schema, quoted. */
    void src(String sql) {
        source.execute(sql.replace("%s", "\"" + from + "\""));
    }

    Object srcScalar(String sql) {
        return source.query(sql.replace("%s", "\"" + from + "\"")).scalar();
    }

    /** Runs a query on the target; {@code %s.} is the target schema's prefix (none for SQLite). */
    Object dstScalar(String sql) {
        Object value = target.query(sql.replace("%s.", to == null ? "" : target.quote(to) + "."))
                .scalar();
        return value instanceof Number n ? n.longValue() : value;
    }

    private static String mariaDb(TestingServers.Server mariaDb) {
        return "{type: mysql, connection: {host: '" + mariaDb.host() + "', port: " + mariaDb.port() + ", user: '"
                + mariaDb.user() + "', password: '" + mariaDb.password() + "', database: '" + mariaDb.database()
                + "'}}";
    }

    private static String clickHouse(TestingServers.Server clickHouse) {
        // Uncompressed: the loopback chDB shim cannot compress.
        return "{type: clickhouse, connection: {host: '" + clickHouse.host() + "', port: " + clickHouse.port()
                + ", user: '"
                + clickHouse.user() + "', password: '" + clickHouse.password() + "', database: '"
                + clickHouse.database()
                + "', properties: {compress: 'false'}}}";
    }

    SyncJob job(String extra) {
        // A test may name the job itself, to keep two jobs' states apart.
        return SyncJob.parse(
                (extra.startsWith("name:") ? "" : "name: test\n")
                        + "source_provider: {data_backend: {type: postgres, datastore_name: src, schema: '" + from
                        + "'}}\n"
                        + "target_provider: {data_backend: {datastore_name: dst"
                        + (to == null ? "" : ", schema: '" + to + "'") + "}}\n"
                        + "track_column: updated_at\n" + extra,
                Placeholders.of(Map.of()));
    }

    Sync sync(String extra) {
        return Sync.create(datastores, job(extra));
    }

    /**
     * Each row of the given columns, in key order, as text in one form whatever the database: times
     * as UTC instants (wall-clock types read as UTC, which is how targets without zones store
     * instants), numbers without trailing zeros.
     */
    static List<String> rows(Datastore datastore, String schema, String table, List<String> columns) {
        return rows(datastore, schema, table, columns, "id");
    }

    /** {@link #rows}, in the order of {@code key}. */
    static List<String> rows(Datastore datastore, String schema, String table, List<String> columns, String key) {
        String select = columns.stream().map(datastore::quote).collect(Collectors.joining(", "));
        return datastore
                .query("SELECT " + select + " FROM " + datastore.qualify(TableRef.of(schema, table)) + " ORDER BY "
                        + datastore.quote(key))
                .rows()
                .stream()
                .map(row -> columns.stream().map(c -> normal(row.get(c))).collect(Collectors.joining("|")))
                .toList();
    }

    /**
     * {@link #rows} of a table in a store without SQL (Redis, MongoDB): copied into a DuckDB file of
     * their own first, so they read as a SQL source's do.
     */
    static List<String> rowsViaDuckDb(Datastore store, String table, Path dir, String name, List<String> columns) {
        String yaml =
                "datastores: {check: {type: duckdb, connection: {database: '" + dir.resolve(name + ".duckdb") + "'}}}";
        try (Datastores check = Datastores.fromYaml(yaml, Map.of())) {
            io.datastores.core.Transfer.of(
                            store,
                            io.datastores.api.bulk.ReadRequest.table(TableRef.of(table)),
                            check.get("check"),
                            TableRef.of(table))
                    .run();
            return rows(check.get("check"), null, table, columns);
        }
    }

    private static String normal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof LocalDateTime time) {
            return time.toInstant(ZoneOffset.UTC).toString();
        }
        String text = value.toString();
        if (TEMPORAL_TEXT.matcher(text).matches()) {
            String iso = text.replace(' ', 'T');
            return (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d(:?\\d\\d)?$")
                            ? OffsetDateTime.parse(iso).toInstant()
                            : LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC))
                    .toString();
        }
        return text;
    }

    /** Target equals source (same rows, each with the same values) and has no key twice. */
    void assertInStep(String table, String columns) {
        List<String> names = List.of(columns.split(",\\s*"));
        // Drivers build java.sql.Timestamp in the JVM's zone: read both sides in UTC so equal instants print equal.
        TimeZone saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        try {
            assertThat(rows(target, to, table, names))
                    .as("target %s equals source", table)
                    .isEqualTo(rows(source, from, table, names));
        } finally {
            TimeZone.setDefault(saved);
        }
        assertThat(dstScalar("SELECT count(*) - count(DISTINCT id) FROM %s." + target.quote(table)))
                .as("duplicate keys in %s", table)
                .isEqualTo(0L);
    }

    void assertUsersInStep() {
        assertInStep("users", "id, name, score, updated_at");
    }

    /** A plain JDBC connection for what the datastore API does not do (holding a transaction open). */
    Connection jdbc() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + server.database(),
                server.user(),
                server.password());
    }

    /** Ends every connection the source datastore has, as an administrator would. */
    long killSourceConnections() {
        return ((Number) target.query(
                                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                        + "WHERE application_name = ?",
                                sourceApplication)
                        .scalar())
                .longValue();
    }

    @Override
    public void close() {
        try {
            source.execute("DROP SCHEMA IF EXISTS \"" + from + "\" CASCADE");
            if (kind == Target.POSTGRES) {
                target.execute("DROP SCHEMA IF EXISTS \"" + to + "\" CASCADE");
            } else if (kind == Target.MARIADB || kind == Target.CLICKHOUSE) {
                target.execute("DROP DATABASE IF EXISTS " + target.quote(to));
            }
        } finally {
            datastores.close();
            deleteDirectory();
        }
    }

    private void deleteDirectory() {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
