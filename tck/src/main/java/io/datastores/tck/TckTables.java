package io.datastores.tck;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.TableCreator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Tables the suites (and provider tests) make without SQL: through the datastore's
 * {@link TableCreator}, where it has one.
 */
public final class TckTables {
    private TckTables() {}

    /**
     * Creates the table with the creator's column type for each field; a datastore without a
     * {@link TableCreator} (an object store) makes its tables as it writes them, so nothing is done.
     *
     * @param datastore where the table goes
     * @param table the table to create
     * @param schema its columns, as Arrow fields
     * @param key its primary key's columns; empty for none
     * @return each column's losses, as its column type names them; empty without a creator
     */
    public static Map<String, List<String>> create(
            Datastore datastore, TableRef table, Schema schema, List<String> key) {
        Map<String, List<String>> losses = new HashMap<>();
        datastore.feature(TableCreator.class).ifPresent(creator -> {
            List<TableCreator.ColumnDefinition> columns = new ArrayList<>();
            for (Field field : schema.getFields()) {
                TableCreator.TargetType type =
                        creator.columnType(field).orElseThrow(() -> new AssertionError("no column type for " + field));
                losses.put(field.getName(), type.losses());
                columns.add(new TableCreator.ColumnDefinition(field.getName(), type.ddl(), field.isNullable()));
            }
            creator.createTable(table, columns, key);
        });
        return losses;
    }
}
