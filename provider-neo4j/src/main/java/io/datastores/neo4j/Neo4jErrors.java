package io.datastores.neo4j;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DatastoreErrors;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.DatabaseException;
import org.neo4j.driver.exceptions.SecurityException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

/**
 * Turns the driver's exceptions into {@link DatastoreException}s: refused credentials are
 * AUTHENTICATION, a server that cannot be reached or went away is CONNECTION naming
 * {@code host:port} (retryable once it was in use), a transient error that outlived the driver's
 * retries is TIMEOUT and retryable, a Cypher error is INVALID_DATA and a constraint violation
 * INTEGRITY. Messages are redacted of the configuration's secrets.
 */
final class Neo4jErrors extends DatastoreErrors {
    private final Neo4jSettings settings;

    Neo4jErrors(DatastoreConfig config, Neo4jSettings settings) {
        super(config);
        this.settings = settings;
    }

    @Override
    protected DatastoreException translate(String doing, Throwable failure, String detail) {
        if (failure instanceof AuthenticationException) {
            return credentialsRefused(
                    "Neo4j", settings.where(), settings.user().orElse(""), "check user and password", failure);
        }
        if (failure instanceof SecurityException) {
            return error(ErrorCode.AUTHENTICATION, doing + " is not permitted: " + detail, failure);
        }
        if (failure instanceof SessionExpiredException) {
            return connectionLost(doing, settings.where(), detail, failure);
        }
        if (failure instanceof ServiceUnavailableException) {
            return unreachable("Neo4j", settings.where(), detail, failure, false);
        }
        if (failure instanceof TransientException) {
            return retryable(
                    ErrorCode.TIMEOUT, doing + " failed after retries of a transient error: " + detail, failure);
        }
        if (failure instanceof ClientException client) {
            String code = String.valueOf(client.code());
            if (code.contains("ConstraintValidationFailed") || code.contains("ConstraintViolation")) {
                return error(ErrorCode.INTEGRITY, doing + " violated a constraint: " + detail, failure);
            }
            if (code.contains("DatabaseNotFound")) {
                return error(ErrorCode.NOT_FOUND, doing + " failed: " + detail, failure);
            }
            return error(ErrorCode.INVALID_DATA, doing + " failed: " + detail, failure);
        }
        if (failure instanceof DatabaseException) {
            return error(ErrorCode.INTERNAL, doing + " failed in the server: " + detail, failure);
        }
        return null;
    }
}
