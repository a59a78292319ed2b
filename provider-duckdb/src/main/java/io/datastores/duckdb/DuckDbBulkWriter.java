package io.datastores.duckdb;

import io.datastores.api.ColumnInfo;
import io.datastores.api.TableInfo;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import io.datastores.jdbc.BaseJdbcBulkWriter;
import io.datastores.jdbc.JdbcDatastore;
import io.datastores.jdbc.WriteTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.duckdb.DuckDBConnection;

/**
 * Loads Arrow batches through DuckDB's Arrow import: the caller's reader is exported as an Arrow C
 * stream, registered on the connection as a temporary view, and copied with one
 * {@code INSERT INTO target (…) SELECT … FROM view}, so DuckDB scans the batches in place and casts
 * every value to the target column's type. No value is bound or written into the SQL.
 *
 * <p>Every write is one transaction: an overwrite deletes the old rows and loads the new ones
 * together, so a failure leaves the old contents; an upsert is
 * {@code INSERT … ON CONFLICT (key) DO UPDATE}, which needs a primary key or unique constraint on
 * exactly the key columns. Timestamps cross the zone boundary as UTC (a zoned value written into a
 * column without zone becomes its UTC wall clock, and the other way round), whatever the
 * session's {@code TimeZone}. Thread-safe: each write borrows its own connection.
 *
 * <p>DuckDB's appender is not used: this path is several times faster, needs no per-type Java
 * code, and DuckDB converts every Arrow type the appender could take.
 */
final class DuckDbBulkWriter extends BaseJdbcBulkWriter {
    private static final String KEY_CONSTRAINTS_SQL = """
            SELECT constraint_column_names FROM duckdb_constraints()
            WHERE database_name = current_database() AND schema_name = ? AND table_name = ?
              AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')""";

    DuckDbBulkWriter(JdbcDatastore datastore) {
        super(datastore, Overwrite.DELETE);
    }

    /** Exports the caller's batches as an Arrow C stream and registers it as a view, outside any transaction. */
    @Override
    protected WriteResult session(
            Connection connection, WriteTarget target, ArrowReader source, Transaction transaction)
            throws SQLException, IOException {
        BufferAllocator allocator = allocator(source);
        // Releasing the exported stream must not close the caller's reader.
        ForwardingArrowReader batches = new ForwardingArrowReader(source, allocator, () -> {});
        try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
            Data.exportArrayStream(allocator, batches, stream);
            // DuckDB creates the view in a transaction of its own, so a rollback would not remove it.
            connection.unwrap(DuckDBConnection.class).registerArrowStream(batches.name(), stream);
            WriteResult written;
            try {
                written = transaction.run(batches);
            } catch (SQLException | IOException | RuntimeException e) {
                dropView(connection, batches.name(), e);
                throw e;
            }
            dropView(connection, batches.name(), null);
            return written;
        }
    }

    /**
     * Removes the view of the Arrow source, whose stream is released right after: left behind,
     * it would point a long-lived pooled connection at freed memory.
     */
    private void dropView(Connection connection, String view, Exception failure) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP VIEW IF EXISTS " + dialect.quote(view));
        } catch (SQLException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    @Override
    protected WriteResult load(Connection connection, WriteTarget target, ArrowReader source) throws SQLException {
        ForwardingArrowReader batches = (ForwardingArrowReader) source;
        WriteRequest request = target.request();
        if (request.mode() == WriteMode.UPSERT) {
            requireKeyConstraint(connection, target.table(), request.keyColumns());
        }
        try (Statement statement = connection.createStatement()) {
            long rows;
            try {
                rows = statement.executeLargeUpdate(insert(target, dialect.quote(batches.name())));
            } catch (SQLException e) {
                rethrowSourceFailure(batches, e);
                throw e;
            }
            return batches.written(rows);
        }
    }

    /** The INSERT … SELECT, with conversions where DuckDB's own cast would depend on the session. */
    private String insert(WriteTarget target, String view) {
        WriteRequest request = target.request();
        List<Field> fields = target.schema().getFields();
        List<ColumnInfo> columns = target.columns();
        List<String> updated = target.updated();
        StringBuilder names = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            names.append(i == 0 ? "" : ", ").append(dialect.quote(columns.get(i).name()));
            values.append(i == 0 ? "" : ", ")
                    .append(value(
                            dialect.quote(fields.get(i).getName()),
                            fields.get(i).getType(),
                            columns.get(i)));
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ")
                .append(target.qualified())
                .append(" (")
                .append(names)
                .append(") SELECT ")
                .append(values)
                .append(" FROM ")
                .append(view);
        if (request.mode() == WriteMode.UPSERT) {
            sql.append(" ON CONFLICT (")
                    .append(WriteTarget.quoted(dialect, request.keyColumns()))
                    .append(") ");
            sql.append(
                    updated.isEmpty()
                            ? "DO NOTHING"
                            : "DO UPDATE SET "
                                    + updated.stream()
                                            .map(c -> dialect.quote(c) + " = EXCLUDED." + dialect.quote(c))
                                            .collect(Collectors.joining(", ")));
        }
        return sql.toString();
    }

    /**
     * DuckDB casts between TIMESTAMP and TIMESTAMP WITH TIME ZONE in the session's time zone (the
     * JVM's by default), so the same write would store different values on different machines;
     * {@code timezone('UTC', …)} makes the crossing explicit and fixed to UTC.
     */
    private static String value(String field, ArrowType type, ColumnInfo column) {
        if (!(type instanceof ArrowType.Timestamp timestamp)) {
            return field;
        }
        boolean sourceHasZone = timestamp.getTimezone() != null;
        return sourceHasZone != hasZone(column) ? "timezone('UTC', " + field + ")" : field;
    }

    private static boolean hasZone(ColumnInfo column) {
        String type = column.typeName().toUpperCase(Locale.ROOT);
        return type.equals("TIMESTAMPTZ") || type.contains("WITH TIME ZONE");
    }

    /** Refuses an upsert whose key is not a primary key or unique constraint, which ON CONFLICT needs. */
    private void requireKeyConstraint(Connection connection, TableInfo table, List<String> key) throws SQLException {
        List<List<String>> keys = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(KEY_CONSTRAINTS_SQL)) {
            statement.setString(1, table.table().schema());
            statement.setString(2, table.table().name());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    List<String> constraint = new ArrayList<>();
                    for (Object name : (Object[]) rs.getArray(1).getArray()) {
                        constraint.add(String.valueOf(name));
                    }
                    keys.add(constraint);
                }
            }
        }
        requireUniqueKey(datastore, table, key, keys);
    }

    /** Uses the source's own allocator for the exported stream, so no second memory pool is needed. */
    private static BufferAllocator allocator(ArrowReader source) {
        try {
            return source.getVectorSchemaRoot().getFieldVectors().get(0).getAllocator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** DuckDB reports a failed source only by message; the source's own exception says more. */
    private static void rethrowSourceFailure(ForwardingArrowReader batches, SQLException failure) {
        try {
            batches.rethrowSourceFailure();
        } catch (IOException e) {
            e.addSuppressed(failure);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            e.addSuppressed(failure);
            throw e;
        }
    }
}
