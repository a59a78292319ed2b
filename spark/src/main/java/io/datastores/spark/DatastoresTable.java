package io.datastores.spark;

import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** One table or query of one datastore, as Spark sees it: readable in batches, writable in batches. */
final class DatastoresTable implements SupportsRead, SupportsWrite {
    private final ConnectorOptions options;
    private final ShippedConfig config;
    private final StructType schema;

    DatastoresTable(ConnectorOptions options, ShippedConfig config, StructType schema) {
        this.options = options;
        this.config = config;
        this.schema = schema;
    }

    @Override
    public String name() {
        return "datastores " + options.describe();
    }

    // Spark 4.0 derives the deprecated schema()'s successor, columns(), from it.
    @Override
    @SuppressWarnings("deprecation")
    public StructType schema() {
        return schema;
    }

    @Override
    public Set<TableCapability> capabilities() {
        return EnumSet.of(TableCapability.BATCH_READ, TableCapability.BATCH_WRITE, TableCapability.TRUNCATE);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap ignored) {
        if (schema.isEmpty() && options.table() != null) {
            // No columns: the table was missing when Spark asked for its schema; describing it says so (NOT_FOUND).
            config.open().require(options.datastore()).describe(options.table());
        }
        return new DatastoresScanBuilder(options, config, schema);
    }

    @Override
    public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
        return new DatastoresWriteBuilder(options, config, info);
    }
}
