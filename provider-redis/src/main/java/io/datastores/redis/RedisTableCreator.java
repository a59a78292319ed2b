package io.datastores.redis;

import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.TableCreator;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Creates a table by writing its schema entry: the column types a later read decodes the hash
 * fields with, and the key columns whose values make the keys' suffixes ({@link RedisKeys}).
 */
record RedisTableCreator(RedisDatastore datastore) implements TableCreator {

    @Override
    public Optional<TargetType> columnType(Field field) {
        return RedisTypes.columnType(field.getType());
    }

    @Override
    public void createTable(TableRef table, List<ColumnDefinition> columns, List<String> primaryKey) {
        RedisSchema schema = RedisSchema.of(
                primaryKey,
                columns.stream().map(ColumnDefinition::name).toList(),
                columns.stream().map(ColumnDefinition::type).toList(),
                columns.stream()
                        .map(c -> c.nullable() && !primaryKey.contains(c.name()))
                        .toList());
        create(table, schema);
    }

    void create(TableRef table, RedisSchema schema) {
        RedisTables tables = datastore.tables();
        datastore.call("Cannot create " + table, jedis -> {
            if (tables.schema(jedis, table).isPresent() || tables.hasRows(jedis, table)) {
                throw datastore.fail(
                        ErrorCode.INVALID_DATA,
                        "Table '"
                                + table + "' already exists (" + tables.schemaKey(table) + " or keys under "
                                + tables.rowPrefix(table) + ")");
            }
            tables.writeSchema(jedis, table, schema);
            return null;
        });
    }
}
