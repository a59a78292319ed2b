package io.datastores.sqlite;

import io.datastores.api.TableInfo;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import io.datastores.jdbc.BaseJdbcBulkWriter;
import io.datastores.jdbc.JdbcDatastore;
import io.datastores.jdbc.MultiRowInsert;
import io.datastores.jdbc.WriteTarget;
import io.datastores.jdbc.sqlite.SqliteValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Loads Arrow batches into SQLite with bound multi-row INSERTs (up to 1,000 rows or 16 MB a statement),
 * all in one transaction: SQLite has no bulk-load interface, and in one transaction multi-row
 * statements run about twice as fast as a {@code PreparedStatement} batch of single-row INSERTs.
 * Values are encoded for the target columns' affinities by {@link SqliteValues}. An overwrite
 * deletes and loads in the same transaction, so a failure leaves the old rows; an upsert loads a
 * temporary staging table, then merges it with {@code INSERT … ON CONFLICT (key) DO UPDATE}, which
 * needs a primary key or unique index on exactly the key columns. Thread-safe: each write borrows
 * its own connection.
 */
final class SqliteBulkWriter extends BaseJdbcBulkWriter {
    /** SQLite's default SQLITE_MAX_VARIABLE_NUMBER since 3.32. */
    private static final int MAX_PARAMETERS = 32_766;
    /** SQLite has no packet limit, but fewer wide rows a statement keep memory flat (1 MB blobs are common). */
    private static final long MAX_STATEMENT_BYTES = 16L << 20;

    private static final String UNIQUE_INDEXES_SQL = """
            SELECT il.name, ii.name FROM pragma_index_list(?) AS il, pragma_index_info(il.name) AS ii
            WHERE il."unique" = 1 ORDER BY il.name, ii.seqno""";

    SqliteBulkWriter(JdbcDatastore datastore) {
        super(datastore, Overwrite.DELETE);
    }

    @Override
    protected WriteResult load(Connection connection, WriteTarget target, ArrowReader source) throws SQLException {
        MultiRowInsert.Binder binder = SqliteValues.binder(target.columns());
        List<String> names = target.names();
        WriteRequest request = target.request();
        if (request.mode() == WriteMode.UPSERT) {
            requireKeyConstraint(connection, target.table(), request.keyColumns());
        }
        if (request.mode() != WriteMode.UPSERT) {
            return new MultiRowInsert(dialect, target.qualified(), names, MAX_PARAMETERS, MAX_STATEMENT_BYTES, binder)
                    .write(connection, source);
        }
        try (Statement statement = connection.createStatement()) {
            String list = target.columnList(dialect);
            String stage = dialect.quote(WriteTarget.stageName());
            // Created from the target, so staged values get the target's affinities.
            statement.execute(
                    "CREATE TEMP TABLE " + stage + " AS SELECT " + list + " FROM " + target.qualified() + " WHERE 0");
            WriteResult loaded = new MultiRowInsert(dialect, stage, names, MAX_PARAMETERS, MAX_STATEMENT_BYTES, binder)
                    .write(connection, source);
            // WHERE true: without a WHERE clause SQLite would read ON CONFLICT as a join constraint.
            statement.executeUpdate("INSERT INTO " + target.qualified() + " (" + list + ") SELECT " + list + " FROM "
                    + stage + " WHERE true ON CONFLICT (" + WriteTarget.quoted(dialect, request.keyColumns()) + ") "
                    + (target.updated().isEmpty()
                            ? "DO NOTHING"
                            : "DO UPDATE SET "
                                    + target.updated().stream()
                                            .map(c -> dialect.quote(c) + " = excluded." + dialect.quote(c))
                                            .collect(Collectors.joining(", "))));
            statement.execute("DROP TABLE " + stage);
            return loaded;
        }
    }

    /** Refuses an upsert whose key is not the primary key or a unique index, which ON CONFLICT needs. */
    private void requireKeyConstraint(Connection connection, TableInfo table, List<String> key) throws SQLException {
        List<List<String>> keys = new ArrayList<>();
        if (!table.primaryKey().isEmpty()) {
            keys.add(table.primaryKey());
        }
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(UNIQUE_INDEXES_SQL)) {
            statement.setString(1, table.table().name());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    indexes.computeIfAbsent(rs.getString(1), name -> new ArrayList<>())
                            .add(rs.getString(2));
                }
            }
        }
        keys.addAll(indexes.values());
        requireUniqueKey(datastore, table, key, keys);
    }
}
