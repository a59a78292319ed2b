package io.datastores.api;

import java.util.Objects;

/**
 * A table name, optionally qualified by its schema. Names are kept exactly as given (case
 * matters); providers quote them.
 *
 * @param schema the schema, or {@code null} for the datastore's current default schema
 * @param name the table name
 */
public record TableRef(String schema, String name) implements java.io.Serializable {

    /**
     * Rejects a missing or blank table name.
     *
     * @param schema the schema, or {@code null} for the datastore's current default schema
     * @param name the table name
     */
    public TableRef {
        Objects.requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("table name is blank");
        }
    }

    /**
     * @param name a table name in the default schema
     * @return the reference
     */
    public static TableRef of(String name) {
        return new TableRef(null, name);
    }

    /**
     * @param schema the schema
     * @param name the table name
     * @return the reference
     */
    public static TableRef of(String schema, String name) {
        return new TableRef(schema, name);
    }

    /** @return {@code schema.name}, or {@code name} when there is no schema */
    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
