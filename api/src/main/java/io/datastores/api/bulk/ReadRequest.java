package io.datastores.api.bulk;

import io.datastores.api.TableRef;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link BulkReader} reads: a table or the rows of a SQL query, and optionally only some of
 * its columns (projection), the rows a {@link Predicate} selects, at most a number of rows, or one
 * {@link ReadPartition} of them. Structured parts work on every datastore with a bulk reader:
 * what the reader does not do itself ({@link BulkReader#pushdown}) is done on the Arrow batches by
 * {@code io.datastores.core.Reads}. SQL text reads remain for SQL datastores. Immutable and
 * serialisable (the bound values must be too).
 *
 * @param table the table to read, or {@code null} when reading a query
 * @param query the query to read, or {@code null} when reading a table
 * @param params values bound to the query's {@code ?} markers
 * @param columns the columns wanted, in order; empty for all of them
 * @param filter the rows wanted, or {@code null} for all of them
 * @param limit the most rows wanted, or {@code null} for no limit
 * @param partition the part of the rows to read, or {@code null} for all of them
 * @param batchSize the most rows in one batch
 */
public record ReadRequest(
        TableRef table,
        String query,
        List<Object> params,
        List<String> columns,
        Predicate filter,
        Long limit,
        ReadPartition partition,
        int batchSize)
        implements Serializable {

    /** The default number of rows per batch. */
    public static final int DEFAULT_BATCH_SIZE = 65_536;

    /**
     * Checks that exactly one of table and query is given, that columns are distinct and the
     * limit and batch size are sensible.
     *
     * @param table the table to read, or {@code null} when reading a query
     * @param query the query to read, or {@code null} when reading a table
     * @param params values bound to the query's {@code ?} markers
     * @param columns the columns wanted, in order; empty for all of them
     * @param filter the rows wanted, or {@code null} for all of them
     * @param limit the most rows wanted, or {@code null} for no limit
     * @param partition the part of the rows to read, or {@code null} for all of them
     * @param batchSize the most rows in one batch
     */
    public ReadRequest {
        if ((table == null) == (query == null)) {
            throw new IllegalArgumentException("exactly one of table and query must be given");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        params = List.copyOf(Objects.requireNonNull(params, "params is null"));
        columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (column.isEmpty() || !seen.add(column)) {
                throw new IllegalArgumentException("columns must be distinct names: " + columns);
            }
        }
    }

    /**
     * A table or query read with no structured parts.
     *
     * @param table the table to read, or {@code null} when reading a query
     * @param query the query to read, or {@code null} when reading a table
     * @param params values bound to the query's {@code ?} markers
     * @param batchSize the most rows in one batch
     */
    public ReadRequest(TableRef table, String query, List<Object> params, int batchSize) {
        this(table, query, params, List.of(), null, null, null, batchSize);
    }

    /**
     * @param table the table to read
     * @return a request for every row of the table in default-sized batches
     */
    public static ReadRequest table(TableRef table) {
        return new ReadRequest(Objects.requireNonNull(table, "table is null"), null, List.of(), DEFAULT_BATCH_SIZE);
    }

    /**
     * @param sql the query
     * @param params values bound in order
     * @return a request for the query's rows in default-sized batches
     */
    public static ReadRequest query(String sql, Object... params) {
        return new ReadRequest(null, Objects.requireNonNull(sql, "sql is null"), List.of(params), DEFAULT_BATCH_SIZE);
    }

    /**
     * @param rows the most rows in one batch
     * @return a copy with that batch size
     */
    public ReadRequest withBatchSize(int rows) {
        return new ReadRequest(table, query, params, columns, filter, limit, partition, rows);
    }

    /**
     * @param wanted the columns wanted, in order; none for all of them
     * @return a copy reading only those columns
     */
    public ReadRequest withColumns(List<String> wanted) {
        return new ReadRequest(table, query, params, wanted, filter, limit, partition, batchSize);
    }

    /**
     * @param wanted the columns wanted, in order; none for all of them
     * @return a copy reading only those columns
     */
    public ReadRequest withColumns(String... wanted) {
        return withColumns(List.of(wanted));
    }

    /**
     * @param rows the rows wanted, or {@code null} for all of them
     * @return a copy reading only those rows
     */
    public ReadRequest withFilter(Predicate rows) {
        return new ReadRequest(table, query, params, columns, rows, limit, partition, batchSize);
    }

    /**
     * @param rows the most rows wanted, or {@code null} for no limit
     * @return a copy reading at most that many rows
     */
    public ReadRequest withLimit(Long rows) {
        return new ReadRequest(table, query, params, columns, filter, rows, partition, batchSize);
    }

    /**
     * @param part one part of the rows, made by {@link BulkReader#partition}
     * @return a copy reading only that part
     */
    public ReadRequest withPartition(ReadPartition part) {
        return new ReadRequest(table, query, params, columns, filter, limit, part, batchSize);
    }

    /** @return whether the request asks for anything but all rows and columns of a table or query */
    public boolean isStructured() {
        return !columns.isEmpty() || filter != null || limit != null || partition != null;
    }

    /** @return the table, or {@code a query}, for messages */
    public String describe() {
        String what = table != null ? table.toString() : "a query";
        return partition == null ? what : what + " (" + partition + ")";
    }

    /**
     * @return every column the filter names, in first-mention order
     */
    public List<String> filterColumns() {
        List<String> names = new ArrayList<>();
        collect(filter, names);
        return names;
    }

    private static void collect(Predicate predicate, List<String> names) {
        if (predicate instanceof Predicate.And and) {
            and.parts().forEach(p -> collect(p, names));
        } else if (predicate instanceof Predicate.Or or) {
            or.parts().forEach(p -> collect(p, names));
        } else if (predicate instanceof Predicate.Not not) {
            collect(not.part(), names);
        } else if (predicate != null) {
            String column = predicate instanceof Predicate.Compare c
                    ? c.column()
                    : predicate instanceof Predicate.In in
                            ? in.column()
                            : predicate instanceof Predicate.IsNull n
                                    ? n.column()
                                    : ((Predicate.IsNotNull) predicate).column();
            if (!names.contains(column)) {
                names.add(column);
            }
        }
    }
}
