package io.datastores.sync;

/** How a table is synced. */
public enum SyncMode {
    /** Every run replaces the target table with the source table ({@code mode: full}). */
    FULL,
    /**
     * Every run reads the rows whose track column is at or after the stored cursor, and rows whose
     * track column is NULL, and upserts them by primary key ({@code mode: incremental}, the default).
     */
    INCREMENTAL
}
