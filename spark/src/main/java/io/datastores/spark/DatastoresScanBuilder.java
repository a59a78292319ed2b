package io.datastores.spark;

import io.datastores.api.Datastore;
import io.datastores.api.bulk.BulkReader;
import io.datastores.api.bulk.Predicate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;

/**
 * Puts Spark's column pruning and filters into the structured read. A filter is pushed only when it
 * translates exactly ({@link SparkFilters}) and the datastore's own reader evaluates it
 * ({@link BulkReader#pushdown} leaves nothing residual); every other filter is returned, so Spark
 * applies it after the scan. With {@code pushdown=false} nothing is pushed and every column read.
 */
final class DatastoresScanBuilder implements ScanBuilder, SupportsPushDownRequiredColumns, SupportsPushDownFilters {
    private final ConnectorOptions options;
    private final ShippedConfig config;
    private final StructType schema;
    private StructType required;
    private Filter[] pushed = new Filter[0];
    private Predicate filter;

    DatastoresScanBuilder(ConnectorOptions options, ShippedConfig config, StructType schema) {
        this.options = options;
        this.config = config;
        this.schema = schema;
        this.required = schema;
    }

    @Override
    public Filter[] pushFilters(Filter[] filters) {
        if (!options.pushdown()) {
            return filters;
        }
        Datastore datastore = config.open().require(options.datastore());
        BulkReader reader = datastore.bulkReader();
        SparkFilters translation = new SparkFilters(schema);
        List<Filter> accepted = new ArrayList<>();
        List<Predicate> predicates = new ArrayList<>();
        List<Filter> left = new ArrayList<>();
        for (Filter candidate : filters) {
            Predicate predicate = translation.translate(candidate);
            if (predicate != null
                    && reader.pushdown(options.readRequest().withFilter(predicate))
                                    .residual()
                            == null) {
                accepted.add(candidate);
                predicates.add(predicate);
            } else {
                left.add(candidate);
            }
        }
        pushed = accepted.toArray(Filter[]::new);
        filter = predicates.isEmpty()
                ? null
                : predicates.size() == 1 ? predicates.get(0) : new Predicate.And(predicates);
        return left.toArray(Filter[]::new);
    }

    @Override
    public Filter[] pushedFilters() {
        return pushed;
    }

    @Override
    public void pruneColumns(StructType requiredSchema) {
        if (options.pushdown()) {
            required = requiredSchema;
        }
    }

    @Override
    public Scan build() {
        return new DatastoresScan(options, config, schema, required, filter);
    }
}
