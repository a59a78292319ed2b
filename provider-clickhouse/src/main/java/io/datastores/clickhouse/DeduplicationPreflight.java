package io.datastores.clickhouse;

import io.datastores.api.TableRef;
import io.datastores.jdbc.JdbcDatastore;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * Checks whether a table honours {@code insert_deduplication_token}: Replicated MergeTree engines
 * do by default; plain MergeTree only with {@code non_replicated_deduplication_window > 0}; other
 * engines (Memory, Log, Distributed …) never. A no-op token means a retried batch could be stored
 * twice, so the writer warns with the fix.
 */
final class DeduplicationPreflight {
    private static final Pattern WINDOW = Pattern.compile("non_replicated_deduplication_window\\s*=\\s*(\\d+)");

    private DeduplicationPreflight() {}

    /** @return why the token would be a no-op on this table, or empty when it works */
    static Optional<String> problem(JdbcDatastore datastore, TableRef table) {
        Optional<TableEngine> found = TableEngine.of(datastore, table);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String engine = found.get().engine();
        if (engine.startsWith("Replicated") || engine.startsWith("Shared")) {
            return Optional.empty();
        }
        if (!engine.endsWith("MergeTree")) {
            return Optional.of("its engine " + engine + " never deduplicates inserts");
        }
        Matcher window = WINDOW.matcher(found.get().engineFull());
        // A table's own setting wins; without one, the server's MergeTree default applies.
        String value = window.find()
                ? window.group(1)
                : String.valueOf(datastore
                        .query("SELECT value FROM "
                                + "system.merge_tree_settings WHERE name = 'non_replicated_deduplication_window'")
                        .scalar());
        if (value.matches("\\d+") && Long.parseLong(value) > 0) {
            return Optional.empty();
        }
        return Optional.of("it is a non-replicated " + engine + " with non_replicated_deduplication_window = 0; fix: "
                + "ALTER TABLE " + datastore.dialect().qualify(table)
                + " MODIFY SETTING non_replicated_deduplication_window = "
                + ClickHouseTableCreator.DEDUPLICATION_WINDOW);
    }

    static void warnIfNoOp(JdbcDatastore datastore, TableRef table, Logger log) {
        problem(datastore, table)
                .ifPresent(why -> log.warn(
                        "[{}/{}] A batch retried after a lost response may be "
                                + "stored twice in {}: insert_deduplication_token is a no-op because {}",
                        datastore.name(),
                        datastore.type(),
                        table,
                        why));
    }
}
