package io.datastores.registry;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Bound statements over the registry store; every value bound, never spliced into SQL text. */
final class Sql {
    /** Reads one row. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Work inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Runs work in one transaction, committed when it returns and rolled back when it throws. */
    <T> T transaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw storeError(e);
        }
    }

    <T> List<T> query(String sql, List<?> params, RowReader<T> reader) {
        return transaction(connection -> query(connection, sql, params, reader));
    }

    long update(String sql, Object... params) {
        return transaction(connection -> update(connection, sql, params));
    }

    static <T> List<T> query(Connection connection, String sql, List<?> params, RowReader<T> reader)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params.toArray());
                ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(reader.read(rows));
            }
            return result;
        }
    }

    static long update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            return statement.executeUpdate();
        }
    }

    /** Runs an {@code INSERT ... RETURNING id} (SQLite 3.35+ and PostgreSQL both have it). */
    static long insert(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql + " RETURNING id", params);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object[] params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    static Double nullableDouble(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }

    /** A unique index refused the row: SQLSTATE 23505 (PostgreSQL) or SQLite's constraint code 19. */
    static boolean isUniqueViolation(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof SQLException sql
                    && ("23505".equals(sql.getSQLState())
                            || sql.getErrorCode() == 19
                            || String.valueOf(sql.getMessage()).contains("UNIQUE constraint failed"))) {
                return true;
            }
        }
        return false;
    }

    private static DatastoreException storeError(SQLException e) {
        return DatastoreException.of(
                        ErrorCode.CONNECTION, "The registry store failed (SQLSTATE " + e.getSQLState() + ")")
                .withCause(e);
    }
}
