package io.datastores.mongodb;

import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.TableCreator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Creates collections for copies, and records their columns ({@link MongoCatalog}), so they read back
 * with the types they were written with. The copy's key is stored as {@code _id} (one column as the
 * value itself, several as an embedded document of them); without a key MongoDB generates ObjectIds,
 * which are not read back as a column. Types are {@link MongoTypes}' names, as {@link #columnType} gives
 * them. A column added later is recorded too: documents written before hold none, so it reads as NULL.
 */
record MongoTableCreator(MongoErrors errors, MongoCatalog catalog) implements TableCreator {
    private static final Set<String> TYPES = Set.of(
            "objectId",
            "string",
            "int",
            "long",
            "double",
            "bool",
            "binData",
            "uuid",
            "date",
            "timestamp",
            MongoTypes.LOCAL_TIMESTAMP,
            "time",
            "json");

    @Override
    public Optional<TargetType> columnType(Field field) {
        return ArrowToBson.columnType(field);
    }

    @Override
    public void createTable(TableRef table, List<ColumnDefinition> columns, List<String> primaryKey) {
        TableRef ref = TableRef.of(catalog.database(table), table.name());
        List<MongoTable.Column> recorded = new ArrayList<>();
        for (ColumnDefinition column : columns) {
            recorded.add(column(column, primaryKey));
        }
        try {
            if (catalog.exists(ref)) {
                throw errors.error(ErrorCode.INVALID_DATA, "Collection '" + ref + "' already exists");
            }
            catalog.db(ref).createCollection(ref.name());
            catalog.record(ref, recorded, primaryKey);
        } catch (RuntimeException e) {
            throw errors.classify("Creating collection '" + ref + "'", e);
        }
    }

    @Override
    public void addColumn(TableRef table, ColumnDefinition column) {
        MongoTable existing = catalog.table(table);
        if (!existing.recorded()) {
            return; // An inferred collection takes any field: the next sample finds it.
        }
        List<MongoTable.Column> columns = new ArrayList<>(existing.columns());
        columns.add(column(column, List.of()));
        try {
            catalog.record(existing.ref(), columns, existing.key());
        } catch (RuntimeException e) {
            throw errors.classify("Adding column '" + column.name() + "' to '" + existing.ref() + "'", e);
        }
    }

    private MongoTable.Column column(ColumnDefinition column, List<String> key) {
        String type = MongoNested.isNested(column.type().trim()) ? nested(column) : leaf(column.type());
        if (type == null) {
            throw errors.error(
                    ErrorCode.INVALID_CONFIG,
                    "Column '" + column.name() + "' has type '" + column.type() + "'; MongoDB columns are one of "
                            + new java.util.TreeSet<>(TYPES)
                            + ", decimal(p,s), struct<\"name\": type, …> or list<type>");
        }
        boolean inKey = key.contains(column.name());
        return new MongoTable.Column(
                column.name(),
                type,
                column.nullable() && !inKey,
                inKey ? MongoTable.keyPath(column.name(), key) : List.of(column.name()));
    }

    /** @return the recorded name of a scalar type, or {@code null} when there is none */
    private static String leaf(String type) {
        String squeezed = type.trim().replace(" ", "");
        String name = squeezed.equals("timestampwithouttimezone") ? MongoTypes.LOCAL_TIMESTAMP : squeezed;
        return TYPES.contains(name) || MongoTypes.isDecimal(name) ? name : null;
    }

    /** @return a struct or list type as recorded, or {@code null} when a part of it is unknown or malformed */
    private static String nested(ColumnDefinition column) {
        try {
            return MongoNested.canonical(column.type().trim(), t -> t.equals(leaf(t)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
