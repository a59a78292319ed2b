package io.datastores.spark;

import io.datastores.api.bulk.PartitionedRead;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SQLExecution;
import org.apache.spark.sql.execution.SQLExecution$;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd;

/**
 * Keeps a scan's {@link PartitionedRead} open on the driver while its tasks may still start: where
 * the datastore shares one snapshot between partitions (PostgreSQL exports one, held by a connection
 * in an idle transaction), a task that starts after it is released cannot join it. Spark has no
 * end-of-scan callback, so a read planned inside a SQL execution (an action) is held while that
 * execution runs and while any other execution of the same query runs (a second action on the same
 * {@code Dataset} reuses its planned partitions), and released when the last of them ends. One
 * planned outside any execution ({@code explain()}, {@code cache()}: a plan that may never run) is
 * not held at all but released at once; the first task launched plans it again, held while the
 * executions running then run. Anything left is released when the driver JVM exits. A read released
 * before a later execution starts is planned again by {@link ScanPartitions}. Thread-safe.
 */
final class SnapshotHolds {
    private static final String EXECUTION_ID = "spark.sql.execution.id";
    private static final Cleaner CLEANER = Cleaner.create();
    private static final Set<PartitionedRead> HELD = ConcurrentHashMap.newKeySet();
    private static final Map<Long, Set<PartitionedRead>> BY_EXECUTION = new ConcurrentHashMap<>();
    /** The query whose executions a read serves; weak, so that holding a read never keeps a plan alive. */
    private static final Map<PartitionedRead, WeakReference<QueryExecution>> QUERIES = new ConcurrentHashMap<>();

    private static final Set<SparkContext> LISTENING =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> HELD.forEach(SnapshotHolds::release), "datastores-spark-snapshots"));
    }

    private SnapshotHolds() {}

    /**
     * Holds a read planned now, on the thread planning the scan.
     *
     * @param scan the scan whose partitions share what {@code read} holds
     * @param read the partitions
     * @return the query being executed, or {@code null} when the scan was planned outside an execution
     */
    static QueryExecution hold(Object scan, PartitionedRead read) {
        SparkContext context = SparkSession.active().sparkContext();
        String execution = context.getLocalProperty(EXECUTION_ID);
        if (execution == null) {
            // Held until the scan was garbage-collected, a cached Dataset kept PostgreSQL's snapshot (a
            // connection idle in a transaction) for as long as it stayed cached, and explain() one per call.
            HELD.add(read);
            release(read);
            return null;
        }
        HELD.add(read);
        CLEANER.register(scan, () -> release(read));
        listen(context);
        long id = Long.parseLong(execution);
        QueryExecution query = SQLExecution.getQueryExecution(id);
        if (query != null) {
            QUERIES.put(read, new WeakReference<>(query));
        }
        BY_EXECUTION.computeIfAbsent(id, any -> ConcurrentHashMap.newKeySet()).add(read);
        return query;
    }

    /**
     * Holds a read planned again, while tasks of a later execution of {@code query} are being launched:
     * until every execution of the query running now has ended (or, when none is, until the scan is
     * garbage-collected).
     *
     * @param scan the scan whose partitions share what {@code read} holds
     * @param read the partitions
     * @param query the query whose execution needs them
     */
    static void holdAgain(Object scan, PartitionedRead read, QueryExecution query) {
        HELD.add(read);
        CLEANER.register(scan, () -> release(read));
        QUERIES.put(read, new WeakReference<>(query));
        for (long id : running(query, -1)) {
            BY_EXECUTION
                    .computeIfAbsent(id, any -> ConcurrentHashMap.newKeySet())
                    .add(read);
        }
    }

    /**
     * Holds a read planned again for a query planned outside any execution, while tasks are being
     * launched: until every execution running now has ended (the one launching them is among them), or,
     * when none is (a job that is no SQL execution), until the scan is garbage-collected.
     *
     * @param scan the scan whose partitions share what {@code read} holds
     * @param read the partitions
     */
    static void holdWhileRunning(Object scan, PartitionedRead read) {
        HELD.add(read);
        CLEANER.register(scan, () -> release(read));
        listen(SparkSession.active().sparkContext());
        for (long id : running(null, -1)) {
            BY_EXECUTION
                    .computeIfAbsent(id, any -> ConcurrentHashMap.newKeySet())
                    .add(read);
        }
    }

    private static void listen(SparkContext context) {
        if (LISTENING.add(context)) {
            context.addSparkListener(new ExecutionEnds());
        }
    }

    /**
     * @param read a read given to {@link #hold}, {@link #holdAgain} or {@link #holdWhileRunning}
     * @return whether it is still held
     */
    static boolean held(PartitionedRead read) {
        return HELD.contains(read);
    }

    /** @param query the query whose executions are wanted, or {@code null} for every running execution */
    private static List<Long> running(QueryExecution query, long except) {
        List<Long> ids = new ArrayList<>();
        // Spark's own registry of running executions (filled before an execution's jobs start), from Scala.
        SQLExecution$.MODULE$.executionIdToQueryExecution().forEach((id, running) -> {
            long execution = ((Number) id).longValue();
            if ((query == null || running == query) && execution != except) {
                ids.add(execution);
            }
        });
        return ids;
    }

    private static void release(PartitionedRead read) {
        QUERIES.remove(read);
        if (HELD.remove(read)) {
            try {
                read.close();
            } catch (RuntimeException e) {
                // The snapshot's connection is gone already (its pool closed first): nothing is held.
            }
        }
    }

    /** Passes an ended execution's reads on to other running executions of their query, or releases them. */
    private static void ended(long execution) {
        Set<PartitionedRead> reads = BY_EXECUTION.remove(execution);
        if (reads == null) {
            return;
        }
        for (PartitionedRead read : reads) {
            if (BY_EXECUTION.values().stream().anyMatch(others -> others.contains(read))) {
                continue;
            }
            WeakReference<QueryExecution> planned = QUERIES.get(read);
            QueryExecution query = planned == null ? null : planned.get();
            List<Long> still = query == null ? List.of() : running(query, execution);
            if (still.isEmpty()) {
                release(read);
            }
            for (long id : still) {
                BY_EXECUTION
                        .computeIfAbsent(id, any -> ConcurrentHashMap.newKeySet())
                        .add(read);
            }
        }
    }

    /** Releases the reads planned in a SQL execution once it ends. */
    private static final class ExecutionEnds extends SparkListener {
        @Override
        public void onOtherEvent(SparkListenerEvent event) {
            if (event instanceof SparkListenerSQLExecutionEnd end) {
                ended(end.executionId());
            }
        }
    }
}
