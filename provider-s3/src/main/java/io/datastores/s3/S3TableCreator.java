package io.datastores.s3;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.spi.DatastoreConfig;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Lets a transfer "create" a table on S3. A table is a folder of parts, and the data's own
 * Arrow types decide how each part stores a column, so creating records nothing: the table
 * appears when its first write publishes. {@link #columnType} tells the plan how the configured
 * format stores each column and what that loses; column types given to {@link #createTable} are
 * not applied (there is no DDL to apply them to).
 */
final class S3TableCreator implements TableCreator {
    private final DatastoreConfig config;
    private final S3Settings settings;
    private final Supplier<ObjectStore> store;

    S3TableCreator(DatastoreConfig config, S3Settings settings, Supplier<ObjectStore> store) {
        this.config = config;
        this.settings = settings;
        this.store = store;
    }

    @Override
    public Optional<TargetType> columnType(Field field) {
        return settings.format().columnType(field);
    }

    @Override
    public void createTable(TableRef table, List<ColumnDefinition> columns, List<String> primaryKey) {
        if (!new Tables(store.get(), settings).parts(table).isEmpty()) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_DATA,
                    config.name(),
                    config.type(),
                    "Table '" + table + "' already exists under " + settings.location());
        }
    }
}
