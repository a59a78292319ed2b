package io.datastores.mongodb;

import io.datastores.api.TableRef;
import java.util.List;

/**
 * A collection as a table: its columns, where each lives in a document, and its key.
 *
 * @param ref the collection, its schema the database
 * @param columns the columns, in order
 * @param key the key columns: those a collection created by a copy was given (stored as {@code _id}:
 *     one column as the value itself, several as an embedded document of them), else {@code _id}
 * @param recorded whether the columns come from the schema recorded when the collection was created
 *     (false: inferred from a sample, or schemaless)
 */
record MongoTable(TableRef ref, List<Column> columns, List<String> key, boolean recorded) {

    /**
     * One column.
     *
     * @param name the column name
     * @param type its {@link MongoTypes} type
     * @param nullable whether it may be NULL (missing)
     * @param path the field names leading to its value in a document; empty for the whole document
     */
    record Column(String name, String type, boolean nullable, List<String> path) {
        /** @return whether its path can be written in a filter or projection ({@code a.b}) without ambiguity */
        boolean addressable() {
            return !path.isEmpty() && path.stream().noneMatch(p -> p.isEmpty() || p.contains(".") || p.startsWith("$"));
        }

        /** @return the dotted path */
        String dotted() {
            return String.join(".", path);
        }
    }

    Column column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** @return the conflicting fields of an inferred schema, read as JSON text */
    List<String> conflicts() {
        return columns.stream()
                .filter(c -> c.type().startsWith(MongoTypes.MIXED))
                .map(Column::name)
                .toList();
    }

    /** @return where a key column is stored: the value of {@code _id}, or a field of it for a composite key */
    static List<String> keyPath(String column, List<String> key) {
        return key.size() == 1 ? List.of("_id") : List.of("_id", column);
    }
}
