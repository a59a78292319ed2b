package io.datastores.jdbc;

import io.datastores.api.ColumnInfo;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableInfo;
import io.datastores.api.bulk.BoundStatement;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Steps every JDBC bulk writer takes the same way: matching Arrow fields to the target's columns,
 * checking the upsert key, and running the load in one transaction so a failure leaves the target
 * as it was. Stateless and thread-safe.
 */
public final class BulkWrites {
    private BulkWrites() {}

    /**
     * Matches the source's fields to the target's columns by exact name.
     *
     * @param datastore the target datastore, for messages
     * @param table the target table's description
     * @param schema the source's schema
     * @return the target column of each field, in field order
     * @throws DatastoreException with {@link ErrorCode#NOT_FOUND} naming a field the table lacks
     */
    public static List<ColumnInfo> targetColumns(JdbcDatastore datastore, TableInfo table, Schema schema) {
        List<ColumnInfo> columns = new ArrayList<>();
        for (Field field : schema.getFields()) {
            columns.add(table.column(field.getName())
                    .orElseThrow(() -> DatastoreException.of(
                            ErrorCode.NOT_FOUND,
                            datastore.name(),
                            datastore.type(),
                            "Table '" + table.table() + "' has no column '"
                                    + field.getName() + "' (names are case-sensitive); columns: "
                                    + table.columns().stream()
                                            .map(ColumnInfo::name)
                                            .toList())));
        }
        if (columns.isEmpty()) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_DATA,
                    datastore.name(),
                    datastore.type(),
                    "The source has no columns to write into '" + table.table() + "'");
        }
        return columns;
    }

    /**
     * @param datastore the target datastore, for messages
     * @param request the write request
     * @param columns the columns being written
     * @return the columns that are not part of the upsert key (empty for other modes)
     * @throws DatastoreException with {@link ErrorCode#INVALID_DATA} when a key column is not written
     */
    public static List<String> nonKeyColumns(JdbcDatastore datastore, WriteRequest request, List<ColumnInfo> columns) {
        List<String> names = columns.stream().map(ColumnInfo::name).toList();
        if (request.mode() != WriteMode.UPSERT) {
            return List.of();
        }
        for (String key : request.keyColumns()) {
            if (!names.contains(key)) {
                throw DatastoreException.of(
                        ErrorCode.INVALID_DATA,
                        datastore.name(),
                        datastore.type(),
                        "Upsert key column '" + key + "' is not among the source's columns " + names);
            }
        }
        return names.stream()
                .filter(name -> !request.keyColumns().contains(name))
                .toList();
    }

    /**
     * @param source a stream of batches
     * @return its schema (reading it, if not read yet)
     */
    public static Schema schema(ArrowReader source) {
        try {
            return source.getVectorSchemaRoot().getSchema();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs work on one connection inside a transaction: committed when it returns, rolled back when
     * it throws, so a failed load leaves every table as it was. Failures come out as this
     * datastore's {@link DatastoreException}s.
     *
     * @param datastore where to work
     * @param doing what the work is, for error messages
     * @param work the work
     * @param <T> the work's result
     * @return the work's result
     */
    public static <T> T inTransaction(JdbcDatastore datastore, String doing, JdbcDatastore.ConnectionWork<T> work) {
        try (Connection connection = datastore.borrow(doing)) {
            return inTransaction(connection, work);
        } catch (SQLException e) {
            throw datastore.translate(doing, e);
        } catch (DatastoreException e) {
            if (e.datastore().isPresent()) {
                throw e;
            }
            // A value that could not be encoded (ArrowValues knows no datastore): say where it went.
            throw new DatastoreException(
                    e.code(),
                    datastore.name(),
                    DatastoreException.prefix(datastore.name(), datastore.type()) + doing + ": " + e.getMessage(),
                    null,
                    0,
                    e);
        }
    }

    /**
     * Runs a bulk write in one transaction on one connection, ending it with the request's
     * {@link WriteRequest#beforeCommit() beforeCommit} statements: all of it commits, or none.
     *
     * @param datastore where to write
     * @param request the write request
     * @param work the write, returning what it wrote
     * @return what the write wrote
     */
    public static WriteResult inTransaction(
            JdbcDatastore datastore, WriteRequest request, JdbcDatastore.ConnectionWork<WriteResult> work) {
        return inTransaction(datastore, "Bulk write into " + request.table() + " failed", connection -> {
            WriteResult written = work.apply(connection);
            beforeCommit(connection, request, written.rows());
            return written;
        });
    }

    /**
     * Runs work inside a transaction on a connection the caller holds, for writers that prepare the
     * connection before the transaction or clean it up after it (DuckDB registers an Arrow source
     * outside any transaction, so only a statement after the rollback can remove it). Committed
     * when the work returns, rolled back when it throws; the connection's auto-commit mode is
     * restored either way.
     *
     * @param connection the connection, which stays open
     * @param work the work
     * @param <T> the work's result
     * @return the work's result
     * @throws SQLException when the database fails
     */
    public static <T> T inTransaction(Connection connection, JdbcDatastore.ConnectionWork<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            T result = work.apply(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollback(connection, e);
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Runs the request's {@link WriteRequest#beforeCommit() beforeCommit} statements on the write's
     * connection. Writers call it last inside their transaction, so the statements commit, or roll
     * back, with the rows.
     *
     * @param connection the write's connection, inside its transaction
     * @param request the write request
     * @param rows the rows the write put in
     * @throws SQLException when a statement fails, which fails (and rolls back) the write
     */
    public static void beforeCommit(Connection connection, WriteRequest request, long rows) throws SQLException {
        for (BoundStatement statement : request.beforeCommit().apply(rows)) {
            try (PreparedStatement prepared = BoundStatements.prepare(
                    connection, statement.sql(), statement.params().toArray())) {
                prepared.execute();
            }
        }
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
