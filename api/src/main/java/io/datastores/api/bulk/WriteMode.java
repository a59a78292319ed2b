package io.datastores.api.bulk;

/** How a {@link BulkWriter} treats rows already in the target table. */
public enum WriteMode {
    /** Add the rows; keep what is there. */
    APPEND,
    /** Replace the table's contents, atomically where the target allows. */
    OVERWRITE,
    /** Insert new keys and update existing ones; needs key columns. */
    UPSERT
}
