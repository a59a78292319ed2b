package io.datastores.sqlhttp;

import io.datastores.api.TableRef;
import io.datastores.api.bulk.TableCreator;
import io.datastores.jdbc.sqlite.SqliteTypes;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Creates tables with the column types the embedded SQLite provider gives them
 * ({@link SqliteTypes#CREATED}). Bulk reads keep 64-bit integers exact on every service (D1 and
 * StarbaseDB select them as text), so no JSON loss is named here. Stateless and thread-safe.
 */
final class SqlHttpTableCreator implements TableCreator {
    private final SqlHttpDatastore datastore;

    SqlHttpTableCreator(SqlHttpDatastore datastore) {
        this.datastore = datastore;
    }

    @Override
    public Optional<TargetType> columnType(Field field) {
        return SqliteTypes.CREATED.map(field.getType());
    }

    @Override
    public void createTable(TableRef table, List<ColumnDefinition> columns, List<String> primaryKey) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(datastore.qualify(table)).append(" (");
        sql.append(columns.stream().map(this::definition).collect(Collectors.joining(", ")));
        if (!primaryKey.isEmpty()) {
            sql.append(", PRIMARY KEY (").append(primaryKey.stream().map(datastore::quote)
                    .collect(Collectors.joining(", "))).append(')');
        }
        // Column types come from the mapping above or a caller's override, never from data.
        datastore.execute(sql.append(')').toString());
    }

    @Override
    public void addColumn(TableRef table, ColumnDefinition column) {
        datastore.execute("ALTER TABLE " + datastore.qualify(table) + " ADD COLUMN " + definition(column));
    }

    private String definition(ColumnDefinition column) {
        return datastore.quote(column.name()) + " " + column.type() + (column.nullable() ? "" : " NOT NULL");
    }
}
