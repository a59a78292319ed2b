package io.datastores.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Opens connections straight from one driver instance. Going through {@link java.sql.DriverManager}
 * instead would load every JDBC driver on the class path the first time any datastore connects.
 */
final class DriverDataSource implements DataSource {
    private final Driver driver;
    private final String url;
    private final Properties properties;
    private volatile int loginTimeoutSeconds;

    DriverDataSource(Driver driver, String url, Properties properties) {
        this.driver = driver;
        this.url = url;
        this.properties = properties;
    }

    /**
     * @throws ClassNotFoundException when the driver is not on the class path
     * @throws ReflectiveOperationException when it cannot be instantiated
     */
    static Driver load(String driverClassName) throws ReflectiveOperationException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> type;
        try {
            type = Class.forName(
                    driverClassName, true, loader != null ? loader : DriverDataSource.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            type = Class.forName(driverClassName, true, DriverDataSource.class.getClassLoader());
        }
        return (Driver) type.getDeclaredConstructor().newInstance();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(properties);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties withCredentials = new Properties();
        withCredentials.putAll(properties);
        withCredentials.setProperty("user", username);
        withCredentials.setProperty("password", password);
        return connect(withCredentials);
    }

    private Connection connect(Properties with) throws SQLException {
        Connection connection = driver.connect(url, with);
        if (connection == null) {
            throw new SQLException("The driver " + driver.getClass().getName() + " does not accept this URL", "08001");
        }
        return connection;
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Driver logging goes through each driver's own logging, not a DataSource writer.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    /** @return the driver class, never the URL (it may hold a password) */
    @Override
    public String toString() {
        return "DriverDataSource[" + driver.getClass().getName() + "]";
    }
}
