package io.datastores.jdbc;

import io.datastores.api.QueryResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Statements with bound values, never spliced: what {@link JdbcDatastore}'s query and execute run. */
final class BoundStatements {
    private BoundStatements() {}

    static PreparedStatement prepare(Connection connection, String sql, Object[] params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    /** @param maxRows the most rows kept; 0 for all */
    static QueryResult query(Connection connection, String sql, Object[] params, int maxRows) throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            statement.setMaxRows(maxRows);
            if (!statement.execute()) {
                // A statement without rows (DDL, DML) gives an empty result rather than an error,
                // so shells can pass any SQL to query.
                return new QueryResult(List.of(), List.of(), 0, JdbcDatastore.elapsedMillis(start));
            }
            try (ResultSet rs = statement.getResultSet()) {
                ResultSetMetaData metaData = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= metaData.getColumnCount(); i++) {
                    columns.add(metaData.getColumnLabel(i));
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                while ((maxRows == 0 || rows.size() < maxRows) && rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        row.put(columns.get(i - 1), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return new QueryResult(columns, rows, rows.size(), JdbcDatastore.elapsedMillis(start));
            }
        }
    }

    static long execute(Connection connection, String sql, Object[] params) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            return Math.max(0L, statement.executeLargeUpdate());
        }
    }
}
