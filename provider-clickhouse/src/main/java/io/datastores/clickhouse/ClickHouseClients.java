package io.datastores.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.jdbc.ConnectionImpl;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.jdbc.JdbcDatastore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;

/**
 * The client-v2 {@link Client} behind a pooled clickhouse-jdbc connection, so bulk paths share the
 * connection's address, credentials and settings, and the pool's lifecycle; and the translation of
 * client failures into the datastore's {@link DatastoreException}s.
 */
final class ClickHouseClients {
    private ClickHouseClients() {}

    /**
     * @param connection a connection borrowed from the datastore
     * @return the client it talks through; valid while the connection is held
     * @throws SQLException when the connection is not clickhouse-jdbc's
     */
    static Client client(Connection connection) throws SQLException {
        return connection.unwrap(ConnectionImpl.class).getClient();
    }

    /**
     * @param datastore the datastore, for the message prefix and secret removal
     * @param doing what failed, such as {@code Bulk write into t failed}
     * @param error what the client threw (an {@link ExecutionException} is unwrapped)
     * @return the exception to throw: server errors classified by ClickHouse's code, anything
     *     else (refused, reset, timed out) a {@link ErrorCode#CONNECTION} error; connection and
     *     authentication errors name the server
     */
    static DatastoreException translate(JdbcDatastore datastore, String doing, Throwable error) {
        Throwable cause = error instanceof ExecutionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof DatastoreException known) {
            return known;
        }
        ErrorCode code = ErrorCode.CONNECTION;
        int serverCode = 0;
        if (cause instanceof ServerException server) {
            serverCode = server.getCode();
            code = ClickHouseDialect.classify(serverCode).orElse(ErrorCode.INTERNAL);
        }
        String where = code == ErrorCode.CONNECTION || code == ErrorCode.AUTHENTICATION
                ? " (server " + datastore.dialect().location(datastore.config()) + ")"
                : "";
        String detail =
                datastore.config().redact(String.valueOf(cause.getMessage()).strip());
        boolean clean = detail.equals(String.valueOf(cause.getMessage()).strip());
        return new DatastoreException(
                code,
                datastore.name(),
                DatastoreException.prefix(datastore.name(), datastore.type()) + doing + where + ": " + detail,
                null,
                serverCode,
                clean ? cause : null,
                DatastoreException.isRetryable(cause));
    }
}
