package io.datastores.postgres;

import io.datastores.api.bulk.BulkReader;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.jdbc.JdbcBulkReader;
import io.datastores.jdbc.JdbcDatastore;
import io.datastores.jdbc.ResultSetArrowReader;
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
 * binary decoder are cast to text on the server. A query with bound parameters (which COPY cannot
 * take) or with duplicate column names is read through a streaming result set instead.
 * Thread-safe: each read borrows its own connection, which the returned reader owns.
 */
record PostgresBulkReader(JdbcDatastore datastore) implements BulkReader {
    private static final int FETCH_SIZE = 10_000;

    @Override
    public ArrowReader read(ReadRequest request, BufferAllocator allocator) {
        if (!request.params().isEmpty()) {
            return ResultSetArrowReader.open(datastore, request, allocator, FETCH_SIZE);
        }
        String source = request.table() != null
                ? datastore.dialect().qualify(request.table())
                : "(" + request.query().strip().replaceFirst(";+$", "") + ") AS q";
        String doing = JdbcBulkReader.failure(request);
        Connection connection = datastore.borrow(doing);
        try {
            List<PostgresCopyReader.Column> columns = columns(connection, source);
            if (columns == null) {
                connection.close();
                return ResultSetArrowReader.open(datastore, request, allocator, FETCH_SIZE);
            }
            StringBuilder select = new StringBuilder("COPY (SELECT ");
            for (int i = 0; i < columns.size(); i++) {
                PostgresCopyReader.Column column = columns.get(i);
                select.append(i == 0 ? "" : ", ").append(datastore.dialect().quote(column.name()))
                        .append(column.castToText() ? "::text" : "");
            }
            select.append(" FROM ").append(source).append(") TO STDOUT (FORMAT binary)");
            CopyOut copyOut = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(select.toString());
            return new PostgresCopyReader(datastore, connection, copyOut, columns, request.batchSize(), allocator);
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw datastore.translate(doing, e);
        }
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
                columns.add(PostgresCopyReader.Column.of(name, metaData.getColumnTypeName(i),
                        metaData.getPrecision(i), metaData.getScale(i)));
            }
        }
        return columns;
    }
}
