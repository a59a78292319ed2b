package io.datastores.redis;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.DatastoreConfig;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Turns Jedis failures into {@link DatastoreException}s with the right code: a refused password or
 * missing permission is {@link ErrorCode#AUTHENTICATION}, a server that cannot be reached or went
 * away is {@link ErrorCode#CONNECTION} naming {@code host:port} (retryable when it broke while in
 * use), an error reply is {@link ErrorCode#INVALID_DATA}. Every message passes through the
 * configuration's redaction, so a password inside a {@code redis://} URL never shows.
 */
final class RedisErrors {
    private RedisErrors() {}

    /**
     * @param failure what Jedis threw
     * @param config the datastore's configuration (for its name and secrets)
     * @param settings where it points
     * @param inUse whether the connection had been working, so a break may succeed on a new one
     * @param doing what was being done, for the message ("Cannot write users")
     * @return the translated exception, the original kept as its cause
     */
    static DatastoreException translate(
            RuntimeException failure, DatastoreConfig config, RedisSettings settings, boolean inUse, String doing) {
        if (failure instanceof DatastoreException known) {
            return known;
        }
        String detail = config.redact(rootMessage(failure));
        String prefix = DatastoreException.prefix(config.name(), config.type());
        doing = config.redact(doing);
        if (failure instanceof JedisAccessControlException || authentication(detail)) {
            return new DatastoreException(
                    ErrorCode.AUTHENTICATION,
                    config.name(),
                    prefix + "Redis at "
                            + settings.host() + ":" + settings.port() + " refused the credentials of user '"
                            + settings.username().orElse("default") + "': " + detail,
                    null,
                    0,
                    failure);
        }
        if (failure instanceof JedisConnectionException) {
            return new DatastoreException(
                    ErrorCode.CONNECTION,
                    config.name(),
                    prefix + doing + ": Redis at "
                            + settings.host() + ":" + settings.port() + " "
                            + (inUse ? "went away" : "cannot be reached")
                            + ": " + detail,
                    null,
                    0,
                    failure,
                    inUse);
        }
        if (failure instanceof JedisDataException) {
            return new DatastoreException(
                    ErrorCode.INVALID_DATA,
                    config.name(),
                    prefix + doing + ": Redis answered: " + detail,
                    null,
                    0,
                    failure);
        }
        return new DatastoreException(
                ErrorCode.INTERNAL, config.name(), prefix + doing + ": " + detail, null, 0, failure);
    }

    private static boolean authentication(String message) {
        return message != null
                && (message.startsWith("WRONGPASS") || message.startsWith("NOAUTH") || message.startsWith("NOPERM"));
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root == failure ? failure.getMessage() : failure.getMessage() + " (" + root.getMessage() + ")";
        return message == null ? failure.getClass().getSimpleName() : message;
    }
}
