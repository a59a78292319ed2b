package io.datastores.jdbc;

import io.datastores.api.bulk.BulkReader;
import io.datastores.api.bulk.PartitionedRead;
import io.datastores.api.bulk.Pushdown;
import io.datastores.api.bulk.ReadRequest;

/**
 * A bulk reader of a SQL database: the whole structured read (filter, projection, limit and a
 * partition's key range) is written into its {@code SELECT} by {@link ReadSql}, so everything is
 * pushed down; a table with a single integer primary key splits into key ranges. Public API of
 * {@code datastores-jdbc}: providers' own readers implement it to get both.
 */
public interface SqlBulkReader extends BulkReader {

    /** @return the datastore read */
    JdbcDatastore datastore();

    /** Everything: the filter, projection and limit are in the query. */
    @Override
    default Pushdown pushdown(ReadRequest request) {
        return Pushdown.all(request);
    }

    /** Key ranges of a single-column integer primary key, between its minimum and maximum. */
    @Override
    default PartitionedRead partition(ReadRequest request, int count) {
        return KeyRanges.partition(datastore(), request, count);
    }
}
