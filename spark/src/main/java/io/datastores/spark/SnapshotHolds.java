package io.datastores.spark;

import io.datastores.api.bulk.PartitionedRead;
import java.lang.ref.Cleaner;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a scan's {@link PartitionedRead} open on the driver for as long as the scan may still run.
 * Spark has no end-of-scan callback, and one planned scan serves every action on its DataFrame,
 * so a shared snapshot (PostgreSQL's exported snapshot, held by one connection in an idle
 * transaction) must outlive the first job: it is released when the scan is no longer reachable
 * (garbage-collected with its plan) or when the driver JVM exits, whichever comes first.
 * Thread-safe.
 */
final class SnapshotHolds {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final Set<PartitionedRead> HELD = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> HELD.forEach(SnapshotHolds::release),
                "datastores-spark-snapshots"));
    }

    private SnapshotHolds() {
    }

    /**
     * @param scan the scan whose partitions share what {@code read} holds
     * @param read the partitions; released once {@code scan} is unreachable
     */
    static void hold(Object scan, PartitionedRead read) {
        HELD.add(read);
        CLEANER.register(scan, () -> release(read));
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
}
