package io.datastores.jdbc;

import io.datastores.api.TableRef;
import io.datastores.api.bulk.TableCreator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.Field;

/** Creates tables with the dialect's column types; every JDBC datastore offers it. */
final class JdbcTableCreator implements TableCreator {
    private final JdbcDatastore datastore;

    JdbcTableCreator(JdbcDatastore datastore) {
        this.datastore = datastore;
    }

    @Override
    public Optional<TargetType> columnType(Field field) {
        return datastore.dialect().targetType(field);
    }

    /** Where DDL is transactional, {@link BaseJdbcBulkWriter} creates the table in the write's transaction. */
    @Override
    public boolean createsInWrite() {
        return datastore.dialect().transactionalDdl() && datastore.bulkWriter() instanceof BaseJdbcBulkWriter;
    }

    @Override
    public void createTable(TableRef table, List<ColumnDefinition> columns, List<String> primaryKey) {
        datastore.execute(sql(datastore.dialect(), table, columns, primaryKey));
    }

    /** @return the {@code CREATE TABLE} statement, for {@link #createTable} and a writer that creates its table */
    static String sql(JdbcDialect dialect, TableRef table, List<ColumnDefinition> columns, List<String> primaryKey) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(dialect.qualify(table)).append(" (");
        sql.append(columns.stream()
                .map(c -> dialect.quote(c.name()) + " " + c.type() + (c.nullable() ? "" : " NOT NULL"))
                .collect(Collectors.joining(", ")));
        if (!primaryKey.isEmpty()) {
            sql.append(", PRIMARY KEY (").append(primaryKey.stream().map(dialect::quote).collect(Collectors.joining(", ")))
                    .append(')');
        }
        // Column types come from the dialect's own mapping or a caller's override, never from data.
        return sql.append(')').toString();
    }

    @Override
    public void addColumn(TableRef table, ColumnDefinition column) {
        JdbcDialect dialect = datastore.dialect();
        datastore.execute("ALTER TABLE " + dialect.qualify(table) + " ADD COLUMN " + dialect.quote(column.name()) + " "
                + column.type() + (column.nullable() ? "" : " NOT NULL"));
    }
}
