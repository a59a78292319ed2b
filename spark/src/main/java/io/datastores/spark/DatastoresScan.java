package io.datastores.spark;

import io.datastores.api.bulk.Predicate;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.core.Reads;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructType;

/**
 * A read of the datastore as a batch scan: its input partitions are the datastore's own
 * ({@link Reads#partition}), one task each, and each task reads its partition as columnar batches.
 * Where the datastore shares one snapshot between partitions (PostgreSQL), the driver holds it
 * ({@link SnapshotHolds}) until the action that planned the scan ends, and plans it again for a later
 * action on the same {@code Dataset} ({@link ScanPartitions}).
 */
final class DatastoresScan implements Scan, Batch {
    private final ConnectorOptions options;
    private final ShippedConfig config;
    private final StructType schema;
    private final StructType required;
    private final Predicate filter;

    DatastoresScan(
            ConnectorOptions options, ShippedConfig config, StructType schema, StructType required, Predicate filter) {
        this.options = options;
        this.config = config;
        this.schema = schema;
        this.required = required;
        this.filter = filter;
    }

    @Override
    public StructType readSchema() {
        return required;
    }

    /** @return what is read, with the columns and the filter the datastore was given: shown in the plan */
    @Override
    public String description() {
        return "DatastoresScan " + options.describe() + " columns=" + Arrays.toString(required.fieldNames())
                + " pushedFilter=" + (filter == null ? "none" : filter) + " partitions<=" + options.partitions();
    }

    @Override
    public Batch toBatch() {
        return this;
    }

    @Override
    public InputPartition[] planInputPartitions() {
        List<String> columns = Arrays.asList(required.fieldNames());
        // No column asked for (count(*)): read the first one, for the row counts alone.
        List<String> read = columns.isEmpty() ? List.of(schema.fieldNames()[0]) : columns;
        ReadRequest request = options.readRequest()
                .withColumns(read.size() == schema.size() ? List.of() : read)
                .withFilter(filter);
        return ScanPartitions.plan(this, config, options, request, columns);
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new DatastoresReaderFactory();
    }
}
