package io.datastores.api.spi;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import java.io.IOException;

/**
 * A base for a provider's error translation: the {@link DatastoreException}s of one datastore,
 * prefixed with its name and type and with its configuration's secrets removed from the message.
 * The final {@link #classify} is the one entry point every part of a provider sends a driver's
 * failure to; a subclass adds only {@link #translate}, the mapping of its driver's exceptions to
 * {@link ErrorCode}s, built from the shared messages below ({@link #credentialsRefused},
 * {@link #unreachable}, {@link #connectionLost} …), so every store words the same failure alike.
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
     * Translates any failure of the driver. A {@link DatastoreException} is returned as it is; what
     * {@link #translate} does not know becomes {@link ErrorCode#INTERNAL}, its text redacted.
     *
     * @param doing what was being done, such as {@code "Running CQL"}, for the message
     * @param failure what the driver threw
     * @return the exception to throw, the failure as its cause
     */
    public final DatastoreException classify(String doing, Throwable failure) {
        if (failure instanceof DatastoreException known) {
            return known;
        }
        DatastoreException translated = translate(doing, failure, config.redact(String.valueOf(failure.getMessage())));
        return translated != null
                ? translated
                : error(ErrorCode.INTERNAL, doing + " failed: " + config.redact(String.valueOf(failure)), failure);
    }

    /**
     * The provider's mapping of its driver's failures.
     *
     * @param doing what was being done, for the message
     * @param failure what the driver threw, never a {@link DatastoreException}
     * @param detail the failure's message, already redacted
     * @return the exception to throw, or {@code null} when this is no failure the provider knows
     */
    protected abstract DatastoreException translate(String doing, Throwable failure, String detail);

    /**
     * A failure of a bulk write, with what it left behind appended to the message. A failure to read
     * the source's rows ({@link IOException}) is {@link ErrorCode#INTERNAL}; the rest is {@link #classify}d.
     *
     * @param target what was written, such as {@code "table 'ks.orders'"}
     * @param failure what went wrong; an {@link Error} is rethrown as it is
     * @param outcome what is stored now and how to converge, such as {@code " (40 rows were stored …)"}
     * @return the exception to throw, keeping the classification and whether it is retryable
     */
    public DatastoreException writeFailed(String target, Throwable failure, String outcome) {
        if (failure instanceof Error error) {
            throw error;
        }
        DatastoreException cause = failure instanceof IOException
                ? error(
                        ErrorCode.INTERNAL,
                        "Reading the rows to write to " + target + " failed: " + failure.getMessage(),
                        failure)
                : classify("Writing " + target, failure);
        return new DatastoreException(
                cause.code(),
                cause.datastore().orElse(null),
                cause.getMessage() + outcome,
                null,
                0,
                failure,
                cause.retryable());
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

    /**
     * @param system the store's name for people, such as {@code "MongoDB"}
     * @param where its address, {@code host:port}
     * @param user the user refused
     * @param fix what to check, such as {@code "check user and password"}
     * @param cause the driver's exception
     * @return an {@link ErrorCode#AUTHENTICATION} failure that names no secret
     */
    protected DatastoreException credentialsRefused(
            String system, String where, String user, String fix, Throwable cause) {
        return error(
                ErrorCode.AUTHENTICATION,
                system + " at " + where + " refused the credentials of user '" + user + "'; " + fix,
                cause);
    }

    /**
     * @param doing what was being done
     * @param user the user refused
     * @param detail the server's words, redacted
     * @param cause the driver's exception
     * @return an {@link ErrorCode#AUTHENTICATION} failure: the user lacks a permission
     */
    protected DatastoreException notPermitted(String doing, String user, String detail, Throwable cause) {
        return error(ErrorCode.AUTHENTICATION, doing + " is not permitted for user '" + user + "': " + detail, cause);
    }

    /**
     * @param system the store's name for people
     * @param where its address, {@code host:port}
     * @param detail the driver's words, redacted
     * @param cause the driver's exception
     * @param retryable whether trying again may reach it (a server that is starting, a node down)
     * @return a {@link ErrorCode#CONNECTION} failure naming the address
     */
    protected DatastoreException unreachable(
            String system, String where, String detail, Throwable cause, boolean retryable) {
        String message = "Cannot reach " + system + " at " + where + ": " + detail;
        return retryable
                ? retryable(ErrorCode.CONNECTION, message, cause)
                : error(ErrorCode.CONNECTION, message, cause);
    }

    /**
     * @param doing what was being done
     * @param where the address, {@code host:port}
     * @param detail the driver's words, redacted
     * @param cause the driver's exception
     * @return a retryable {@link ErrorCode#CONNECTION} failure: a connection broke while in use
     */
    protected DatastoreException connectionLost(String doing, String where, String detail, Throwable cause) {
        return retryable(ErrorCode.CONNECTION, doing + " lost its connection to " + where + ": " + detail, cause);
    }

    /**
     * @param doing what was being done
     * @param detail the driver's words, redacted
     * @param cause the driver's exception
     * @return a retryable {@link ErrorCode#TIMEOUT} failure
     */
    protected DatastoreException timedOut(String doing, String detail, Throwable cause) {
        return retryable(ErrorCode.TIMEOUT, doing + " timed out: " + detail, cause);
    }
}
