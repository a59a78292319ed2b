package io.datastores.jdbc;

import io.datastores.api.DatastoreException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} whose connections come from a {@link JdbcDatastore}'s own pool, so code
 * written against JDBC (JdbcTemplate, jOOQ, Flyway, JPA) shares the datastore's connections
 * instead of opening a second pool. Reached through {@code datastore.feature(DataSource.class)}.
 *
 * <p>Closing a connection returns it to the pool. The pool starts on the first
 * {@link #getConnection()}, like any other first use of the datastore, and stops only when the
 * datastore is closed; this class owns nothing. Thread-safe.
 */
final class DatastoreDataSource implements DataSource {
    private final JdbcDatastore datastore;
    private volatile PrintWriter logWriter;

    DatastoreDataSource(JdbcDatastore datastore) {
        this.datastore = datastore;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            return datastore.borrow("Getting a connection");
        } catch (DatastoreException e) {
            // JDBC callers expect SQLException; keep the SQLSTATE so their own error translation works.
            throw new SQLException(e.getMessage(), e.sqlState().orElse(null), e);
        }
    }

    /** Refused: the datastore's configuration decides who connects, not the caller. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("Datastore '" + datastore.name()
                + "' connects with the credentials of its configuration; use getConnection()");
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    /** Ignored: the datastore's {@code connect_timeout} bounds how long a connection may take. */
    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
        return (int) datastore.config().pool().connectTimeout().toSeconds();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("No java.util.logging logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("Not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    /** @return which datastore this is, never its settings */
    @Override
    public String toString() {
        return "DatastoreDataSource[" + datastore.name() + "/" + datastore.type() + "]";
    }
}
