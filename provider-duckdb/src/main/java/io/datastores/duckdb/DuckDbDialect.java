package io.datastores.duckdb;

import io.datastores.api.ErrorCode;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.jdbc.EmbeddedFile;
import io.datastores.jdbc.JdbcDialect;
import io.datastores.jdbc.SqlTypes;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/** DuckDB's JDBC specifics. Driver classes are named, never referenced, so loading stays lazy. */
final class DuckDbDialect implements JdbcDialect {
    private static final SqlTypes TYPES = new SqlTypes("VARCHAR", "BLOB", "DOUBLE", "TIME", "TIMESTAMP", "TIMESTAMPTZ", 38, null);

    @Override
    public String driverClassName() {
        return "org.duckdb.DuckDBDriver";
    }

    @Override
    public String jdbcUrl(DatastoreConfig config) {
        // A plain "jdbc:duckdb:" gives every pooled connection its own empty database; a named
        // in-memory database is shared by all connections of this pool, and by nothing else.
        return EmbeddedFile.inMemory(config)
                ? "jdbc:duckdb:memory:datastores_" + UUID.randomUUID().toString().replace("-", "")
                : "jdbc:duckdb:" + EmbeddedFile.path(config);
    }

    @Override
    public String location(DatastoreConfig config) {
        return EmbeddedFile.location(config);
    }

    @Override
    public void beforeConnect(DatastoreConfig config) {
        EmbeddedFile.createParentFolders(config);
    }

    @Override
    public boolean readOnly(DatastoreConfig config) {
        return config.value("read_only", "false").equals("true");
    }

    @Override
    public Properties connectionProperties(DatastoreConfig config) {
        Properties properties = new Properties();
        if (readOnly(config)) {
            properties.setProperty("duckdb.read_only", "true");
        }
        config.value("memory_limit").ifPresent(limit -> properties.setProperty("memory_limit", limit));
        config.value("threads").ifPresent(threads -> properties.setProperty("threads", threads));
        properties.putAll(config.properties());
        return properties;
    }

    @Override
    public Optional<ErrorCode> classify(SQLException error) {
        String message = String.valueOf(error.getMessage());
        if (message.startsWith("Catalog Error") && (message.contains("does not exist") || message.contains("not found"))) {
            return Optional.of(ErrorCode.NOT_FOUND);
        }
        if (message.startsWith("Binder Error") && message.contains("not found")) {
            return Optional.of(ErrorCode.NOT_FOUND);
        }
        if (message.startsWith("Constraint Error")) {
            return Optional.of(ErrorCode.INTEGRITY);
        }
        if (message.startsWith("Parser Error") || message.startsWith("Conversion Error")
                || message.startsWith("Binder Error") || message.startsWith("Invalid Input Error")) {
            return Optional.of(ErrorCode.INVALID_DATA);
        }
        if (message.startsWith("IO Error")) {
            return Optional.of(ErrorCode.CONNECTION);
        }
        return Optional.empty();
    }

    @Override
    public SqlTypes sqlTypes() {
        return TYPES;
    }
}
