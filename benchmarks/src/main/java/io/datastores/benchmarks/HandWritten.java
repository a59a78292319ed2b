package io.datastores.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The copy people write by hand: a streaming ResultSet loop binding every value with
 * {@code setObject(getObject())} into a PreparedStatement, {@code addBatch} and one
 * {@code executeBatch} per {@value BenchmarkEnvironment#JDBC_BATCH} rows, one commit at the end.
 * The target connection carries the driver's batch-rewrite flag.
 */
final class HandWritten {
    private HandWritten() {}

    static long copy(Connection source, String select, int fetchSize, Connection target, String insert)
            throws SQLException {
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        long rows = 0;
        try (Statement statement = source.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(fetchSize);
            try (ResultSet rs = statement.executeQuery(select);
                    PreparedStatement insertRow = target.prepareStatement(insert)) {
                int columns = rs.getMetaData().getColumnCount();
                int pending = 0;
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        insertRow.setObject(i, rs.getObject(i));
                    }
                    insertRow.addBatch();
                    rows++;
                    if (++pending == BenchmarkEnvironment.JDBC_BATCH) {
                        insertRow.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    insertRow.executeBatch();
                }
            }
            target.commit();
        } finally {
            target.setAutoCommit(autoCommit);
        }
        return rows;
    }
}
