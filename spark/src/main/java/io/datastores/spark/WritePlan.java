package io.datastores.spark;

import io.datastores.api.TableRef;
import io.datastores.api.bulk.TableCreator.ColumnDefinition;
import io.datastores.api.bulk.WriteMode;
import java.io.Serializable;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.ArrowUtils;

/**
 * What every task of one write does, decided once on the driver and shipped in the writer factory.
 *
 * @param config the configuration
 * @param datastore the target datastore's name
 * @param target the target table
 * @param mode how the target's rows are treated
 * @param key the key columns of an upsert
 * @param staged whether tasks load staging tables that the driver's commit moves into the target in one
 *     transaction ({@code true}), or write into the target directly
 * @param stagingPrefix the name every staging table of this write starts with
 * @param columns the target's columns (types as the datastore writes them), for staging tables
 * @param schema the rows' Spark schema
 * @param timeZone Spark's session time zone, which Spark's own Arrow conversion labels timestamps with
 * @param batchSize rows per Arrow batch
 */
record WritePlan(
        ShippedConfig config,
        String datastore,
        TableRef target,
        WriteMode mode,
        List<String> key,
        boolean staged,
        String stagingPrefix,
        List<Column> columns,
        StructType schema,
        String timeZone,
        int batchSize)
        implements Serializable {

    /**
     * A target column, serialisable.
     *
     * @param name its name
     * @param type its type as {@code CREATE TABLE} writes it
     * @param nullable whether it accepts NULL
     */
    record Column(String name, String type, boolean nullable) implements Serializable {
        ColumnDefinition definition() {
            return new ColumnDefinition(name, type, nullable);
        }
    }

    /** @return the rows' Arrow schema, as Spark's Arrow conversion makes it */
    Schema arrowSchema() {
        return arrowSchema(schema, timeZone);
    }

    /**
     * @param schema rows' Spark schema
     * @param timeZone the session time zone timestamps are labelled with
     * @return their Arrow schema, as Spark's Arrow conversion makes it
     */
    static Schema arrowSchema(StructType schema, String timeZone) {
        return ArrowUtils.toArrowSchema(schema, timeZone, true, false);
    }

    /** @return the column definitions of a staging table or a created target */
    List<ColumnDefinition> definitions() {
        return columns.stream().map(Column::definition).toList();
    }

    /**
     * @param partition the Spark partition
     * @param task the task attempt's id, unique in the application
     * @return the staging table of that attempt, in the target's schema
     */
    TableRef staging(int partition, long task) {
        return TableRef.of(target.schema(), stagingPrefix + partition + "_" + task);
    }

    /**
     * @param partition the Spark partition
     * @return the write id of a direct write's partition ({@code dss_<write>_<partition>}): the same for
     *     every attempt of the partition (a retried or speculative task), so a target whose loads are
     *     labelled (ClickHouse's deduplication token, StarRocks' Stream Load label) stores its batches
     *     once; distinct between partitions, so partitions holding equal rows are all kept
     */
    String writeId(int partition) {
        return stagingPrefix + partition;
    }
}
