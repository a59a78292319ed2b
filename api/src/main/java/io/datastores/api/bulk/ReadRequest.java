package io.datastores.api.bulk;

import io.datastores.api.TableRef;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link BulkReader} reads: a whole table or the rows of a query.
 *
 * @param table the table to read, or {@code null} when reading a query
 * @param query the query to read, or {@code null} when reading a table
 * @param params values bound to the query's {@code ?} markers
 * @param batchSize the most rows in one batch
 */
public record ReadRequest(TableRef table, String query, List<Object> params, int batchSize) {

    /** The default number of rows per batch. */
    public static final int DEFAULT_BATCH_SIZE = 65_536;

    /**
     * Checks that exactly one of table and query is given and the batch size is positive.
     *
     * @param table the table to read, or {@code null} when reading a query
     * @param query the query to read, or {@code null} when reading a table
     * @param params values bound to the query's {@code ?} markers
     * @param batchSize the most rows in one batch
     */
    public ReadRequest {
        if ((table == null) == (query == null)) {
            throw new IllegalArgumentException("exactly one of table and query must be given");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        params = List.copyOf(Objects.requireNonNull(params, "params is null"));
    }

    /**
     * @param table the table to read
     * @return a request for every row of the table in default-sized batches
     */
    public static ReadRequest table(TableRef table) {
        return new ReadRequest(Objects.requireNonNull(table, "table is null"), null, List.of(),
                DEFAULT_BATCH_SIZE);
    }

    /**
     * @param sql the query
     * @param params values bound in order
     * @return a request for the query's rows in default-sized batches
     */
    public static ReadRequest query(String sql, Object... params) {
        return new ReadRequest(null, Objects.requireNonNull(sql, "sql is null"), List.of(params),
                DEFAULT_BATCH_SIZE);
    }

    /**
     * @param rows the most rows in one batch
     * @return a copy with that batch size
     */
    public ReadRequest withBatchSize(int rows) {
        return new ReadRequest(table, query, params, rows);
    }
}
