package io.datastores.clickhouse;

import io.datastores.api.QueryResult;
import io.datastores.api.TableRef;
import io.datastores.jdbc.JdbcDatastore;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table's engine as {@code system.tables} states it: what decides whether inserts are
 * deduplicated and whether rows with the same key replace each other.
 *
 * @param engine the engine's name, such as {@code ReplacingMergeTree}
 * @param engineFull the engine clause with its settings
 * @param sortingKey the columns of {@code ORDER BY}, unquoted, in order
 */
record TableEngine(String engine, String engineFull, List<String> sortingKey) {

    /** @return the table's engine, or empty when the table does not exist */
    static Optional<TableEngine> of(JdbcDatastore datastore, TableRef table) {
        QueryResult result = datastore.query(
                "SELECT engine, engine_full, sorting_key FROM system.tables WHERE database = "
                        + (table.schema() == null ? "currentDatabase()" : "?") + " AND name = ?",
                table.schema() == null ? new Object[] {table.name()} : new Object[] {table.schema(), table.name()});
        if (result.rows().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> row = result.rows().get(0);
        return Optional.of(new TableEngine(
                String.valueOf(row.get("engine")),
                String.valueOf(row.get("engine_full")),
                keyColumns(String.valueOf(row.get("sorting_key")))));
    }

    /**
     * @param key a key as {@code system.tables} reports it: as written, so {@code `id`}, {@code (id)}
     *     or {@code "id", a, b}
     * @return its columns, unquoted, in order
     */
    static List<String> keyColumns(String key) {
        String columns = key.replace("`", "").replace("\"", "").strip();
        if (columns.startsWith("(") && columns.endsWith(")")) {
            columns = columns.substring(1, columns.length() - 1);
        }
        return columns.isEmpty()
                ? List.of()
                : Arrays.stream(columns.split(",")).map(String::strip).toList();
    }

    /** @return whether rows with the same sorting key replace each other when parts merge */
    boolean replacesRows() {
        return engine.endsWith("ReplacingMergeTree");
    }
}
