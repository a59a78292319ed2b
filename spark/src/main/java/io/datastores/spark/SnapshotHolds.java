package io.datastores.spark;

import io.datastores.api.bulk.PartitionedRead;
import java.lang.ref.Cleaner;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd;

/**
 * Keeps a scan's {@link PartitionedRead} open on the driver while its tasks may still start: where
 * the datastore shares one snapshot between partitions (PostgreSQL exports one, held by a connection
 * in an idle transaction), a task that starts after it is released cannot join it. Spark has no
 * end-of-scan callback, so a read planned inside a SQL execution (an action) is released when that
 * execution ends, all its tasks done; one planned outside any (an {@code explain()}) when the scan
 * is garbage-collected; anything left when the driver JVM exits. Thread-safe.
 */
final class SnapshotHolds {
    private static final String EXECUTION_ID = "spark.sql.execution.id";
    private static final Cleaner CLEANER = Cleaner.create();
    private static final Set<PartitionedRead> HELD = ConcurrentHashMap.newKeySet();
    private static final Map<Long, Set<PartitionedRead>> BY_EXECUTION = new ConcurrentHashMap<>();
    private static final Set<SparkContext> LISTENING =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> HELD.forEach(SnapshotHolds::release), "datastores-spark-snapshots"));
    }

    private SnapshotHolds() {}

    /**
     * @param scan the scan whose partitions share what {@code read} holds
     * @param read the partitions
     */
    static void hold(Object scan, PartitionedRead read) {
        HELD.add(read);
        CLEANER.register(scan, () -> release(read));
        SparkContext context = SparkSession.active().sparkContext();
        String execution = context.getLocalProperty(EXECUTION_ID);
        if (execution != null) {
            if (LISTENING.add(context)) {
                context.addSparkListener(new ExecutionEnds());
            }
            BY_EXECUTION
                    .computeIfAbsent(Long.parseLong(execution), id -> ConcurrentHashMap.newKeySet())
                    .add(read);
        }
    }

    private static void release(PartitionedRead read) {
        if (HELD.remove(read)) {
            try {
                read.close();
            } catch (RuntimeException e) {
                // The snapshot's connection is gone already (its pool closed first): nothing is held.
            }
        }
    }

    /** Releases the reads planned in a SQL execution once it ends. */
    private static final class ExecutionEnds extends SparkListener {
        @Override
        public void onOtherEvent(SparkListenerEvent event) {
            if (event instanceof SparkListenerSQLExecutionEnd end) {
                Set<PartitionedRead> reads = BY_EXECUTION.remove(end.executionId());
                if (reads != null) {
                    reads.forEach(SnapshotHolds::release);
                }
            }
        }
    }
}
