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
        QueryResult result = datastore.query("SELECT engine, engine_full, sorting_key FROM system.tables WHERE database = "
                + (table.schema() == null ? "currentDatabase()" : "?") + " AND name = ?",
                table.schema() == null ? new Object[] {table.name()} : new Object[] {table.schema(), table.name()});
        if (result.rows().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> row = result.rows().get(0);
        // Reported as written: `id`, (id) or "id", a, b.
        String sortingKey = String.valueOf(row.get("sorting_key")).replace("`", "").replace("\"", "").strip();
        if (sortingKey.startsWith("(") && sortingKey.endsWith(")")) {
            sortingKey = sortingKey.substring(1, sortingKey.length() - 1);
        }
        return Optional.of(new TableEngine(String.valueOf(row.get("engine")), String.valueOf(row.get("engine_full")),
                sortingKey.isEmpty() ? List.of() : Arrays.stream(sortingKey.split(",")).map(String::strip).toList()));
    }

    /** @return whether rows with the same sorting key replace each other when parts merge */
    boolean replacesRows() {
        return engine.endsWith("ReplacingMergeTree");
    }
}
