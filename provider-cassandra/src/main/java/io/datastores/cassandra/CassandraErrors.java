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

    @Override
    protected DatastoreException translate(String doing, Throwable failure, String detail) {
        if (failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null) {
            return classify(doing, failure.getCause());
        }
        String user = settings.user().orElse("");
        if (failure instanceof AuthenticationException || authentication(failure)) {
            return credentialsRefused("Cassandra", settings.where(), user, "check user and password", failure);
        }
        if (failure instanceof UnauthorizedException) {
            return notPermitted(doing, user, detail, failure);
        }
        if (failure instanceof AllNodesFailedException || failure instanceof NoNodeAvailableException) {
            return unreachable(
                    "Cassandra", settings.where(), detail, failure, failure instanceof NoNodeAvailableException);
        }
        if (failure instanceof ClosedConnectionException
                || failure instanceof UnavailableException
                || failure instanceof OverloadedException
                || failure instanceof HeartbeatException) {
            return connectionLost(doing, settings.where(), detail, failure);
        }
        if (failure instanceof DriverTimeoutException
                || failure instanceof com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException) {
            return timedOut(doing, detail, failure);
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
        return null;
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
