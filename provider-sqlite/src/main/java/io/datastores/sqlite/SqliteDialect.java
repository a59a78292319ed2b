package io.datastores.sqlite;

import io.datastores.api.ErrorCode;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.jdbc.BaseEmbeddedDialect;
import io.datastores.jdbc.EmbeddedFile;
import io.datastores.jdbc.sqlite.SqliteErrors;
import io.datastores.jdbc.sqlite.SqliteTypes;
import io.datastores.jdbc.sqlite.SqliteValues;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** SQLite's JDBC specifics. Driver classes are named, never referenced, so loading stays lazy. */
final class SqliteDialect extends BaseEmbeddedDialect {
    static final String DEFAULT_BUSY_TIMEOUT_MS = "5000";
    // Result codes of sqlite3, reported by sqlite-jdbc as the vendor code.
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_CONSTRAINT = 19;

    /**
     * @param config the configuration to check
     * @return a problem when {@code busy_timeout} is not a whole number of milliseconds
     */
    static List<ConfigProblem> checkBusyTimeout(DatastoreConfig config) {
        String busyTimeout = config.value("busy_timeout", DEFAULT_BUSY_TIMEOUT_MS);
        return busyTimeout.matches("\\d{1,9}")
                ? List.of()
                : List.of(config.problem(
                        "busy_timeout", "Must be a whole number of milliseconds, got '" + busyTimeout + "'"));
    }

    SqliteDialect() {
        // Each connection to a plain ":memory:" would be a separate database; a shared-cache one is one.
        super("org.sqlite.JDBC", "jdbc:sqlite:%s", "jdbc:sqlite:file:%s?mode=memory&cache=shared", SqliteTypes.CREATED);
    }

    /** A column may be declared with the NOCASE collation; the filter's comparison is bytewise. */
    @Override
    public String binaryText(String quotedColumn) {
        return quotedColumn + " COLLATE BINARY";
    }

    /** SQLite's CREATE TABLE is part of the transaction it runs in. */
    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public Properties connectionProperties(DatastoreConfig config) {
        Properties properties = new Properties();
        // Concurrent writers wait for the lock instead of failing at once with SQLITE_BUSY.
        properties.setProperty("busy_timeout", config.value("busy_timeout", DEFAULT_BUSY_TIMEOUT_MS));
        if (!EmbeddedFile.inMemory(config)) {
            // WAL lets readers run while one connection writes.
            properties.setProperty("journal_mode", config.value("journal_mode", "WAL"));
        }
        properties.setProperty("foreign_keys", "true");
        properties.putAll(config.properties());
        return properties;
    }

    @Override
    public Optional<List<String>> schemas(Connection connection) {
        return Optional.of(List.of("main"));
    }

    @Override
    public Optional<ErrorCode> classify(SQLException error) {
        Optional<ErrorCode> named = SqliteErrors.classify(error.getMessage());
        if (named.isPresent()) {
            return named;
        }
        int code = error.getErrorCode();
        if (code == SQLITE_CONSTRAINT) {
            return Optional.of(ErrorCode.INTEGRITY);
        }
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
            return Optional.of(ErrorCode.TIMEOUT);
        }
        if (code == SQLITE_CANTOPEN) {
            return Optional.of(ErrorCode.CONNECTION);
        }
        return Optional.empty();
    }

    /** Temporal values are text in SQLite (see {@code SqliteValues}); a filter compares that text. */
    @Override
    public Object filterValue(Object literal) {
        return SqliteValues.filterValue(literal);
    }

    @Override
    public boolean storesTemporalAsText() {
        return true;
    }

    /**
     * SQLite keeps every floating-point value as a 64-bit double, whether the column is declared
     * REAL, FLOAT or DOUBLE, and has no decimal type (a NUMERIC or DECIMAL column holds doubles or
     * integers), so all of these are read as doubles. sqlite-jdbc reports a TIME column as NUMERIC;
     * it holds text and is read as times.
     */
    @Override
    public int columnType(ResultSetMetaData metaData, int column) throws SQLException {
        if ("TIME".equalsIgnoreCase(metaData.getColumnTypeName(column))) {
            return Types.TIME;
        }
        int type = metaData.getColumnType(column);
        return switch (type) {
            case Types.DECIMAL, Types.NUMERIC, Types.REAL, Types.FLOAT -> Types.DOUBLE;
            default -> type;
        };
    }

    /** Every SQLite integer is signed; sqlite-jdbc calls only INTEGER, NUMERIC and REAL signed. */
    @Override
    public boolean isSigned(ResultSetMetaData metaData, int column) {
        return true;
    }
}
