package io.datastores.duckdb;

import io.datastores.api.ErrorCode;
import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.TableCreator.TargetType;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.jdbc.BaseEmbeddedDialect;
import io.datastores.jdbc.SqlTypes;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.arrow.vector.types.pojo.Field;

/** DuckDB's JDBC specifics. Driver classes are named, never referenced, so loading stays lazy. */
final class DuckDbDialect extends BaseEmbeddedDialect {
    private static final SqlTypes TYPES = new SqlTypes(
            "VARCHAR",
            "BLOB",
            "DOUBLE",
            "TIME",
            "TIMESTAMP",
            "TIMESTAMPTZ",
            38,
            null,
            "UUID",
            "JSON",
            "INTERVAL",
            Integer.MAX_VALUE);

    static final String JSONB_AS_JSON = "jsonb stored as JSON: its text is kept, a copy back creates json";

    DuckDbDialect() {
        // A plain "jdbc:duckdb:" would give every pooled connection its own empty database.
        super("org.duckdb.DuckDBDriver", "jdbc:duckdb:%s", "jdbc:duckdb:memory:%s", TYPES);
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

    /**
     * DuckDB has one JSON type: a PostgreSQL {@code jsonb} column keeps its text here, but a copy
     * back creates {@code json}, which the plan says.
     */
    @Override
    public Optional<TargetType> targetType(Field field) {
        if (CanonicalTypes.isJson(field.getType())
                && "jsonb".equals(field.getMetadata().get(TableCreator.SOURCE_TYPE))) {
            return Optional.of(new TargetType("JSON", List.of(JSONB_AS_JSON)));
        }
        return super.targetType(field);
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public Optional<ErrorCode> classify(SQLException error) {
        String message = String.valueOf(error.getMessage());
        if (message.startsWith("Catalog Error")
                && (message.contains("does not exist") || message.contains("not found"))) {
            return Optional.of(ErrorCode.NOT_FOUND);
        }
        if (message.startsWith("Binder Error") && message.contains("not found")) {
            return Optional.of(ErrorCode.NOT_FOUND);
        }
        if (message.startsWith("Constraint Error")) {
            return Optional.of(ErrorCode.INTEGRITY);
        }
        if (message.startsWith("Parser Error")
                || message.startsWith("Conversion Error")
                || message.startsWith("Binder Error")
                || message.startsWith("Invalid Input Error")) {
            return Optional.of(ErrorCode.INVALID_DATA);
        }
        if (message.startsWith("IO Error")) {
            return Optional.of(ErrorCode.CONNECTION);
        }
        return Optional.empty();
    }
}
