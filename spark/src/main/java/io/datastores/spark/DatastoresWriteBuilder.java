package io.datastores.spark;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.bulk.WriteMode;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.SupportsTruncate;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriteBuilder;

/**
 * Settles a write's mode: Spark's {@code mode("append")} appends, or does what option {@code mode}
 * says (upsert needs {@code key}); {@code mode("overwrite")} replaces the target's rows, and cannot
 * be combined with option {@code mode} upsert or append.
 */
final class DatastoresWriteBuilder implements WriteBuilder, SupportsTruncate, Write {
    private final ConnectorOptions options;
    private final ShippedConfig config;
    private final LogicalWriteInfo info;
    private boolean truncate;

    DatastoresWriteBuilder(ConnectorOptions options, ShippedConfig config, LogicalWriteInfo info) {
        this.options = options;
        this.config = config;
        this.info = info;
    }

    @Override
    public WriteBuilder truncate() {
        truncate = true;
        return this;
    }

    @Override
    public Write build() {
        return this;
    }

    @Override
    public String description() {
        return "DatastoresWrite " + options.describe();
    }

    @Override
    public BatchWrite toBatch() {
        if (options.table() == null) {
            throw DatastoreException.of(ErrorCode.INVALID_CONFIG, "A write needs option 'table', not 'query'");
        }
        WriteMode asked = options.mode() == null ? WriteMode.APPEND : options.mode();
        if (truncate && asked != WriteMode.APPEND && asked != WriteMode.OVERWRITE) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_CONFIG,
                    "Spark's mode(\"overwrite\") cannot be combined with " + "option 'mode' "
                            + asked.name().toLowerCase(Locale.ROOT) + "; use mode(\"append\")");
        }
        WriteMode mode = truncate ? WriteMode.OVERWRITE : asked;
        String timeZone = SparkSession.active().sessionState().conf().sessionLocalTimeZone();
        return DatastoresBatchWrite.plan(options, config, mode, info.schema(), timeZone);
    }
}
