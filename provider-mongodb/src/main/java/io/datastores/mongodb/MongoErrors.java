package io.datastores.mongodb;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DatastoreErrors;
import org.bson.json.JsonParseException;

/**
 * Turns the driver's exceptions into {@link DatastoreException}s with the right code: refused
 * credentials are AUTHENTICATION naming the user, a server that cannot be reached is CONNECTION naming
 * every {@code host:port}, a connection lost mid-request is CONNECTION and retryable, an unknown
 * namespace is NOT_FOUND, a duplicate key INTEGRITY, a bad command INVALID_DATA. Messages are redacted of
 * the configuration's secrets (the password key and any password inside the URI).
 */
final class MongoErrors extends DatastoreErrors {
    private static final int UNAUTHORIZED = 13;
    private static final int AUTHENTICATION_FAILED = 18;
    private static final int NAMESPACE_NOT_FOUND = 26;
    private static final int DUPLICATE_KEY = 11000;

    private final MongoSettings settings;

    MongoErrors(DatastoreConfig config, MongoSettings settings) {
        super(config);
        this.settings = settings;
    }

    @Override
    protected DatastoreException translate(String doing, Throwable failure, String detail) {
        if (failure instanceof MongoSecurityException
                || failure instanceof MongoCommandException c && c.getErrorCode() == AUTHENTICATION_FAILED) {
            return credentialsRefused(
                    "MongoDB",
                    settings.where(),
                    settings.user().orElse(""),
                    "check user, password and auth_source (it is "
                            + (settings.authSource().isEmpty() ? "admin" : settings.authSource()) + ")",
                    failure);
        }
        if (failure instanceof MongoCommandException c && c.getErrorCode() == UNAUTHORIZED) {
            return notPermitted(doing, settings.user().orElse(""), detail, failure);
        }
        if (failure instanceof MongoTimeoutException) {
            return unreachable("MongoDB", settings.where(), detail, failure, true);
        }
        if (failure instanceof MongoSocketException) {
            return connectionLost(doing, settings.where(), detail, failure);
        }
        if (failure instanceof MongoExecutionTimeoutException) {
            return timedOut(doing, detail, failure);
        }
        if (failure instanceof MongoWriteException w && w.getError().getCode() == DUPLICATE_KEY
                || failure instanceof MongoBulkWriteException b
                        && b.getWriteErrors().stream().anyMatch(e -> e.getCode() == DUPLICATE_KEY)) {
            return error(ErrorCode.INTEGRITY, doing + " failed on a duplicate key: " + detail, failure);
        }
        if (failure instanceof MongoServerException s) {
            ErrorCode code = s.getCode() == NAMESPACE_NOT_FOUND ? ErrorCode.NOT_FOUND : ErrorCode.INVALID_DATA;
            return error(code, doing + " failed: " + detail, failure);
        }
        if (failure instanceof JsonParseException) {
            return error(
                    ErrorCode.INVALID_DATA,
                    doing + ": the command is not valid Extended JSON: " + detail
                            + " (write a document such as {\"find\": \"orders\", \"filter\": {\"status\": ?}})",
                    failure);
        }
        return null;
    }
}
