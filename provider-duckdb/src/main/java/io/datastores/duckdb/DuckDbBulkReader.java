package io.datastores.duckdb;

import io.datastores.api.bulk.BoundStatement;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.jdbc.JdbcBulkReader;
import io.datastores.jdbc.JdbcDatastore;
import io.datastores.jdbc.ReadSql;
import io.datastores.jdbc.SqlBulkReader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;

/**
 * Reads tables and queries through DuckDB's own Arrow export ({@code arrowExportStream}, the Arrow
 * C Data interface): DuckDB fills the Arrow buffers itself, so no value passes through a JDBC
 * getter. DuckDB's JDBC driver streams results by default, so memory stays bounded by a few
 * batches however large the result. Thread-safe: each read borrows its own connection, which the
 * returned reader owns until it is closed.
 */
record DuckDbBulkReader(JdbcDatastore datastore) implements SqlBulkReader {

    @Override
    public ArrowReader read(ReadRequest request, BufferAllocator allocator) {
        BoundStatement select = ReadSql.select(datastore.dialect(), request, null);
        String doing = JdbcBulkReader.failure(request);
        Connection connection = datastore.borrow(doing);
        PreparedStatement statement = null;
        ResultSet resultSet = null;
        AutoCloseable reset = () -> {};
        try {
            statement = connection.prepareStatement(select.sql());
            if (DuckDbArrowTypes.lossless(statement.getMetaData())) {
                DuckDbArrowTypes.setLossless(connection, true);
                // The pooled connection goes back exporting as every other read expects.
                reset = () -> DuckDbArrowTypes.setLossless(connection, false);
            }
            for (int i = 0; i < select.params().size(); i++) {
                statement.setObject(i + 1, select.params().get(i));
            }
            resultSet = statement.executeQuery();
            ArrowReader exported = (ArrowReader)
                    resultSet.unwrap(DuckDBResultSet.class).arrowExportStream(allocator, request.batchSize());
            AutoCloseable[] owned = {exported, resultSet, statement, reset, connection};
            return Bool8Reader.wrap(
                    new ForwardingArrowReader(exported, allocator, () -> {
                        Exception failure = closeAll(null, owned);
                        if (failure instanceof SQLException e) {
                            throw datastore.translate("Closing a bulk read failed", e);
                        }
                        if (failure != null) {
                            throw new IOException("Closing a bulk read failed", failure);
                        }
                    }),
                    allocator);
        } catch (IOException e) {
            closeAll(e, resultSet, statement, reset, connection);
            throw datastore.translate(doing, new SQLException("Reading the result's schema failed", e));
        } catch (SQLException e) {
            closeAll(e, resultSet, statement, reset, connection);
            throw datastore.translate(doing, e);
        }
    }

    /**
     * Closes every resource in order (DuckDB's stream reads from the result, so the stream goes
     * first and the connection last), even when one fails.
     *
     * @return the first failure, with later ones suppressed, or {@code null}
     */
    private static Exception closeAll(Exception first, AutoCloseable... resources) {
        Exception failure = first;
        for (AutoCloseable resource : resources) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }
}
