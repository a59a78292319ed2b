package io.datastores.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.Datastore;
import io.datastores.core.Datastores;
import io.datastores.core.Placeholders;
import io.datastores.jdbc.TestingServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * Two datastores on the local PostgreSQL, a source schema and a target schema of their own, and
 * the checks every fault test ends with. The source connects with its own application name, so a
 * test can kill exactly its connections.
 */
final class SyncFixture implements AutoCloseable {
    final TestingServers.Server server;
    final Datastores datastores;
    final Datastore source;
    final Datastore target;
    final String from;
    final String to;
    final String sourceApplication;

    SyncFixture() {
        server = TestingServers.postgres();
        from = TestingServers.uniqueName("sync_from");
        to = TestingServers.uniqueName("sync_to");
        sourceApplication = TestingServers.uniqueName("sync_src");
        String connection = "host: '" + server.host() + "', port: " + server.port() + ", user: '" + server.user()
                + "', password: '${PW}', database: '" + server.database() + "', max_pool_size: 4";
        datastores = Datastores.fromYaml("datastores:\n"
                + "  src: {type: postgres, connection: {" + connection + ", application_name: '" + sourceApplication + "'}}\n"
                + "  dst: {type: postgresql, connection: {" + connection + "}}\n", Map.of("PW", server.password()));
        source = datastores.get("src");
        target = datastores.get("dst");
        target.execute("CREATE SCHEMA \"" + from + "\"");
        target.execute("CREATE SCHEMA \"" + to + "\"");
    }

    /** A users table of {@code rows} rows with track values one second apart from 2024-01-01 UTC. */
    void users(int rows) {
        src("CREATE TABLE %s.users (id bigint PRIMARY KEY, name text NOT NULL, score int, "
                + "updated_at timestamptz)");
        src("INSERT INTO %s.users SELECT i, 'user ' || i, i % 7, timestamptz '2024-01-01 00:00:00+00' + i * interval '1 second' "
                + "FROM generate_series(1, " + rows + ") i");
    }

    /** Runs a statement on the source schema; {@code %s} is the schema, quoted. */
    void src(String sql) {
        source.execute(sql.replace("%s", "\"" + from + "\""));
    }

    Object srcScalar(String sql) {
        return source.query(sql.replace("%s", "\"" + from + "\"")).scalar();
    }

    Object dstScalar(String sql) {
        return target.query(sql.replace("%s", "\"" + to + "\"")).scalar();
    }

    SyncJob job(String extra) {
        return SyncJob.parse("name: test\n"
                + "source_provider: {data_backend: {type: postgres, datastore_name: src, schema: '" + from + "'}}\n"
                + "target_provider: {data_backend: {datastore_name: dst, schema: '" + to + "'}}\n"
                + "track_column: updated_at\n" + extra, Placeholders.of(Map.of()));
    }

    Sync sync(String extra) {
        return Sync.create(datastores, job(extra));
    }

    /** Count and an md5 over every row, in key order, of the given columns. */
    String fingerprint(Datastore datastore, String schema, String table, String columns) {
        return String.valueOf(datastore.query("SELECT count(*) || ':' || coalesce(md5(string_agg(row(" + columns
                + ")::text, ',' ORDER BY id)), '-') FROM \"" + schema + "\".\"" + table + "\"").scalar());
    }

    /** Target equals source (row count and per-row checksum) and has no key twice. */
    void assertInStep(String table, String columns) {
        assertThat(fingerprint(target, to, table, columns)).as("target %s equals source", table)
                .isEqualTo(fingerprint(source, from, table, columns));
        assertThat(dstScalar("SELECT count(*) - count(DISTINCT id) FROM %s.\"" + table + "\""))
                .as("duplicate keys in %s", table).isEqualTo(0L);
    }

    void assertUsersInStep() {
        assertInStep("users", "id, name, score, updated_at");
    }

    /** A plain JDBC connection for what the datastore API does not do (holding a transaction open). */
    Connection jdbc() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + server.host() + ":" + server.port() + "/"
                + server.database(), server.user(), server.password());
    }

    /** Ends every connection the source datastore has, as an administrator would. */
    long killSourceConnections() {
        return ((Number) target.query("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE application_name = ?", sourceApplication).scalar()).longValue();
    }

    @Override
    public void close() {
        try {
            target.execute("DROP SCHEMA IF EXISTS \"" + from + "\" CASCADE");
            target.execute("DROP SCHEMA IF EXISTS \"" + to + "\" CASCADE");
        } finally {
            datastores.close();
        }
    }
}
