package io.datastores.spark;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.bulk.PartitionedRead;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.core.Reads;
import java.io.Serial;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.execution.QueryExecution;

/**
 * A scan's partitions on the driver. Spark plans a query's input partitions once and launches them
 * again for every later action on the same {@code Dataset} ({@code collect()} twice); the first
 * action's end releases what they share ({@link SnapshotHolds}: PostgreSQL's exported snapshot). So
 * each partition is shipped as it is when its task is launched ({@link Planned#writeReplace}): while
 * the read is held, as planned; once it was released, from the read planned again on a new snapshot,
 * held for the executions running the query now (every running execution, for a query planned outside
 * any, whose read is released as soon as it is planned). A new plan with another number of partitions (the
 * table's size changed a lot) fails the action, naming the remedy. Thread-safe.
 */
final class ScanPartitions {
    private final Object scan;
    private final ShippedConfig config;
    private final ConnectorOptions options;
    private final ReadRequest request;
    private final List<String> columns;
    private final QueryExecution query;
    private PartitionedRead read;

    private ScanPartitions(
            Object scan, ShippedConfig config, ConnectorOptions options, ReadRequest request, List<String> columns) {
        this.scan = scan;
        this.config = config;
        this.options = options;
        this.request = request;
        this.columns = columns;
        this.read = Reads.partition(datastore(), request, options.partitions());
        this.query = SnapshotHolds.hold(scan, read);
    }

    /**
     * Plans a scan's read into partitions and holds what they share.
     *
     * @param scan the scan (its garbage collection releases the read)
     * @param config the configuration
     * @param options the read's options
     * @param request the read, before partitioning
     * @param columns the columns Spark reads, in order
     * @return Spark's input partitions
     */
    static InputPartition[] plan(
            Object scan, ShippedConfig config, ConnectorOptions options, ReadRequest request, List<String> columns) {
        ScanPartitions partitions = new ScanPartitions(scan, config, options, request, columns);
        return IntStream.range(0, partitions.read.partitions().size())
                .mapToObj(index -> new Planned(partitions, index))
                .toArray(InputPartition[]::new);
    }

    private Datastore datastore() {
        return config.open().require(options.datastore());
    }

    /** @return the partition as planned last, without planning again */
    synchronized DatastoresInputPartition planned(int index) {
        return new DatastoresInputPartition(
                config, options.datastore(), read.partitions().get(index), columns);
    }

    /** @return the partition to ship now, planning the read again when what it shared was released */
    synchronized DatastoresInputPartition shipped(int index) {
        if (!SnapshotHolds.held(read)) {
            int planned = read.partitions().size();
            PartitionedRead again = Reads.partition(datastore(), request, options.partitions());
            if (again.partitions().size() != planned) {
                again.close();
                throw DatastoreException.of(
                        ErrorCode.INVALID_DATA,
                        options.datastore(),
                        datastore().type(),
                        "Reading " + options.describe() + " again for a later action on the same Dataset split it into "
                                + again.partitions().size() + " partitions where the first action had " + planned
                                + " (the table's size changed): build the DataFrame again (spark.read()…load())"
                                + " or cache() it");
            }
            if (query != null) {
                SnapshotHolds.holdAgain(scan, again, query);
            } else {
                SnapshotHolds.holdWhileRunning(scan, again);
            }
            read = again;
        }
        return planned(index);
    }

    /**
     * One input partition on the driver; what travels in its task is {@link #writeReplace()}'s.
     */
    static final class Planned implements InputPartition {
        @Serial
        private static final long serialVersionUID = 1L;

        private final transient ScanPartitions partitions;
        private final int index;

        Planned(ScanPartitions partitions, int index) {
            this.partitions = partitions;
            this.index = index;
        }

        /** @return the partition as it reads now: shipped inside the task being launched */
        @Serial
        private Object writeReplace() {
            return partitions.shipped(index);
        }

        /** @return the partition as planned last, naming the configuration's file only */
        @Override
        public String toString() {
            return partitions.planned(index).toString();
        }
    }
}
