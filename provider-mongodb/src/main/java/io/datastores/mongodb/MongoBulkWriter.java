package io.datastores.mongodb;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.datastores.api.ErrorCode;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.spi.BaseBulkWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Writes Arrow batches as ordered {@code bulkWrite}s of at most {@code write_batch_size} documents;
 * every Arrow batch ends with a flush, so a source that fails mid-way leaves whole batches only. A NULL
 * is left out of the document (missing reads as NULL). The count returned, and the one a failure
 * reports, is what the server acknowledged; a batch in flight when the connection is lost may be partly
 * stored, and the message says so.
 *
 * <p>APPEND inserts ({@code insertOne}: a key already there is an INTEGRITY failure). UPSERT replaces
 * by key ({@code replaceOne} with upsert on {@code _id}), so a re-sent batch is harmless. The key is
 * stored as {@code _id}: one key column as the value itself, several as an embedded document of them in
 * key order. OVERWRITE writes into a new collection and then renames it over the target
 * ({@code renameCollection} with {@code dropTarget}), so readers see the old documents or all the new
 * ones, never a mix; indexes of the old collection besides {@code _id} are not carried over. No
 * transaction spans batches, so statements before commit are refused.
 */
final class MongoBulkWriter extends BaseBulkWriter<MongoErrors> {
    private final MongoSettings settings;
    private final MongoCatalog catalog;
    private final MongoConnection connection;

    MongoBulkWriter(MongoSettings settings, MongoErrors errors, MongoCatalog catalog, MongoConnection connection) {
        super(errors);
        this.settings = settings;
        this.catalog = catalog;
        this.connection = connection;
    }

    @Override
    protected Load prepare(WriteRequest request) {
        MongoTable table = catalog.table(request.table());
        String target = "collection '" + table.ref() + "'";
        requireUpsertKey(request, target, "_id, which holds", table.key());
        return new Load(
                target,
                (source, progress) -> load(request, table, source, progress),
                stored -> request.mode() == WriteMode.OVERWRITE
                        ? " (the collection is unchanged: the new documents went to a collection that was dropped)"
                        : " (" + stored + " documents were acknowledged before the failure; a batch in flight may be "
                                + "partly stored, so write again as UPSERT by key to converge)");
    }

    private void load(WriteRequest request, MongoTable table, ArrowReader source, Progress progress)
            throws IOException {
        MongoDatabase database = catalog.db(table.ref());
        String target = request.mode() == WriteMode.OVERWRITE
                ? table.ref().name() + ".datastores-overwrite-" + UUID.randomUUID()
                : table.ref().name();
        MongoCollection<BsonDocument> collection = database.getCollection(target, BsonDocument.class);
        try {
            List<Field> fields = source.getVectorSchemaRoot().getSchema().getFields();
            List<MongoTable.Column> columns = columns(table, fields);
            List<WriteModel<BsonDocument>> models = new ArrayList<>();
            while (source.loadNextBatch()) {
                VectorSchemaRoot root = source.getVectorSchemaRoot();
                progress.batch();
                for (int row = 0; row < root.getRowCount(); row++) {
                    BsonDocument document = document(table, columns, root.getFieldVectors(), row);
                    models.add(
                            request.mode() == WriteMode.UPSERT
                                    ? new ReplaceOneModel<>(
                                            new BsonDocument("_id", document.get("_id")),
                                            document,
                                            new ReplaceOptions().upsert(true))
                                    : new InsertOneModel<>(document));
                    if (models.size() == settings.writeBatch()) {
                        flush(collection, models, progress);
                    }
                }
                flush(collection, models, progress);
            }
            if (request.mode() == WriteMode.OVERWRITE) {
                String db = catalog.database(table.ref());
                connection
                        .database("admin")
                        .runCommand(new BsonDocument("renameCollection", new BsonString(db + "." + target))
                                .append(
                                        "to",
                                        new BsonString(db + "." + table.ref().name()))
                                .append("dropTarget", BsonBoolean.TRUE));
            }
        } catch (IOException | RuntimeException e) {
            if (request.mode() == WriteMode.OVERWRITE) {
                dropQuietly(collection);
            }
            throw e;
        }
    }

    private static void flush(
            MongoCollection<BsonDocument> collection, List<WriteModel<BsonDocument>> models, Progress progress) {
        if (models.isEmpty()) {
            return;
        }
        try {
            progress.stored(stored(collection.bulkWrite(models, new BulkWriteOptions().ordered(true))));
        } catch (MongoBulkWriteException e) {
            progress.stored(stored(e.getWriteResult()));
            throw e;
        } finally {
            models.clear();
        }
    }

    private static long stored(BulkWriteResult result) {
        return result.wasAcknowledged()
                ? result.getInsertedCount()
                        + result.getMatchedCount()
                        + result.getUpserts().size()
                : 0;
    }

    private List<MongoTable.Column> columns(MongoTable table, List<Field> fields) {
        List<MongoTable.Column> columns = new ArrayList<>();
        for (Field field : fields) {
            MongoTable.Column column = table.column(field.getName());
            if (column == null && table.recorded()) {
                throw errors.error(
                        ErrorCode.NOT_FOUND,
                        "Collection '" + table.ref() + "' has no column '" + field.getName() + "'");
            }
            if (column == null || column.path().isEmpty()) {
                // A collection that was not made by a copy takes any field, typed as a new collection would type it.
                String type = ArrowToBson.columnType(field)
                        .orElseThrow(() -> errors.error(
                                ErrorCode.UNSUPPORTED,
                                "Field '" + field.getName() + "' of Arrow type " + field.getType()
                                        + " has no MongoDB mapping"))
                        .ddl();
                column = new MongoTable.Column(field.getName(), type, true, List.of(field.getName()));
            }
            columns.add(column);
        }
        requireKeyColumns(
                "collection '" + table.ref() + "'",
                table.key().stream().filter(key -> !key.equals("_id")).toList(),
                fields);
        return columns;
    }

    private BsonDocument document(
            MongoTable table, List<MongoTable.Column> columns, List<FieldVector> vectors, int row) {
        BsonDocument document = new BsonDocument();
        BsonDocument compositeKey = table.key().size() > 1 ? new BsonDocument() : null;
        if (compositeKey != null) {
            document.append("_id", compositeKey);
        }
        for (int c = 0; c < columns.size(); c++) {
            MongoTable.Column column = columns.get(c);
            FieldVector vector = vectors.get(c);
            boolean key = table.key().contains(column.name());
            if (vector.isNull(row)) {
                if (key) {
                    throw errors.error(
                            ErrorCode.INTEGRITY,
                            "Key column '" + column.name() + "' of '" + table.ref() + "' is NULL in a row to write");
                }
                continue;
            }
            BsonValue value;
            try {
                value = ArrowToBson.cell(vector, row, column.type());
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw errors.error(ErrorCode.INVALID_DATA, "Column '" + column.name() + "': " + e.getMessage(), e);
            }
            if (compositeKey != null && key) {
                compositeKey.append(column.name(), value);
            } else {
                document.append(column.path().get(0), value);
            }
        }
        return document;
    }

    private static void dropQuietly(MongoCollection<BsonDocument> collection) {
        try {
            collection.drop();
        } catch (RuntimeException ignored) {
            // The server may be gone; the new collection then holds only what never replaced the target.
        }
    }
}
