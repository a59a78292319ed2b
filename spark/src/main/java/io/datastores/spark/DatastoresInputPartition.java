package io.datastores.spark;

import io.datastores.api.bulk.ReadRequest;
import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One task's part of a read, shipped to an executor inside the task: the configuration (whose
 * values never print: {@link ShippedConfig#toString()}), the datastore's name and the partition's
 * request.
 *
 * @param config the configuration
 * @param datastore the datastore's name
 * @param request the partition's read, as the datastore's reader made it
 * @param columns the columns Spark reads, in order (none for a count)
 */
record DatastoresInputPartition(ShippedConfig config, String datastore, ReadRequest request, List<String> columns)
        implements InputPartition {}
