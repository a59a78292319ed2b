package io.datastores.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.pool.HikariPool;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.DatastoreConfig;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The lazily created HikariCP pool of one datastore. Starting and stopping are serialised; taking
 * a connection from a started pool is not.
 */
final class JdbcPool {
    private final DatastoreConfig config;
    private final JdbcDialect dialect;
    private volatile HikariDataSource dataSource;
    private volatile Instant connectedAt;
    private MetricsTrackerFactory metrics;

    JdbcPool(DatastoreConfig config, JdbcDialect dialect) {
        this.config = config;
        this.dialect = dialect;
    }

    boolean isStarted() {
        return dataSource != null;
    }

    Instant connectedAt() {
        return connectedAt;
    }

    void start() {
        if (dataSource != null) {
            return;
        }
        synchronized (this) {
            if (dataSource == null) {
                HikariDataSource started = create();
                connectedAt = Instant.now();
                dataSource = started;
            }
        }
    }

    synchronized void stop() {
        HikariDataSource open = dataSource;
        dataSource = null;
        connectedAt = null;
        if (open != null) {
            open.close();
        }
    }

    /** Sets the metrics tracker of the running pool, if any, and of every pool started later. */
    synchronized void metrics(MetricsTrackerFactory factory) {
        if (metrics != null) {
            throw new IllegalStateException(
                    "The pool of datastore '" + config.name() + "' already reports its metrics");
        }
        metrics = factory;
        if (dataSource != null) {
            dataSource.setMetricsTrackerFactory(factory);
        }
    }

    Connection borrow() {
        start();
        HikariDataSource open = dataSource;
        if (open == null) {
            // close() raced us between start() and here; connect again rather than fail.
            return borrow();
        }
        try {
            return open.getConnection();
        } catch (SQLException e) {
            throw SqlErrors.translate(config, dialect, "Cannot get a connection to " + dialect.location(config), e);
        }
    }

    /** Removes a connection whose state could not be restored, so nobody else receives it. */
    void evict(Connection connection) {
        HikariDataSource open = dataSource;
        if (open != null) {
            open.evictConnection(connection);
        }
    }

    private HikariDataSource create() {
        dialect.beforeConnect(config);
        Driver driver;
        try {
            driver = DriverDataSource.load(dialect.driverClassName());
        } catch (ClassNotFoundException e) {
            throw DatastoreException.of(
                            ErrorCode.DRIVER_MISSING,
                            config.name(),
                            config.type(),
                            "JDBC driver " + dialect.driverClassName() + " is not on the class path; "
                                    + "add the provider's driver dependency")
                    .withCause(e);
        } catch (ReflectiveOperationException e) {
            throw DatastoreException.of(
                            ErrorCode.DRIVER_MISSING,
                            config.name(),
                            config.type(),
                            "JDBC driver " + dialect.driverClassName() + " cannot be loaded: " + e)
                    .withCause(e);
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(config.name());
        hikari.setDataSource(
                new DriverDataSource(driver, dialect.jdbcUrl(config), dialect.connectionProperties(config)));
        hikari.setMinimumIdle(config.pool().minSize());
        hikari.setMaximumPoolSize(config.pool().maxSize());
        hikari.setReadOnly(dialect.readOnly(config));
        hikari.setConnectionTimeout(Math.max(250, config.pool().connectTimeout().toMillis()));
        // Fail on the first attempt instead of retrying silently: connect() must report the cause.
        hikari.setInitializationFailTimeout(1);
        if (metrics != null) {
            hikari.setMetricsTrackerFactory(metrics);
        }
        try {
            return new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            throw connectFailure(e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            throw connectFailure(e);
        }
    }

    private DatastoreException connectFailure(Throwable cause) {
        String doing = "Cannot connect to " + dialect.location(config);
        if (cause instanceof SQLException sql) {
            return SqlErrors.translate(config, dialect, doing, sql);
        }
        String detail = config.redact(String.valueOf(cause.getMessage()));
        return DatastoreException.of(ErrorCode.CONNECTION, config.name(), config.type(), doing + ": " + detail);
    }
}
