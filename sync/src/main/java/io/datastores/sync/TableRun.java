package io.datastores.sync;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.core.UnmappableTypeException;
import io.datastores.sync.SyncJob.TableOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One table's run within a sync run: the {@link TableSync}, the state it leaves (with the rows where
 * the target has transactions, right after them elsewhere), and its retries: a run whose
 * connection broke in use ({@link DatastoreException#retryable()}) is run again, since every step
 * of a table run is idempotent. A failure is recorded in the state and told to the listeners; it
 * never stops the other tables.
 */
final class TableRun {
    // A table whose connection broke mid-run is tried again, up to this many attempts in all.
    private static final int ATTEMPTS = 3;
    // HikariCP hands out a connection used in the last 500 ms without checking it: wait longer than that.
    private static final Duration RETRY_PAUSE = Duration.ofMillis(600);

    private final SyncContext context;
    private final StateStore state;
    private final Consumer<Consumer<SyncListener>> tell;
    private final TableOptions table;
    private final StateStore.Row before;

    /**
     * @param context the job and its two datastores
     * @param state the job's state table
     * @param tell tells every listener an event
     * @param table the table to run
     * @param before its state from the last run, or {@code null} on the first
     */
    TableRun(
            SyncContext context,
            StateStore state,
            Consumer<Consumer<SyncListener>> tell,
            TableOptions table,
            StateStore.Row before) {
        this.context = context;
        this.state = state;
        this.tell = tell;
        this.table = table;
        this.before = before;
    }

    /** @return what the run did, or its error */
    SyncStats.TableStats run() {
        long started = System.nanoTime();
        context.log(System.Logger.Level.INFO, "Syncing table " + table.name());
        long previousCount = before == null ? 0 : before.recordCount();
        for (int attempt = 1; ; attempt++) {
            try {
                TableSync.CommitState commitState = (cursor, rows) -> state.saveStatements(new StateStore.Row(
                        table.name(), cursor, Instant.now(), previousCount + rows, null, elapsedMillis(started)));
                TableSync.Outcome outcome = new TableSync(context, table, before, commitState).run();
                long took = elapsedMillis(started);
                if (!context.stateCommitsWithRows()) {
                    // The state committed with the rows where the target has transactions; here it follows them.
                    state.save(new StateStore.Row(
                            table.name(), outcome.cursor(), Instant.now(), previousCount + outcome.rows(), null, took));
                }
                if (outcome.createdTable()) {
                    context.log(System.Logger.Level.INFO, "Created table " + table.name());
                }
                context.log(
                        System.Logger.Level.INFO, "Synced " + outcome.rows() + " records for table " + table.name());
                return new SyncStats.TableStats(table.name(), outcome.rows(), outcome.createdTable(), null, took);
            } catch (RuntimeException e) {
                if (attempt < ATTEMPTS && DatastoreException.isRetryable(e) && pause()) {
                    // Every step of a table run is idempotent, so running it again is always safe.
                    context.log(
                            System.Logger.Level.WARNING,
                            "Retrying table " + table.name() + " (attempt " + (attempt + 1) + " of " + ATTEMPTS
                                    + ") after a broken connection: " + e.getMessage());
                    continue;
                }
                return failed(e, elapsedMillis(started));
            }
        }
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private SyncStats.TableStats failed(RuntimeException e, long took) {
        DatastoreException error = wrap(context.job(), e, table.name());
        context.log(System.Logger.Level.WARNING, error.getMessage());
        try {
            state.saveFailure(table.name(), error.getMessage(), took);
        } catch (RuntimeException stateFailure) {
            error.addSuppressed(stateFailure);
        }
        tell.accept(l -> l.onSyncError(error));
        return new SyncStats.TableStats(table.name(), 0, false, error.getMessage(), took);
    }

    /** Waits before a retry, past the pool's window for handing out recently used connections unchecked. */
    private static boolean pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * @param job the job, for the message
     * @param e what failed
     * @param table the table that failed, or {@code null} for the run as a whole
     * @return the failure as a {@link DatastoreException} saying where it happened
     */
    static DatastoreException wrap(SyncJob job, RuntimeException e, String table) {
        String where = table == null ? "Sync job '" + job.name() + "': " : "Table '" + table + "': ";
        if (e instanceof DatastoreException d) {
            // The transfer names its own override (columnType); a job sets it in YAML instead.
            String hint = d instanceof UnmappableTypeException unmappable && table != null
                    ? "; in this job: " + columnTypesHint(table, unmappable.column())
                    : "";
            return new DatastoreException(
                    d.code(),
                    d.datastore().orElse(null),
                    where + d.getMessage() + hint,
                    d.sqlState().orElse(null),
                    d.vendorCode(),
                    d);
        }
        return new DatastoreException(ErrorCode.INTERNAL, null, where + e, null, 0, e);
    }

    /** How a job overrides the type of one column of a table, for messages. */
    static String columnTypesHint(String table, String column) {
        return "tables: [{name: " + table + ", column_types: {" + column + ": <type>}}]";
    }
}
