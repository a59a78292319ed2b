package io.datastores.registry;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.jdbc.JdbcDatastore;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A JDBC {@link DataSource} over a JDBC datastore's own pool, so that Flyway and the registry's
 * statements share the pool, its settings and its schema mapping. The only class of the registry
 * that knows the JDBC base: when the SDK offers {@code feature(DataSource.class)}, this goes.
 */
final class PooledDataSource implements DataSource {
    private final JdbcDatastore datastore;

    private PooledDataSource(JdbcDatastore datastore) {
        this.datastore = datastore;
    }

    static DataSource of(Datastore store) {
        return store.feature(JdbcDatastore.class).<DataSource>map(PooledDataSource::new)
                .orElseThrow(() -> DatastoreException.of(ErrorCode.UNSUPPORTED, store.name(), store.type(),
                        "The registry keeps its tables in a JDBC datastore (sqlite, postgres ...), not in "
                                + store.type()));
    }

    @Override
    public Connection getConnection() {
        return datastore.borrow("Registry store");
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("The registry store's credentials come from its datastore");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Logging goes through the driver's own logging.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // The datastore's connect_timeout applies.
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
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
}
