package io.datastores.sync;

/**
 * What an incremental run does about rows deleted from the source, which a cursor cannot see.
 * {@link #SOFT} and {@link #HARD} copy the source's keys to the target each run (a bulk copy of the
 * key columns only) and compare them there.
 */
public enum DeleteDetection {
    /** Deleted source rows stay in the target ({@code delete_detection: none}, the default). */
    NONE,
    /**
     * Target rows whose key left the source get the time of the run in the column
     * {@value Sync#DELETED_COLUMN}; the column is cleared again if the key comes back.
     */
    SOFT,
    /** Target rows whose key left the source are deleted. */
    HARD
}
