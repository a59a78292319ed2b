package io.datastores.jdbc;

import io.datastores.api.spi.DatastoreConfig;
import java.util.Objects;

/**
 * The dialect of a database server reached at a host and port: the URL is
 * {@code <scheme>://host:port/database} built by {@link ServerAddress} (or the configured
 * {@code url}), and messages name {@code host:port}, never a password. A provider extends it with
 * the driver's specifics. Public API of {@code datastores-jdbc}; stateless and thread-safe.
 */
public abstract class BaseServerDialect extends BaseJdbcDialect {
    private final String scheme;
    private final int defaultPort;

    /**
     * @param driverClassName the driver's class name, loaded only on first connect
     * @param scheme the URL scheme, such as {@code jdbc:postgresql}
     * @param defaultPort the port used when the configuration names none
     * @param sqlTypes the column types a transfer gets for Arrow types when it creates a table
     */
    protected BaseServerDialect(String driverClassName, String scheme, int defaultPort, SqlTypes sqlTypes) {
        super(driverClassName, sqlTypes);
        this.scheme = Objects.requireNonNull(scheme, "scheme is null");
        this.defaultPort = defaultPort;
    }

    /** @return the port used when the configuration names none */
    public final int defaultPort() {
        return defaultPort;
    }

    @Override
    public String jdbcUrl(DatastoreConfig config) {
        return ServerAddress.jdbcUrl(config, scheme, defaultPort);
    }

    @Override
    public String location(DatastoreConfig config) {
        return ServerAddress.location(config, defaultPort);
    }
}
