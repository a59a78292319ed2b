package io.datastores.mysql;

import io.datastores.api.ErrorCode;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.jdbc.JdbcDialect;
import io.datastores.jdbc.ServerAddress;
import io.datastores.jdbc.SqlTypes;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/** Connector/J specifics for MySQL and MariaDB. The driver class is named, never referenced. */
final class MySqlDialect implements JdbcDialect {
    // MySQL has no instant type: TIMESTAMP is limited to 1970-2038, so instants go to DATETIME(6) in UTC.
    private static final SqlTypes TYPES = new SqlTypes("LONGTEXT", "LONGBLOB", "DOUBLE", "TIME(6)", "DATETIME(6)",
            null, 65, null);
    static final int DEFAULT_PORT = 3306;
    /** {@code connection.local_infile: false} turns the LOAD DATA path off on our side. */
    static final String LOCAL_INFILE = "local_infile";
    private static final int CONNECTION_KILLED = 1927;
    private static final int QUERY_INTERRUPTED = 1317;

    @Override
    public String driverClassName() {
        return "com.mysql.cj.jdbc.Driver";
    }

    @Override
    public String jdbcUrl(DatastoreConfig config) {
        return ServerAddress.jdbcUrl(config, "jdbc:mysql", DEFAULT_PORT);
    }

    @Override
    public String location(DatastoreConfig config) {
        return ServerAddress.location(config, DEFAULT_PORT);
    }

    @Override
    public Properties connectionProperties(DatastoreConfig config) {
        // User, password and connection.properties first; ours only where the user set nothing.
        Properties properties = JdbcDialect.super.connectionProperties(config);
        properties.putIfAbsent("connectTimeout", String.valueOf(config.pool().connectTimeout().toMillis()));
        // LOAD DATA LOCAL reads only the stream we hand the statement; no file is ever opened.
        properties.putIfAbsent("allowLoadLocalInfile", "true");
        // utf8mb4 end to end: Connector/J maps UTF-8 to utf8mb4.
        properties.putIfAbsent("characterEncoding", "UTF-8");
        // Databases are reported (and switched) as schemas, so logical databases map onto them.
        properties.putIfAbsent("databaseTerm", "SCHEMA");
        // Zero dates ('0000-00-00') read as NULL rather than failing the whole read.
        properties.putIfAbsent("zeroDateTimeBehavior", "CONVERT_TO_NULL");
        // Sessions run in UTC, so TIMESTAMP columns read and write instants unchanged.
        properties.putIfAbsent("connectionTimeZone", "UTC");
        properties.putIfAbsent("forceConnectionTimeZoneToSession", "true");
        // The binary protocol: the text protocol sends FLOAT with six digits and loses precision.
        properties.putIfAbsent("useServerPrepStmts", "true");
        properties.putIfAbsent("cachePrepStmts", "true");
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

    @Override
    public boolean isInstantType(String databaseTypeName) {
        return databaseTypeName.equals("TIMESTAMP");
    }

    @Override
    public SqlTypes sqlTypes() {
        return TYPES;
    }
}
