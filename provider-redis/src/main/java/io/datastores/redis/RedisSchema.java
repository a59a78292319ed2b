package io.datastores.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A table's columns as its schema entry keeps them: the first element names the key column (empty
 * for a table whose keys are generated), each further one is {@code type|nullable|name} with the
 * name last, so any name, however odd, survives. Without an entry every field is text.
 *
 * @param keyColumn the column the key's suffix is, or empty when keys are generated and not read
 * @param columns every column, the key column included, in order
 * @param typed whether the types came from a schema entry (false: sampled, all text)
 * @param types each column's schema-entry type, in order
 */
record RedisSchema(Optional<String> keyColumn, List<Field> columns, boolean typed, List<String> types) {

    static RedisSchema of(Optional<String> keyColumn, List<String> names, List<String> types, List<Boolean> nullable) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            fields.add(RedisTypes.field(names.get(i), types.get(i), nullable.get(i)));
        }
        return new RedisSchema(keyColumn, List.copyOf(fields), true, List.copyOf(types));
    }

    static RedisSchema untyped(String keyColumn, List<Field> fields) {
        return new RedisSchema(Optional.of(keyColumn), List.copyOf(fields),
                false, fields.stream().map(f -> "text").toList());
    }

    static RedisSchema parse(List<String> entry) {
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<Boolean> nullable = new ArrayList<>();
        for (String column : entry.subList(1, entry.size())) {
            String[] parts = column.split("\\|", 3);
            types.add(parts[0]);
            nullable.add(parts[1].equals("1"));
            names.add(parts[2]);
        }
        String key = entry.get(0).substring("key|".length());
        return of(key.isEmpty() ? Optional.empty() : Optional.of(key), names, types, nullable);
    }

    List<String> entry() {
        List<String> entry = new ArrayList<>();
        entry.add("key|" + keyColumn.orElse(""));
        for (int i = 0; i < columns.size(); i++) {
            entry.add(types.get(i) + "|" + (columns.get(i).isNullable() ? "1" : "0") + "|" + columns.get(i).getName());
        }
        return entry;
    }

    Schema arrow() {
        return new Schema(columns);
    }
}
