package io.datastores.s3;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The layout of tables in the bucket: table {@code t} (schema {@code s}) is the folder
 * {@code prefix/s/t/}, and its rows are the objects directly in it whose extension names a
 * {@link Format}, read in key order. Objects whose names start with {@code _} or {@code .} are
 * not parts (room for markers other tools write).
 */
final class Tables {
    private final ObjectStore store;
    private final S3Settings settings;

    Tables(ObjectStore store, S3Settings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** @return the folder (ending in {@code /}) that holds a table's parts */
    String folder(TableRef table) {
        return settings.prefix() + (table.schema() == null ? "" : table.schema() + "/") + table.name() + "/";
    }

    /** @return the tables directly under the prefix (or under {@code prefix/schema/}) */
    List<TableRef> list(String schema) {
        String under = settings.prefix() + (schema == null ? "" : schema + "/");
        List<TableRef> tables = new ArrayList<>();
        for (String folder : store.folders(under)) {
            String name = folder.substring(under.length(), folder.length() - 1);
            if (!name.isEmpty() && !hidden(name)) {
                tables.add(new TableRef(schema, name));
            }
        }
        return tables;
    }

    /** @return the table's parts in key order; empty when the table does not exist */
    List<S3Object> parts(TableRef table) {
        String folder = folder(table);
        return store.objects(folder).stream()
                .filter(o -> !hidden(o.key().substring(folder.length()))
                        && Format.ofObject(o.key()).isPresent())
                .toList();
    }

    /** @return the table's parts, failing with NOT_FOUND when there are none */
    List<S3Object> existingParts(TableRef table) {
        List<S3Object> parts = parts(table);
        if (parts.isEmpty()) {
            throw store.errors()
                    .error(
                            ErrorCode.NOT_FOUND,
                            "Table '" + table + "' not found: no " + Format.keys()
                                    + " objects under s3://" + settings.bucket() + "/" + folder(table) + " at "
                                    + store.errors().endpoint() + " (names are case-sensitive)",
                            null);
        }
        return parts;
    }

    /**
     * Reads every part's schema and merges them: the same columns in the same order with the same
     * types; a column is nullable when it is in any part. A part with no columns (an empty JSON
     * Lines object) adds nothing.
     *
     * @throws DatastoreException with {@link ErrorCode#INVALID_DATA} naming both parts and the column on a conflict
     */
    Schema schema(TableRef table, List<S3Object> parts) {
        Schema merged = null;
        String first = null;
        try (BufferAllocator allocator = new RootAllocator()) {
            for (S3Object part : parts) {
                Schema schema;
                try (PartReader reader =
                        Format.ofObject(part.key()).orElseThrow().reader(store, part.key(), part.size(), allocator)) {
                    schema = reader.schema();
                } catch (IOException | IllegalArgumentException e) {
                    throw store.errors()
                            .error(
                                    ErrorCode.INVALID_DATA,
                                    "Cannot read the columns of " + part.key() + " in table '" + table + "': "
                                            + e.getMessage(),
                                    e);
                }
                if (schema.getFields().isEmpty()) {
                    continue;
                }
                if (merged == null) {
                    merged = schema;
                    first = part.key();
                } else {
                    merged = merge(table, merged, first, schema, part.key());
                }
            }
        }
        if (merged == null) {
            throw store.errors()
                    .error(
                            ErrorCode.INVALID_DATA,
                            "Table '" + table + "' has no part that names its "
                                    + "columns (only empty JSON Lines objects); write rows to it first",
                            null);
        }
        return merged;
    }

    private Schema merge(TableRef table, Schema merged, String firstKey, Schema other, String otherKey) {
        List<Field> a = merged.getFields();
        List<Field> b = other.getFields();
        List<String> namesA = a.stream().map(Field::getName).toList();
        List<String> namesB = b.stream().map(Field::getName).toList();
        if (!namesA.equals(namesB)) {
            throw conflict(table, firstKey + " has columns " + namesA + " but " + otherKey + " has " + namesB);
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!Objects.equals(a.get(i).getType(), b.get(i).getType())) {
                throw conflict(
                        table,
                        "column '" + a.get(i).getName() + "' is " + a.get(i).getType() + " in " + firstKey + " but "
                                + b.get(i).getType() + " in " + otherKey);
            }
            fields.add(new Field(
                    a.get(i).getName(),
                    new FieldType(
                            a.get(i).isNullable() || b.get(i).isNullable(),
                            a.get(i).getType(),
                            null),
                    null));
        }
        return new Schema(fields);
    }

    private DatastoreException conflict(TableRef table, String detail) {
        return store.errors()
                .error(
                        ErrorCode.INVALID_DATA,
                        "The parts of table '" + table + "' disagree: " + detail
                                + "; rewrite the table with mode overwrite, or move the odd part out of "
                                + folder(table),
                        null);
    }

    private static boolean hidden(String name) {
        return name.startsWith("_") || name.startsWith(".");
    }
}
