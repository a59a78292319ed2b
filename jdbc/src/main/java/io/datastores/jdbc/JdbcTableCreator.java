package io.datastores.jdbc;

import io.datastores.api.TableRef;
import io.datastores.api.bulk.TableCreator;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Field;

/** Creates tables with the dialect's column types; every JDBC datastore offers it. */
record JdbcTableCreator(JdbcDatastore datastore) implements TableCreator {

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
        return TableDdl.createTable(dialect.qualify(table), columns, primaryKey, dialect::quote);
    }

    @Override
    public void addColumn(TableRef table, ColumnDefinition column) {
        JdbcDialect dialect = datastore.dialect();
        datastore.execute(TableDdl.addColumn(dialect.qualify(table), column, dialect::quote));
    }
}
