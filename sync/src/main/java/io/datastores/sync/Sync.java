package io.datastores.sync;

import io.datastores.api.Capability;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.core.Datastores;
import io.datastores.core.TransferProgress;
import io.datastores.sync.SyncJob.TableOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs a {@link SyncJob}: keeps tables of a source datastore in step with a target datastore.
 *
 * <pre>{@code
 * try (Datastores datastores = Datastores.load(Path.of("datastores.yaml"));
 *         Sync sync = Sync.create(datastores, SyncJob.load(Path.of("users-sync.yaml")))) {
 *     sync.run();                       // or sync.start() for a run every sync_interval minutes
 *     System.out.println(sync.status().toJson());
 * }
 * }</pre>
 *
 * <p><b>What a run guarantees.</b> Incremental tables: the high-water mark H of the track column
 * is read first; then every row with {@code track >= cursor - lookback} (all rows on the first run)
 * and every row whose track value is NULL is upserted by primary key in one target transaction.
 * H is stored as the new cursor, in {@code _datastores_sync_state} of the target schema, in that
 * same transaction where the target has transactions, so cursor and rows commit together or not
 * at all. On a target without transactions (or without SQL, where the state is a table written by
 * the target's own bulk writer) the state is written right after the rows commit; a
 * run that dies between the two re-reads from the old cursor next time and upserts the same rows
 * again, which changes nothing. Either way no row committed with a track value up to H is lost,
 * none is doubled (the target has the key as primary key), and rows sharing the cursor value are
 * re-read by {@code >=}. Rows committed late with a track value below the stored cursor are
 * caught only within {@code lookback}. NULL track values are re-read on every run, as the rule
 * that never loses them. Full tables are replaced atomically on every run.
 *
 * <p>A table that fails (missing source table, incompatible schema change, a rejected row) keeps
 * its cursor, records its error, and the other tables still run.
 *
 * <p>Thread-safe. Runs never overlap: {@link #trigger} waits for a run in progress; a scheduled run
 * is skipped while another is going. The datastores of the registry stay the caller's; datastores
 * given inline in the job are opened and closed by this object.
 */
public final class Sync implements AutoCloseable {
    /** The column {@code delete_detection: soft} adds to target tables: when the row left the source. */
    public static final String DELETED_COLUMN = "_datastores_deleted_at";

    private static final System.Logger LOG = System.getLogger(Sync.class.getName());

    private final SyncJob job;
    private final SyncContext context;
    private final StateStore state;
    private final List<Datastores> owned;
    private final List<SyncListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock runLock = new ReentrantLock();
    private ScheduledExecutorService scheduler;

    private Sync(SyncJob job, Datastore source, Datastore target, List<Datastores> owned) {
        this.job = job;
        this.owned = owned;
        this.context = new SyncContext(job, source, target);
        this.state = StateStore.on(target, job.target().schema(), job.name(), context.stateCommitsWithRows());
        this.context.onProgress(progressToListeners());
    }

    /**
     * Prepares a job; connects nothing yet.
     *
     * @param datastores the registry that {@code datastore_name} refers to; stays the caller's
     * @param job the job
     * @return the sync, to run, schedule and close
     * @throws DatastoreException with {@link ErrorCode#NOT_FOUND} for an unknown datastore, or
     *     {@link ErrorCode#INVALID_CONFIG} when a named datastore's type is not the one the job says
     *     or it needs variables this environment has not set (before any row moves)
     */
    public static Sync create(Datastores datastores, SyncJob job) {
        Objects.requireNonNull(datastores, "datastores is null");
        Objects.requireNonNull(job, "job is null");
        if (job.target() == null) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_CONFIG,
                    "Sync job '" + job.name() + "' has no target: add "
                            + "target_provider.data_backend with datastore_name (and schema), or use job.withTarget(...)");
        }
        List<Datastores> owned = new ArrayList<>();
        try {
            Datastore source = SyncEndpoints.open(datastores, job, job.source(), "source_provider", owned);
            Datastore target = SyncEndpoints.open(datastores, job, job.target(), "target_provider", owned);
            if (job.deleteDetection() != DeleteDetection.NONE
                    && !target.capabilities().contains(Capability.TRANSACTIONS)) {
                throw DatastoreException.of(
                        ErrorCode.INVALID_CONFIG,
                        target.name(),
                        target.type(),
                        "Sync job '"
                                + job.name() + "': delete_detection: "
                                + job.deleteDetection().name().toLowerCase(Locale.ROOT)
                                + " is not supported yet on targets without transactions (" + target.type()
                                + "): its DELETE "
                                + "and UPDATE with a correlated subquery do not run there; use delete_detection: none, or mode: full");
            }
            return new Sync(job, source, target, owned);
        } catch (RuntimeException e) {
            owned.forEach(Datastores::close);
            throw e;
        }
    }

    /** @return the job this sync runs */
    public SyncJob job() {
        return job;
    }

    /**
     * @param listener told of runs, completions and errors
     * @return this sync
     */
    public Sync addListener(SyncListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener is null"));
        return this;
    }

    /**
     * Syncs every table of the job now, waiting for a run in progress to end first.
     *
     * @return what each table did; failed tables carry their error
     * @throws DatastoreException when the run as a whole cannot proceed (state table unreachable)
     */
    public SyncStats run() {
        return trigger();
    }

    /**
     * Syncs some tables now (all of the job's when none are named), waiting for a run in progress
     * to end first.
     *
     * @param tables table names, exact
     * @return what each table did; failed tables carry their error
     * @throws DatastoreException when the run as a whole cannot proceed (state table unreachable)
     */
    public SyncStats trigger(String... tables) {
        runLock.lock();
        try {
            return runLocked(List.of(tables));
        } finally {
            runLock.unlock();
        }
    }

    /**
     * Schedules a run every {@code sync_interval} minutes, the first one now; does nothing when the
     * job is not {@code enabled}. A run still going when the next is due makes that one skip.
     */
    public synchronized void start() {
        if (!job.enabled()) {
            LOG.log(System.Logger.Level.INFO, "[{0}] Not scheduling: the job is disabled (enabled: false)", job.name());
            return;
        }
        start(Duration.ofMinutes(job.syncIntervalMinutes()));
    }

    /** Schedules with any period; the tests use short ones. */
    synchronized void start(Duration period) {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "datastores-sync-" + job.name());
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::scheduledRun, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void scheduledRun() {
        if (!runLock.tryLock()) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "[{0}] Skipping a scheduled run: the previous one is still going",
                    job.name());
            return;
        }
        try {
            runLocked(List.of());
        } catch (RuntimeException e) {
            // Already told to the listeners; the scheduler must outlive a failed run.
            LOG.log(System.Logger.Level.WARNING, "[" + job.name() + "] Sync run failed: " + e.getMessage());
        } finally {
            runLock.unlock();
        }
    }

    /**
     * @return the stored state of every table and whether a run is going; creates the state table
     *     if it does not exist yet
     */
    public SyncStatus status() {
        state.create();
        Map<String, SyncStatus.TableStatus> tables = new LinkedHashMap<>();
        Instant last = null;
        for (StateStore.Row row : state.load().values()) {
            tables.put(
                    row.table(),
                    new SyncStatus.TableStatus(
                            row.cursor() == null ? null : row.cursor().value(),
                            row.cursor() == null ? "null" : row.cursor().json(),
                            row.recordCount(),
                            row.lastSyncTime(),
                            row.lastError(),
                            row.durationMillis()));
            if (row.lastSyncTime() != null
                    && (last == null || row.lastSyncTime().isAfter(last))) {
                last = row.lastSyncTime();
            }
        }
        return new SyncStatus(last, tables, runLock.isLocked());
    }

    /**
     * Forgets one table's state, so its next run reads the whole source table again (and upserts
     * it); the target table is kept. Waits for a run in progress.
     *
     * @param table the table name
     */
    public void reset(String table) {
        runLock.lock();
        try {
            state.create();
            state.delete(table);
        } finally {
            runLock.unlock();
        }
    }

    /** Forgets every table's state of this job; see {@link #reset(String)}. */
    public void reset() {
        runLock.lock();
        try {
            state.create();
            state.deleteAll();
        } finally {
            runLock.unlock();
        }
    }

    /** Stops the schedule, waits for a run in progress, and closes datastores the job opened inline. */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = scheduler;
            scheduler = null;
        }
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(1, TimeUnit.HOURS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        runLock.lock();
        try {
            owned.forEach(Datastores::close);
        } finally {
            runLock.unlock();
        }
    }

    /** Test hook: runs after a table's rows are committed and before its state is written. */
    void afterWrite(Consumer<String> hook) {
        context.afterWrite(Objects.requireNonNull(hook, "hook is null"));
    }

    /** Test hook: told after each batch written, with the table name (besides the listeners). */
    void onProgress(BiConsumer<String, TransferProgress> listener) {
        context.onProgress(progressToListeners().andThen(listener));
    }

    private BiConsumer<String, TransferProgress> progressToListeners() {
        return (table, progress) -> tell(listener -> listener.onProgress(table, progress));
    }

    private SyncStats runLocked(List<String> requested) {
        long started = System.nanoTime();
        List<TableOptions> tables;
        Map<String, StateStore.Row> rows;
        try {
            tables = tables(requested);
            state.create();
            rows = state.load();
        } catch (RuntimeException e) {
            DatastoreException error = TableRun.wrap(job, e, null);
            tell(l -> l.onSyncError(error));
            throw error;
        }
        tell(l -> l.onSyncStart(tables.stream().map(TableOptions::name).toList()));
        List<SyncStats.TableStats> stats = new ArrayList<>();
        for (TableOptions table : tables) {
            stats.add(new TableRun(context, state, this::tell, table, rows.get(table.name())).run());
        }
        SyncStats result = new SyncStats(stats, (System.nanoTime() - started) / 1_000_000);
        tell(l -> l.onSyncComplete(result));
        return result;
    }

    private List<TableOptions> tables(List<String> requested) {
        List<TableOptions> configured = job.tables();
        if (configured.isEmpty()) {
            // Every table of the source schema, but never this SDK's own bookkeeping tables.
            configured = context.source().tables(job.source().schema()).stream()
                    .map(TableRef::name)
                    .filter(name -> !name.startsWith("_datastores_"))
                    .sorted()
                    .map(TableOptions::of)
                    .toList();
        }
        if (requested.isEmpty()) {
            return configured;
        }
        List<TableOptions> chosen = new ArrayList<>();
        for (String name : requested) {
            chosen.add(configured.stream()
                    .filter(t -> t.name().equals(name))
                    .findFirst()
                    .orElseGet(() -> TableOptions.of(name)));
        }
        return chosen;
    }

    private void tell(Consumer<SyncListener> event) {
        for (SyncListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "[" + job.name() + "] A sync listener failed: " + e);
            }
        }
    }
}
