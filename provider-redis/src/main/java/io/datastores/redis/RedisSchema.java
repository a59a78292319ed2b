package io.datastores.redis;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A table's columns as its schema entry keeps them: the first element is {@code key|<n>}, the next n
 * {@code key|<name>} name the key columns (none for a table whose keys are generated), each further one is
 * {@code type|nullable|name} with the name last, so any name, however odd, survives. Without an entry
 * every field is text.
 *
 * @param keyColumns the columns the key's suffix is made of, in order; empty when keys are generated and not read
 * @param columns every column, the key column included, in order
 * @param typed whether the types came from a schema entry (false: sampled, all text)
 * @param types each column's schema-entry type, in order
 */
record RedisSchema(List<String> keyColumns, List<Field> columns, boolean typed, List<String> types) {

    static RedisSchema of(List<String> keyColumns, List<String> names, List<String> types, List<Boolean> nullable) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            fields.add(RedisTypes.field(names.get(i), types.get(i), nullable.get(i)));
        }
        return new RedisSchema(List.copyOf(keyColumns), List.copyOf(fields), true, List.copyOf(types));
    }

    static RedisSchema untyped(String keyColumn, List<Field> fields) {
        return new RedisSchema(
                List.of(keyColumn),
                List.copyOf(fields),
                false,
                fields.stream().map(f -> "text").toList());
    }

    static RedisSchema parse(List<String> entry) {
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<Boolean> nullable = new ArrayList<>();
        int keys = Integer.parseInt(entry.get(0).substring("key|".length()));
        List<String> keyColumns = entry.subList(1, 1 + keys).stream()
                .map(k -> k.substring("key|".length()))
                .toList();
        for (String column : entry.subList(1 + keys, entry.size())) {
            String[] parts = column.split("\\|", 3);
            types.add(parts[0]);
            nullable.add(parts[1].equals("1"));
            names.add(parts[2]);
        }
        return of(keyColumns, names, types, nullable);
    }

    List<String> entry() {
        List<String> entry = new ArrayList<>();
        entry.add("key|" + keyColumns.size());
        keyColumns.forEach(key -> entry.add("key|" + key));
        for (int i = 0; i < columns.size(); i++) {
            entry.add(types.get(i) + "|" + (columns.get(i).isNullable() ? "1" : "0") + "|"
                    + columns.get(i).getName());
        }
        return entry;
    }

    Schema arrow() {
        return new Schema(columns);
    }
}
