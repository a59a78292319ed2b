package io.datastores.starrocks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Tables of the contract server held in memory. Thread-safe. */
final class MemoryContractStorage implements ContractStorage {
    private record Table(Map<String, Column> columns, List<String> primaryKey, List<Map<String, Object>> rows) {}

    private final Map<String, Table> tables = new ConcurrentHashMap<>();

    void create(String database, String table, Map<String, Column> columns, List<String> primaryKey) {
        tables.put(
                database + "." + table,
                new Table(new LinkedHashMap<>(columns), List.copyOf(primaryKey), new ArrayList<>()));
    }

    /** @return a copy of the rows stored so far, in arrival order */
    synchronized List<Map<String, Object>> rows(String database, String table) {
        return tables.get(database + "." + table).rows().stream()
                .<Map<String, Object>>map(LinkedHashMap::new)
                .toList();
    }

    @Override
    public Map<String, Column> columns(String database, String table) {
        Table found = tables.get(database + "." + table);
        return found == null ? null : found.columns();
    }

    @Override
    public List<String> primaryKey(String database, String table) {
        return tables.get(database + "." + table).primaryKey();
    }

    @Override
    public synchronized void store(String database, String table, List<Map<String, Object>> rows, boolean partial) {
        Table target = tables.get(database + "." + table);
        for (Map<String, Object> row : rows) {
            Map<String, Object> stored = new LinkedHashMap<>();
            target.columns().keySet().forEach(name -> stored.put(name, row.get(name)));
            if (target.primaryKey().isEmpty()) {
                target.rows().add(stored);
                continue;
            }
            Map<String, Object> existing = target.rows().stream()
                    .filter(r ->
                            target.primaryKey().stream().allMatch(k -> r.get(k).equals(row.get(k))))
                    .findFirst()
                    .orElse(null);
            if (existing == null) {
                target.rows().add(stored);
            } else if (partial) {
                existing.putAll(row);
            } else {
                existing.putAll(stored);
            }
        }
    }
}
