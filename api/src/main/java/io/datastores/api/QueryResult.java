package io.datastores.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The complete result of {@link Datastore#query}: immutable, safe to share between threads.
 *
 * @param columns the column labels, in select order
 * @param rows each row as a map from column label to value, iterating in column order
 * @param rowCount the number of rows
 * @param executionMillis wall time from sending the statement to the last row read
 */
public record QueryResult(List<String> columns, List<Map<String, Object>> rows, int rowCount, long executionMillis) {

    /**
     * Copies the lists so the result cannot change afterwards.
     *
     * @param columns the column labels, in select order
     * @param rows each row as a map from column label to value, iterating in column order
     * @param rowCount the number of rows
     * @param executionMillis wall time from sending the statement to the last row read
     */
    public QueryResult {
        columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
        rows = List.copyOf(Objects.requireNonNull(rows, "rows is null"));
    }

    /**
     * @return the value of the first column of the first row, or {@code null} when there are no rows
     */
    public Object scalar() {
        return rows.isEmpty() || columns.isEmpty() ? null : rows.get(0).get(columns.get(0));
    }
}
