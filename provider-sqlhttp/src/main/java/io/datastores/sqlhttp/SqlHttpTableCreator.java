package io.datastores.sqlhttp;

import io.datastores.api.TableRef;
import io.datastores.api.bulk.TableCreator;
import io.datastores.jdbc.TableDdl;
import io.datastores.jdbc.sqlite.SqliteTypes;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Creates tables with the column types the embedded SQLite provider gives them
 * ({@link SqliteTypes#CREATED}). Bulk reads keep 64-bit integers exact on every service (D1 and
 * StarbaseDB select them as text), so no JSON loss is named here. Stateless and thread-safe.
 */
record SqlHttpTableCreator(SqlHttpDatastore datastore) implements TableCreator {

    @Override
    public Optional<TargetType> columnType(Field field) {
        return SqliteTypes.CREATED.map(field.getType());
    }

    @Override
    public void createTable(TableRef table, List<ColumnDefinition> columns, List<String> primaryKey) {
        datastore.execute(TableDdl.createTable(datastore.qualify(table), columns, primaryKey, datastore::quote));
    }

    @Override
    public void addColumn(TableRef table, ColumnDefinition column) {
        datastore.execute(TableDdl.addColumn(datastore.qualify(table), column, datastore::quote));
    }
}
