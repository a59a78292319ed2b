package io.datastores.jdbc;

import io.datastores.api.bulk.TableCreator.ColumnDefinition;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The {@code CREATE TABLE} and {@code ADD COLUMN} statements of standard SQL, for every
 * SQL datastore's table creator, JDBC or not. Column types come from a provider's own mapping or
 * a caller's override, never from data; names are quoted with the datastore's rules.
 *
 * <p>Public API of {@code datastores-jdbc}. Stateless.
 */
public final class TableDdl {
    private TableDdl() {}

    /**
     * @param qualified the table's qualified, quoted name
     * @param columns the columns, in order
     * @param primaryKey the key's columns; empty for none
     * @param quote quotes one identifier
     * @return {@code CREATE TABLE qualified (columns[, PRIMARY KEY (…)])}
     */
    public static String createTable(
            String qualified, List<ColumnDefinition> columns, List<String> primaryKey, UnaryOperator<String> quote) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(qualified).append(" (");
        sql.append(columns.stream().map(column -> column(column, quote)).collect(Collectors.joining(", ")));
        if (!primaryKey.isEmpty()) {
            sql.append(", PRIMARY KEY (")
                    .append(primaryKey.stream().map(quote).collect(Collectors.joining(", ")))
                    .append(')');
        }
        return sql.append(')').toString();
    }

    /**
     * @param qualified the table's qualified, quoted name
     * @param column the column to add
     * @param quote quotes one identifier
     * @return {@code ALTER TABLE qualified ADD COLUMN …}
     */
    public static String addColumn(String qualified, ColumnDefinition column, UnaryOperator<String> quote) {
        return "ALTER TABLE " + qualified + " ADD COLUMN " + column(column, quote);
    }

    private static String column(ColumnDefinition column, UnaryOperator<String> quote) {
        return quote.apply(column.name()) + " " + column.type() + (column.nullable() ? "" : " NOT NULL");
    }
}
