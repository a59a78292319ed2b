package io.datastores.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table's structure.
 *
 * @param table the table, with its schema filled in
 * @param columns the columns in ordinal order
 * @param primaryKey the primary key's columns in key order; empty when there is none
 */
public record TableInfo(TableRef table, List<ColumnInfo> columns, List<String> primaryKey) {

    /**
     * Copies the lists so the description cannot change afterwards.
     *
     * @param table the table, with its schema filled in
     * @param columns the columns in ordinal order
     * @param primaryKey the primary key's columns in key order; empty when there is none
     */
    public TableInfo {
        Objects.requireNonNull(table, "table is null");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /**
     * @param name a column name, matched exactly
     * @return the column, if the table has it
     */
    public Optional<ColumnInfo> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
