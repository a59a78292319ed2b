package io.datastores.api.spi;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;

/**
 * A base for a provider's error translation: the {@link DatastoreException}s of one datastore,
 * prefixed with its name and type and with its configuration's secrets removed from the message.
 * A provider's subclass adds the mapping of its driver's exceptions to {@link ErrorCode}s.
 *
 * <p>Thread-safe: its one field is immutable.
 */
public abstract class DatastoreErrors {
    private final DatastoreConfig config;

    /** @param config the datastore's configuration, whose secrets every message is redacted of */
    protected DatastoreErrors(DatastoreConfig config) {
        this.config = config;
    }

    /** @return the configuration, secrets included: pass text through {@link DatastoreConfig#redact} */
    protected DatastoreConfig config() {
        return config;
    }

    /** @return the datastore's name */
    public String name() {
        return config.name();
    }

    /** @return the datastore's type */
    public String type() {
        return config.type();
    }

    /**
     * @param code the classification
     * @param message what failed; redacted here
     * @return the exception to throw
     */
    public DatastoreException error(ErrorCode code, String message) {
        return DatastoreException.of(code, config.name(), config.type(), config.redact(message));
    }

    /**
     * @param code the classification
     * @param message what failed; redacted here
     * @param cause the driver's exception
     * @return the exception to throw
     */
    public DatastoreException error(ErrorCode code, String message, Throwable cause) {
        return error(code, message).withCause(cause);
    }

    /**
     * @param code the classification
     * @param message what failed; redacted here
     * @param cause the driver's exception
     * @return the exception to throw, marked {@link DatastoreException#retryable()}: the same work
     *     may succeed if tried again (a transient failure, a connection lost in use)
     */
    protected DatastoreException retryable(ErrorCode code, String message, Throwable cause) {
        return new DatastoreException(
                code,
                config.name(),
                DatastoreException.prefix(config.name(), config.type()) + config.redact(message),
                null,
                0,
                cause,
                true);
    }
}
