package io.datastores.api;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.Objects;
import java.util.Optional;

/**
 * The one exception type of the SDK. It carries an {@link ErrorCode}, the datastore it concerns
 * (when there is one) and, for failures reported by a database, the SQLSTATE and vendor code.
 * Driver exceptions are kept as the cause.
 *
 * <p>A failure is {@linkplain #retryable() retryable} when the connection broke while in use
 * (killed, server restarted, network dropped): the work may succeed on another connection. The
 * provider that classifies the failure marks it; callers that retry (sync) ask, rather than read
 * SQLSTATEs or messages.
 *
 * <p>Messages say what to do, are prefixed with {@code [name/type]} when a datastore is involved,
 * and never contain a secret.
 */
public class DatastoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String datastore;
    private final String sqlState;
    private final int vendorCode;
    private final boolean retryable;

    /**
     * Creates an exception; prefer the static factories.
     *
     * @param code what kind of failure this is
     * @param datastore the datastore's name, or {@code null} when none is involved
     * @param message the full message, already prefixed and free of secrets
     * @param sqlState the SQLSTATE reported by the database, or {@code null}
     * @param vendorCode the vendor's error code, or 0
     * @param cause the underlying failure, or {@code null}
     */
    public DatastoreException(
            ErrorCode code, String datastore, String message, String sqlState, int vendorCode, Throwable cause) {
        this(code, datastore, message, sqlState, vendorCode, cause, false);
    }

    /**
     * Creates an exception; prefer the static factories.
     *
     * @param code what kind of failure this is
     * @param datastore the datastore's name, or {@code null} when none is involved
     * @param message the full message, already prefixed and free of secrets
     * @param sqlState the SQLSTATE reported by the database, or {@code null}
     * @param vendorCode the vendor's error code, or 0
     * @param cause the underlying failure, or {@code null}
     * @param retryable whether the connection broke while in use, so the work may succeed on another
     */
    public DatastoreException(
            ErrorCode code,
            String datastore,
            String message,
            String sqlState,
            int vendorCode,
            Throwable cause,
            boolean retryable) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code is null");
        this.datastore = datastore;
        this.sqlState = sqlState;
        this.vendorCode = vendorCode;
        this.retryable = retryable;
    }

    /** @return what kind of failure this is */
    public ErrorCode code() {
        return code;
    }

    /** @return the name of the datastore concerned, if any */
    public Optional<String> datastore() {
        return Optional.ofNullable(datastore);
    }

    /** @return the SQLSTATE reported by the database, if any */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }

    /** @return the vendor's error code, or 0 when there is none */
    public int vendorCode() {
        return vendorCode;
    }

    /**
     * Whether the work may succeed if run again on another connection: this failure, or one it
     * wraps, was marked so where it was classified, or came from a socket that failed while in use
     * (an {@link EOFException}, or a {@link SocketException} other than a refused connect). Never
     * for a connection that could not be opened at all, where trying again only waits for the same
     * refusal.
     *
     * @return whether to retry
     */
    public boolean retryable() {
        return isRetryable(this);
    }

    /**
     * {@link #retryable()} for any failure, such as an unchecked wrapper around one.
     *
     * @param failure a failure and its causes
     * @return whether any of them is a retryable {@code DatastoreException} or a socket that broke in use
     */
    public static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DatastoreException d && d.retryable) {
                return true;
            }
            if (t instanceof EOFException || (t instanceof SocketException && !(t instanceof ConnectException))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A failure with no particular datastore, such as a configuration file that cannot be parsed.
     *
     * @param code what kind of failure this is
     * @param message what went wrong and what to do about it
     * @return the exception
     */
    public static DatastoreException of(ErrorCode code, String message) {
        return new DatastoreException(code, null, message, null, 0, null);
    }

    /**
     * A failure concerning one datastore; the message is prefixed with {@code [name/type]}.
     *
     * @param code what kind of failure this is
     * @param name the datastore's name
     * @param type the datastore's type
     * @param message what went wrong and what to do about it
     * @return the exception
     */
    public static DatastoreException of(ErrorCode code, String name, String type, String message) {
        return new DatastoreException(code, name, prefix(name, type) + message, null, 0, null);
    }

    /**
     * The fixed message for an operation a datastore does not offer:
     * {@code Datastore 'orders' (postgres) does not support BULK_WRITE}.
     *
     * @param name the datastore's name
     * @param type the datastore's type
     * @param what the capability (or operation) that is missing
     * @return the exception, with code {@link ErrorCode#UNSUPPORTED}
     */
    public static DatastoreException unsupported(String name, String type, Object what) {
        return new DatastoreException(
                ErrorCode.UNSUPPORTED,
                name,
                "Datastore '" + name + "' (" + type + ") does not support " + what,
                null,
                0,
                null);
    }

    /**
     * Returns a copy of this exception with a cause attached.
     *
     * @param cause the underlying failure
     * @return a new exception with the same code, datastore and message
     */
    public DatastoreException withCause(Throwable cause) {
        return new DatastoreException(code, datastore, getMessage(), sqlState, vendorCode, cause, retryable);
    }

    /**
     * The standard {@code [name/type] } prefix of messages about one datastore.
     *
     * @param name the datastore's name
     * @param type the datastore's type
     * @return the prefix, ending in a space
     */
    public static String prefix(String name, String type) {
        return "[" + name + "/" + type + "] ";
    }
}
