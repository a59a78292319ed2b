package io.datastores.jdbc;

import java.util.Objects;

/**
 * What every dialect declares rather than computes: the driver's class name (named, never
 * referenced, so the driver loads only on first connect) and the column types a transfer gets for
 * Arrow types when it creates a table. {@link BaseServerDialect} and {@link BaseEmbeddedDialect}
 * build on it. Public API of {@code datastores-jdbc}; stateless and thread-safe.
 */
public abstract class BaseJdbcDialect implements JdbcDialect {
    private final String driverClassName;
    private final SqlTypes sqlTypes;

    /**
     * @param driverClassName the driver's class name, loaded only on first connect
     * @param sqlTypes the column types a transfer gets for Arrow types when it creates a table
     */
    protected BaseJdbcDialect(String driverClassName, SqlTypes sqlTypes) {
        this.driverClassName = Objects.requireNonNull(driverClassName, "driverClassName is null");
        this.sqlTypes = Objects.requireNonNull(sqlTypes, "sqlTypes is null");
    }

    @Override
    public final String driverClassName() {
        return driverClassName;
    }

    @Override
    public final SqlTypes sqlTypes() {
        return sqlTypes;
    }
}
