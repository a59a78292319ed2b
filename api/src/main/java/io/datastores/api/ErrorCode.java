package io.datastores.api;

/**
 * What kind of failure a {@link DatastoreException} reports. Callers branch on the code, never on
 * the message text.
 */
public enum ErrorCode {
    /** The configuration is wrong: a missing field, a bad value, an unknown key or type. */
    INVALID_CONFIG,
    /** A datastore, schema, table or column that was named does not exist. */
    NOT_FOUND,
    /** The provider jar or its driver for a datastore type is not on the class path. */
    DRIVER_MISSING,
    /** The datastore does not support the operation or capability that was asked for. */
    UNSUPPORTED,
    /** A value or statement was rejected as malformed (bad SQL, a value of the wrong type). */
    INVALID_DATA,
    /** A constraint was violated (unique key, foreign key, not null). */
    INTEGRITY,
    /** The server refused the credentials. */
    AUTHENTICATION,
    /** The server could not be reached, or the connection broke. */
    CONNECTION,
    /** An operation ran out of time (connect timeout, pool exhausted, statement timeout). */
    TIMEOUT,
    /** The operation was cancelled by the caller. */
    CANCELLED,
    /** A failure that fits no other code; usually a bug or an unexpected server answer. */
    INTERNAL
}
