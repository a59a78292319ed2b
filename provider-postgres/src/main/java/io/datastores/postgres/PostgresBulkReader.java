package io.datastores.postgres;

import io.datastores.api.bulk.BoundStatement;
import io.datastores.api.bulk.PartitionedRead;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.jdbc.JdbcBulkReader;
import io.datastores.jdbc.JdbcDatastore;
import io.datastores.jdbc.ReadSql;
import io.datastores.jdbc.ResultSetArrowReader;
import io.datastores.jdbc.SqlBulkReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Reads tables and queries with {@code COPY (SELECT …) TO STDOUT (FORMAT binary)}, decoded straight
 * into Arrow vectors: no JDBC getters, no per-value objects for numbers and text. Types without a
 * binary decoder are cast to text on the server. A read with bound values (a filter, a query's
 * parameters: COPY cannot take them) or with duplicate column names is read through a streaming
 * result set instead. Tables split into page ranges on one shared snapshot ({@link PageRanges}).
 * Thread-safe: each read borrows its own connection, which the returned reader owns.
 */
record PostgresBulkReader(JdbcDatastore datastore) implements SqlBulkReader {
    private static final int FETCH_SIZE = 10_000;

    @Override
    public ArrowReader read(ReadRequest request, BufferAllocator allocator) {
        String doing = JdbcBulkReader.failure(request);
        Connection connection = datastore.borrow(doing);
        try {
            PageRanges.join(connection, request.partition());
            String pages = PageRanges.condition(request.partition());
            BoundStatement select = ReadSql.select(datastore.dialect(), request, pages);
            if (!select.params().isEmpty()) {
                return ResultSetArrowReader.open(
                        datastore, connection, select, request.batchSize(), allocator, FETCH_SIZE, doing);
            }
            String source = request.table() != null && !request.isStructured()
                    ? datastore.dialect().qualify(request.table())
                    : "(" + select.sql().strip().replaceFirst(";+$", "") + ") AS q";
            List<PostgresCopyReader.Column> columns = columns(connection, source);
            if (columns == null) {
                return ResultSetArrowReader.open(
                        datastore, connection, select, request.batchSize(), allocator, FETCH_SIZE, doing);
            }
            StringBuilder copy = new StringBuilder("COPY (SELECT ");
            for (int i = 0; i < columns.size(); i++) {
                PostgresCopyReader.Column column = columns.get(i);
                copy.append(i == 0 ? "" : ", ")
                        .append(datastore.dialect().quote(column.name()))
                        .append(column.castToText() ? "::text" : "");
            }
            copy.append(" FROM ").append(source).append(") TO STDOUT (FORMAT binary)");
            CopyOut copyOut = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copy.toString());
            return new PostgresCopyReader(datastore, connection, copyOut, columns, request.batchSize(), allocator);
        } catch (SQLException e) {
            throw failed(datastore, connection, doing, e);
        }
    }

    /** Returns a connection a read could not hand on, and says why the read failed. */
    static RuntimeException failed(JdbcDatastore datastore, Connection connection, String doing, SQLException e) {
        try {
            connection.close();
        } catch (SQLException suppressed) {
            e.addSuppressed(suppressed);
        }
        return datastore.translate(doing, e);
    }

    @Override
    public PartitionedRead partition(ReadRequest request, int count) {
        return request.table() == null || count <= 1
                ? PartitionedRead.single(request)
                : PageRanges.partition(datastore, request, count);
    }

    /** @return the result's columns, or {@code null} when names repeat and cannot be selected one by one */
    private static List<PostgresCopyReader.Column> columns(Connection connection, String source) throws SQLException {
        List<PostgresCopyReader.Column> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT * FROM " + source + " LIMIT 0")) {
            ResultSetMetaData metaData = rs.getMetaData();
            for (int i = 1; i <= metaData.getColumnCount(); i++) {
                String name = metaData.getColumnLabel(i);
                if (!seen.add(name)) {
                    return null;
                }
                columns.add(PostgresCopyReader.Column.of(
                        name, metaData.getColumnTypeName(i), metaData.getPrecision(i), metaData.getScale(i)));
            }
        }
        return columns;
    }
}
