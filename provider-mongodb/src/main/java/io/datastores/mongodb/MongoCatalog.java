package io.datastores.mongodb;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Where a collection's columns come from. A collection created by a copy has its columns recorded in
 * the database's {@value #SCHEMAS} collection (one document per collection: its key and each column's
 * name, type and nullability), so a round trip keeps types MongoDB does not (a decimal's scale, a
 * timestamp without zone, a time of day). Any other collection's columns are inferred from its first
 * {@code sample_size} documents in {@code _id} order, so the same data always gives the same schema,
 * with {@code _id} as the key; in schemaless mode it reads as {@code _id} and the whole document as
 * JSON. Thread-safe: nothing is cached, every call reads the database.
 */
record MongoCatalog(MongoSettings settings, MongoErrors errors, MongoConnection connection) {
    static final String SCHEMAS = "_datastores_schema";

    /** @return the database a table lives in */
    String database(TableRef table) {
        return table.schema() == null ? settings.database() : table.schema();
    }

    MongoDatabase db(TableRef table) {
        return connection.database(database(table));
    }

    boolean exists(TableRef table) {
        String name = table.name();
        return db(table).listCollectionNames().into(new ArrayList<>()).contains(name);
    }

    /** @throws io.datastores.api.DatastoreException NOT_FOUND when there is no such collection */
    MongoTable table(TableRef table) {
        TableRef ref = TableRef.of(database(table), table.name());
        try {
            if (!exists(ref)) {
                throw errors.error(
                        ErrorCode.NOT_FOUND,
                        "Collection '" + ref.name() + "' does not exist in database '" + ref.schema() + "'");
            }
            BsonDocument entry = db(ref).getCollection(SCHEMAS, BsonDocument.class)
                    .find(Filters.eq("_id", ref.name()))
                    .first();
            return entry != null ? recorded(ref, entry) : inferred(ref);
        } catch (RuntimeException e) {
            throw errors.classify("Reading the schema of '" + ref + "'", e);
        }
    }

    private MongoTable recorded(TableRef ref, BsonDocument entry) {
        List<String> key =
                entry.getArray("key").stream().map(v -> v.asString().getValue()).toList();
        List<MongoTable.Column> columns = new ArrayList<>();
        for (BsonValue value : entry.getArray("columns")) {
            BsonDocument column = value.asDocument();
            String name = column.getString("name").getValue();
            columns.add(new MongoTable.Column(
                    name,
                    column.getString("type").getValue(),
                    column.getBoolean("nullable").getValue(),
                    key.contains(name) ? MongoTable.keyPath(name, key) : List.of(name)));
        }
        return new MongoTable(ref, columns, key, true);
    }

    private MongoTable inferred(TableRef ref) {
        List<BsonDocument> sample = db(ref).getCollection(ref.name(), BsonDocument.class)
                .find()
                .sort(Sorts.ascending("_id"))
                .limit(settings.sampleSize())
                .into(new ArrayList<>());
        Map<String, String> types = MongoTypes.infer(sample);
        List<MongoTable.Column> columns = new ArrayList<>();
        if (settings.schemaless()) {
            columns.add(new MongoTable.Column("_id", types.get("_id"), false, List.of("_id")));
            columns.add(new MongoTable.Column("document", MongoTypes.DOCUMENT, false, List.of()));
        } else {
            types.forEach((field, type) ->
                    columns.add(new MongoTable.Column(field, type, !field.equals("_id"), List.of(field))));
        }
        return new MongoTable(ref, columns, List.of("_id"), false);
    }

    /** Records a new collection's columns and key, replacing what a dropped one of the same name left. */
    void record(TableRef ref, List<MongoTable.Column> columns, List<String> key) {
        BsonArray described = new BsonArray();
        for (MongoTable.Column column : columns) {
            described.add(new BsonDocument("name", new BsonString(column.name()))
                    .append("type", new BsonString(column.type()))
                    .append("nullable", BsonBoolean.valueOf(column.nullable())));
        }
        BsonArray keys = new BsonArray();
        key.forEach(k -> keys.add(new BsonString(k)));
        BsonDocument entry = new BsonDocument("_id", new BsonString(ref.name()))
                .append("key", keys)
                .append("columns", described);
        db(ref).getCollection(SCHEMAS, BsonDocument.class)
                .replaceOne(Filters.eq("_id", ref.name()), entry, new ReplaceOptions().upsert(true));
    }
}
