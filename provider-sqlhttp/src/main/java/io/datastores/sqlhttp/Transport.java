package io.datastores.sqlhttp;

import io.datastores.api.ErrorCode;
import io.datastores.jdbc.sqlite.SqliteErrors;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One service's HTTP API for SQL: how statements and values travel, and what a request may hold.
 * Values are {@code null}, {@code Long}, {@code Double}, {@code String} or {@code byte[]} both ways
 * (callers normalise with {@link SqlValues#bindable}). Implementations are thread-safe.
 */
interface Transport {

    /**
     * Runs one statement on its own (autocommit).
     *
     * @param statement the statement
     * @return what it returned
     */
    Result run(Statement statement);

    /**
     * @return a session for a bulk write: on libSQL one stream holding one transaction; elsewhere
     *     each {@link WriteSession#send} is one request, atomic on its own
     */
    WriteSession writeSession();

    /**
     * Streams the rows of a query, without holding them all: libSQL's cursor endpoint, or pages.
     *
     * @param statement the query
     * @param pageRows rows a page holds where the service has no cursor
     * @return the rows; the caller closes them
     */
    Rows stream(Statement statement, int pageRows);

    /** @return what one statement and one request may hold, and whether a transaction spans requests */
    Limits limits();

    /** @return what a bound binary value is written as in SQL; {@code unhex(?)} where values travel as text */
    default String blobMarker() {
        return "?";
    }

    /**
     * @param message the service's message for a failed statement, carrying SQLite's own words
     * @return the code they name; a statement SQLite refused for a reason it does not name is bad input
     */
    static ErrorCode errorCode(String message) {
        return SqliteErrors.classify(message).orElse(ErrorCode.INVALID_DATA);
    }

    /**
     * A service's limits.
     *
     * @param maxParameters the most bound parameters one statement may have
     * @param maxRequestBytes the most bytes of SQL text and values one request should carry
     * @param transactions whether a transaction can span requests (libSQL streams)
     */
    record Limits(int maxParameters, long maxRequestBytes, boolean transactions) {}

    /**
     * One SQL statement with positional values.
     *
     * @param sql the statement, with {@code ?} for each value
     * @param params the values, in order; may contain {@code null}
     */
    record Statement(String sql, List<Object> params) {
        public Statement {
            params = Collections.unmodifiableList(Arrays.asList(params.toArray()));
        }

        static Statement of(String sql, Object... params) {
            return new Statement(sql, Arrays.asList(params));
        }
    }

    /**
     * What one statement returned.
     *
     * @param columns the column names
     * @param declaredTypes each column's declared type, {@code null} where the service gives none
     * @param rows the rows, each value decoded
     * @param changes rows inserted, updated or deleted
     */
    record Result(List<String> columns, List<String> declaredTypes, List<Object[]> rows, long changes) {}

    /** Rows arriving one at a time. Not thread-safe. */
    interface Rows extends AutoCloseable {
        /** @return the column names */
        List<String> columns();

        /** @return each column's declared type, {@code null} where the service gives none */
        List<String> declaredTypes();

        /** @return the next row, or {@code null} after the last */
        Object[] next();

        @Override
        void close();
    }

    /** The requests of one bulk write. Not thread-safe. */
    interface WriteSession extends AutoCloseable {
        /**
         * @param statements statements sent together in one request; on services without transactions
         *     across requests the request is atomic (D1's batch, StarbaseDB's transaction)
         */
        void send(List<Statement> statements);

        /**
         * Makes everything sent permanent, after running {@code last} in the same transaction.
         *
         * @param last statements to run before the commit; only where {@link Limits#transactions()} holds
         */
        void commit(List<Statement> last);

        /** Ends the session; on libSQL a transaction not committed is rolled back. */
        @Override
        void close();
    }
}
