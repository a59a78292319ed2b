package io.datastores.jdbc;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.DatastoreConfig;
import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Set;

/** Turns driver exceptions into {@link DatastoreException}s with the right code and no secrets. */
final class SqlErrors {
    // Most specific first: a five-character SQLSTATE, then its two-character class.
    private static final Map<String, ErrorCode> BY_STATE = Map.ofEntries(
            Map.entry("42P01", ErrorCode.NOT_FOUND), // PostgreSQL undefined_table
            Map.entry("42S02", ErrorCode.NOT_FOUND), // ODBC/MySQL base table not found
            Map.entry("42703", ErrorCode.NOT_FOUND), // undefined_column
            Map.entry("42S22", ErrorCode.NOT_FOUND), // column not found
            Map.entry("3F000", ErrorCode.NOT_FOUND), // invalid_schema_name
            Map.entry("3D000", ErrorCode.NOT_FOUND), // invalid_catalog_name (unknown database)
            Map.entry("42000", ErrorCode.INVALID_DATA), // syntax error or access rule violation
            Map.entry("57014", ErrorCode.CANCELLED), // query_canceled
            Map.entry("HYT00", ErrorCode.TIMEOUT),
            Map.entry("08", ErrorCode.CONNECTION),
            Map.entry("28", ErrorCode.AUTHENTICATION),
            Map.entry("23", ErrorCode.INTEGRITY),
            Map.entry("22", ErrorCode.INVALID_DATA),
            Map.entry("42", ErrorCode.INVALID_DATA),
            Map.entry("53", ErrorCode.CONNECTION), // insufficient resources
            Map.entry("57", ErrorCode.CONNECTION)); // operator intervention (server shut down)

    /**
     * A connection that broke while in use: does not exist any more (08003), failed (08006),
     * was rolled back mid-transaction (08007), link failure (08S01); PostgreSQL's 57P class
     * (administrator shutdown, crash, cannot connect now). Not 08001/08004: a connection that was
     * never opened fails the same way when tried again.
     */
    private static final Set<String> BROKEN_IN_USE = Set.of("08003", "08006", "08007", "08S01");

    private SqlErrors() {}

    /** Whether the failure, or an SQLException it wraps, reports a connection that broke in use. */
    static boolean brokenInUse(SQLException error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String state = t instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null && (state.startsWith("57P") || BROKEN_IN_USE.contains(state))) {
                return true;
            }
        }
        return false;
    }

    static ErrorCode classify(SQLException error, JdbcDialect dialect) {
        if (error instanceof SQLTimeoutException || error instanceof SQLTransientConnectionException) {
            return ErrorCode.TIMEOUT;
        }
        String state = error.getSQLState();
        if (state != null && state.length() >= 2) {
            ErrorCode exact = dialect.sqlStates().getOrDefault(state, BY_STATE.get(state));
            if (exact != null) {
                return exact;
            }
            ErrorCode byClass = BY_STATE.get(state.substring(0, 2));
            if (byClass != null) {
                return byClass;
            }
        }
        if (lostConnection(error)) {
            return ErrorCode.CONNECTION;
        }
        return dialect.classify(error).orElse(ErrorCode.INTERNAL);
    }

    /**
     * Whether the driver's failure came from the socket (the server went away mid-statement), which
     * some drivers report only as a general error (Connector/J: SQLSTATE S1000 around an
     * {@link EOFException}).
     */
    private static boolean lostConnection(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof EOFException || t instanceof SocketException) {
                return true;
            }
        }
        return false;
    }

    /** Connector/J appends the nested exception's whole stack trace to some messages; the cause keeps it. */
    private static String withoutNestedTrace(String message) {
        int nested = message.indexOf("\n\nNested Stack Trace:");
        return nested < 0 ? message : message.substring(0, nested);
    }

    static DatastoreException translate(DatastoreConfig config, JdbcDialect dialect, String doing, SQLException error) {
        ErrorCode code = classify(error, dialect);
        String detail = config.redact(
                withoutNestedTrace(String.valueOf(error.getMessage())).strip());
        String state = error.getSQLState() == null ? "" : " (SQLSTATE " + error.getSQLState() + ")";
        // Some drivers (clickhouse-jdbc) fail to connect or log in without saying where: the message names the server.
        boolean reaching = code == ErrorCode.CONNECTION || code == ErrorCode.AUTHENTICATION;
        String where = reaching && !doing.contains(dialect.location(config))
                ? " (server " + dialect.location(config) + ")"
                : "";
        String message =
                DatastoreException.prefix(config.name(), config.type()) + doing + where + ": " + detail + state;
        // The driver's exception is kept as the cause only when it cannot carry a secret.
        Throwable cause = detail.equals(
                        withoutNestedTrace(String.valueOf(error.getMessage())).strip())
                ? error
                : null;
        // Retryable also when the socket broke but the cause is dropped (it could carry a secret).
        return new DatastoreException(
                code,
                config.name(),
                message,
                error.getSQLState(),
                error.getErrorCode(),
                cause,
                brokenInUse(error) || DatastoreException.isRetryable(error));
    }
}
