package io.datastores.jdbc.mysql;

import io.datastores.api.ErrorCode;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.jdbc.BaseServerDialect;
import io.datastores.jdbc.SqlTypes;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * What every database spoken to over the MySQL wire protocol through Connector/J shares (MySQL,
 * MariaDB, StarRocks): the driver, the URL, the session settings, backtick quoting, the error codes
 * that carry no SQLSTATE, and the column types. A provider extends it with its default port and
 * whatever its server adds. Stateless and thread-safe; the driver class is named, never referenced.
 */
public abstract class MySqlProtocolDialect extends BaseServerDialect {
    /**
     * No instant type: MySQL's TIMESTAMP is limited to 1970-2038 (StarRocks has none), so instants
     * go to DATETIME(6) in UTC.
     */
    private static final SqlTypes TYPES =
            new SqlTypes("LONGTEXT", "LONGBLOB", "DOUBLE", "TIME(6)", "DATETIME(6)", null, 65, null);

    private static final int CONNECTION_KILLED = 1927;
    private static final int QUERY_INTERRUPTED = 1317;

    /** @param defaultPort the port used when the configuration names none */
    protected MySqlProtocolDialect(int defaultPort) {
        super("com.mysql.cj.jdbc.Driver", "jdbc:mysql", defaultPort, TYPES);
    }

    @Override
    public Properties connectionProperties(DatastoreConfig config) {
        // User, password and connection.properties first; ours only where the user set nothing.
        Properties properties = super.connectionProperties(config);
        properties.putIfAbsent(
                "connectTimeout", String.valueOf(config.pool().connectTimeout().toMillis()));
        // utf8mb4 end to end: Connector/J maps UTF-8 to utf8mb4.
        properties.putIfAbsent("characterEncoding", "UTF-8");
        // Databases are reported (and switched) as schemas, so logical databases map onto them.
        properties.putIfAbsent("databaseTerm", "SCHEMA");
        // Zero dates ('0000-00-00') read as NULL rather than failing the whole read.
        properties.putIfAbsent("zeroDateTimeBehavior", "CONVERT_TO_NULL");
        // Sessions run in UTC, so TIMESTAMP columns read and write instants unchanged.
        properties.putIfAbsent("connectionTimeZone", "UTC");
        properties.putIfAbsent("forceConnectionTimeZoneToSession", "true");
        config.value("sslmode").ifPresent(mode -> properties.putIfAbsent("sslMode", mode));
        return properties;
    }

    @Override
    public String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    public Optional<ErrorCode> classify(SQLException error) {
        return switch (error.getErrorCode()) {
            case CONNECTION_KILLED -> Optional.of(ErrorCode.CONNECTION);
            case QUERY_INTERRUPTED -> Optional.of(ErrorCode.CANCELLED);
            default -> Optional.empty();
        };
    }
}
