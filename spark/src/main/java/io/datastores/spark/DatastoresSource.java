package io.datastores.spark;

import io.datastores.api.Datastore;
import io.datastores.core.Reads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.ArrowUtils;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The {@code datastores} data source: {@code spark.read.format("datastores").option("config", path)
 * .option("datastore", "pg").option("table", "public.orders").load()} reads any datastore of a
 * {@code datastores.yaml} through its bulk reader, and {@code df.write.format("datastores")…save()}
 * writes through its bulk writer. Options: see {@code ConnectorOptions} and the module README.
 * Found by Spark through {@code META-INF/services/org.apache.spark.sql.sources.DataSourceRegister}.
 *
 * <p>Spark creates instances as it needs them; each is stateless.
 */
public final class DatastoresSource implements TableProvider, DataSourceRegister {

    /** Spark instantiates the source by its no-argument constructor. */
    public DatastoresSource() {}

    /** @return {@code datastores}, the name given to {@code format(...)} */
    @Override
    public String shortName() {
        return "datastores";
    }

    /**
     * Reads the source's schema from the datastore: a read of no rows, whose Arrow schema is mapped
     * by {@code SparkColumns}. A table that does not exist yet (the target of a write) has an empty
     * schema; a write takes its schema from the data written ({@link #supportsExternalMetadata()}).
     */
    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        ConnectorOptions parsed = ConnectorOptions.parse(options.asCaseSensitiveMap());
        Datastore datastore =
                ShippedConfig.read(Path.of(parsed.config())).open().require(parsed.datastore());
        if (parsed.table() != null && datastore.describeIfExists(parsed.table()).isEmpty()) {
            return new StructType();
        }
        try (BufferAllocator allocator =
                        ArrowUtils.rootAllocator().newChildAllocator("datastores schema", 0, Long.MAX_VALUE);
                ArrowReader reader =
                        Reads.open(datastore, parsed.readRequest().withLimit(0L).withBatchSize(1), allocator)) {
            return SparkColumns.sparkSchema(reader.getVectorSchemaRoot().getSchema());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return true: a write brings its own schema, so a missing target table need not be read first */
    @Override
    public boolean supportsExternalMetadata() {
        return true;
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        ConnectorOptions parsed = ConnectorOptions.parse(properties);
        return new DatastoresTable(parsed, ShippedConfig.read(Path.of(parsed.config())), schema);
    }
}
