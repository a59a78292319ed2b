package io.datastores.postgres;

import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.TableCreator.TargetType;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.jdbc.BaseServerDialect;
import io.datastores.jdbc.SqlTypes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import org.apache.arrow.vector.types.pojo.Field;

/** pgjdbc specifics. The driver class is named, never referenced, so opening stays lazy. */
final class PostgresDialect extends BaseServerDialect {
    private static final SqlTypes TYPES = new SqlTypes(
            "TEXT",
            "BYTEA",
            "DOUBLE PRECISION",
            "TIME",
            "TIMESTAMP",
            "TIMESTAMPTZ",
            1000,
            null,
            "UUID",
            "JSON",
            "INTERVAL",
            1);
    static final int DEFAULT_PORT = 5432;

    PostgresDialect() {
        super("org.postgresql.Driver", "jdbc:postgresql", DEFAULT_PORT, TYPES);
    }

    @Override
    public String binaryText(String quotedColumn) {
        return quotedColumn + " COLLATE \"C\"";
    }

    @Override
    public Properties connectionProperties(DatastoreConfig config) {
        // User, password and connection.properties first; ours only where the user set nothing.
        Properties properties = super.connectionProperties(config);
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
        return PostgresCatalog.describe(connection, table, () -> super.describe(connection, table));
    }

    /** A jsonb column read from PostgreSQL stays jsonb; other JSON keeps its text exactly in {@code json}. */
    @Override
    public Optional<TargetType> targetType(Field field) {
        if (CanonicalTypes.isJson(field.getType())
                && "jsonb".equals(field.getMetadata().get(TableCreator.SOURCE_TYPE))) {
            return Optional.of(TargetType.exact("JSONB"));
        }
        return super.targetType(field);
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public boolean isInstantType(String databaseTypeName) {
        return databaseTypeName.equals("timestamptz");
    }
}
