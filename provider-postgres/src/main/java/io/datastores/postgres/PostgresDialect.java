package io.datastores.postgres;

import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.jdbc.JdbcDialect;
import io.datastores.jdbc.SqlTypes;
import io.datastores.jdbc.ServerAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/** pgjdbc specifics. The driver class is named, never referenced, so opening stays lazy. */
final class PostgresDialect implements JdbcDialect {
    private static final SqlTypes TYPES =
            new SqlTypes("TEXT", "BYTEA", "DOUBLE PRECISION", "TIME", "TIMESTAMP", "TIMESTAMPTZ", 1000, null);
    static final int DEFAULT_PORT = 5432;

    @Override
    public String driverClassName() {
        return "org.postgresql.Driver";
    }

    @Override
    public String jdbcUrl(DatastoreConfig config) {
        return ServerAddress.jdbcUrl(config, "jdbc:postgresql", DEFAULT_PORT);
    }

    @Override
    public String location(DatastoreConfig config) {
        return ServerAddress.location(config, DEFAULT_PORT);
    }

    @Override
    public Properties connectionProperties(DatastoreConfig config) {
        // User, password and connection.properties first; ours only where the user set nothing.
        Properties properties = JdbcDialect.super.connectionProperties(config);
        // pgjdbc takes whole seconds; 0 would mean "wait forever".
        long seconds = Math.max(1, (config.pool().connectTimeout().toMillis() + 999) / 1000);
        properties.putIfAbsent("connectTimeout", String.valueOf(seconds));
        properties.putIfAbsent("ApplicationName", config.value("application_name", "datastores"));
        config.value("sslmode").ifPresent(mode -> properties.putIfAbsent("sslmode", mode));
        config.value("sslrootcert").ifPresent(cert -> properties.putIfAbsent("sslrootcert", cert));
        return properties;
    }

    @Override
    public Optional<TableInfo> describe(Connection connection, TableRef table) throws SQLException {
        return PostgresCatalog.describe(connection, table, () -> JdbcDialect.super.describe(connection, table));
    }

    @Override
    public boolean isInstantType(String databaseTypeName) {
        return databaseTypeName.equals("timestamptz");
    }

    @Override
    public SqlTypes sqlTypes() {
        return TYPES;
    }
}
