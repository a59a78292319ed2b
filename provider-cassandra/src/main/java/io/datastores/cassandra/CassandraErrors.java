package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.QueryExecutionException;
import com.datastax.oss.driver.api.core.servererrors.SyntaxError;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DatastoreErrors;
import java.util.Locale;

/**
 * Turns the driver's exceptions into {@link DatastoreException}s with the right code: refused
 * credentials are AUTHENTICATION, nodes that cannot be reached are CONNECTION naming every
 * {@code host:port}, a node lost mid-request is CONNECTION and retryable (an INSERT is an upsert,
 * so running it again is harmless), an unknown table or keyspace is NOT_FOUND. Messages are
 * redacted of the configuration's secrets.
 */
final class CassandraErrors extends DatastoreErrors {
    private final CassandraSettings settings;

    CassandraErrors(DatastoreConfig config, CassandraSettings settings) {
        super(config);
        this.settings = settings;
    }

    /** @param doing what was being done, such as {@code "Running CQL"}; @return the classified failure */
    DatastoreException classify(String doing, Throwable failure) {
        if (failure instanceof DatastoreException d) {
            return d;
        }
        if (failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null) {
            return classify(doing, failure.getCause());
        }
        String detail = config().redact(String.valueOf(failure.getMessage()));
        if (failure instanceof AuthenticationException || authentication(failure)) {
            return error(
                    ErrorCode.AUTHENTICATION,
                    "Cassandra at " + settings.where() + " refused the credentials of user '"
                            + settings.user().orElse("") + "'; check user and password",
                    failure);
        }
        if (failure instanceof UnauthorizedException) {
            return error(
                    ErrorCode.AUTHENTICATION,
                    doing + " is not permitted for user '" + settings.user().orElse("") + "': " + detail,
                    failure);
        }
        if (failure instanceof AllNodesFailedException || failure instanceof NoNodeAvailableException) {
            return new DatastoreException(
                    ErrorCode.CONNECTION,
                    config().name(),
                    DatastoreException.prefix(config().name(), config().type()) + "Cannot reach Cassandra at "
                            + settings.where() + ": " + detail,
                    null,
                    0,
                    failure,
                    failure instanceof NoNodeAvailableException);
        }
        if (failure instanceof ClosedConnectionException
                || failure instanceof UnavailableException
                || failure instanceof OverloadedException
                || failure instanceof HeartbeatException) {
            return new DatastoreException(
                    ErrorCode.CONNECTION,
                    config().name(),
                    DatastoreException.prefix(config().name(), config().type()) + doing + " lost its connection to "
                            + settings.where() + ": " + detail,
                    null,
                    0,
                    failure,
                    true);
        }
        if (failure instanceof DriverTimeoutException
                || failure instanceof com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException) {
            return new DatastoreException(
                    ErrorCode.TIMEOUT,
                    config().name(),
                    DatastoreException.prefix(config().name(), config().type()) + doing + " timed out: " + detail,
                    null,
                    0,
                    failure,
                    true);
        }
        if (failure instanceof InvalidQueryException || failure instanceof SyntaxError) {
            String lower = detail.toLowerCase(Locale.ROOT);
            ErrorCode code = lower.contains("unconfigured table")
                            || lower.contains("does not exist")
                            || lower.contains("keyspace") && lower.contains("not exist")
                    ? ErrorCode.NOT_FOUND
                    : ErrorCode.INVALID_DATA;
            return error(code, doing + " failed: " + detail, failure);
        }
        if (failure instanceof QueryExecutionException) {
            return error(ErrorCode.INVALID_DATA, doing + " failed: " + detail, failure);
        }
        return error(ErrorCode.INTERNAL, doing + " failed: " + failure, failure);
    }

    /** A connect attempt where every node refused the credentials reports them per node. */
    private static boolean authentication(Throwable failure) {
        if (failure instanceof AllNodesFailedException all) {
            return !all.getAllErrors().isEmpty()
                    && all.getAllErrors().values().stream()
                            .flatMap(java.util.List::stream)
                            .allMatch(e -> e instanceof AuthenticationException);
        }
        return false;
    }
}
