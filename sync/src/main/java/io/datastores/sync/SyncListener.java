package io.datastores.sync;

import io.datastores.api.DatastoreException;
import io.datastores.core.TransferProgress;
import java.util.List;

/**
 * Told what a {@link Sync} does. Methods run on the thread doing the run (the caller of
 * {@link Sync#trigger} or the scheduler's thread), so keep them quick; an exception thrown by a
 * listener is logged and ignored. Every method does nothing by default.
 */
public interface SyncListener {

    /**
     * A run begins ({@code syncStart}).
     *
     * @param tables the tables it will sync, in order
     */
    default void onSyncStart(List<String> tables) {}

    /**
     * A run ended ({@code syncComplete}), also when some tables failed: see {@link SyncStats#failed()}.
     *
     * @param stats what each table did
     */
    default void onSyncComplete(SyncStats stats) {}

    /**
     * A table failed, or the whole run did (then without a later {@link #onSyncComplete})
     * ({@code syncError}).
     *
     * @param error what went wrong; the message names the table
     */
    default void onSyncError(DatastoreException error) {}

    /**
     * A batch of a table was written; for progress displays.
     *
     * @param table the table being synced
     * @param progress rows, bytes and time so far in this table's run
     */
    default void onProgress(String table, TransferProgress progress) {}
}
