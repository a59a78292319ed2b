package io.datastores.mongodb;

import com.mongodb.client.MongoDatabase;
import io.datastores.api.ConnectionTest;
import io.datastores.api.ErrorCode;
import io.datastores.api.QueryResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.UuidRepresentation;

/**
 * MongoDB's own language for {@code query} and {@code execute}: one database command as (relaxed or
 * canonical) Extended JSON, run against the configured database with {@code runCommand}, such as
 * {@code {"find": "orders", "filter": {"status": ?, "total": {"$gt": ?}}}} or
 * {@code {"aggregate": "orders", "pipeline": [{"$match": {"day": {"$gte": ?}}}], "cursor": {}}}.
 *
 * <p>How parameters bind: each {@code ?} that stands where a JSON value may stand, outside any string,
 * is a parameter, numbered from the left. The text is parsed with a placeholder document in each such
 * place, and each placeholder is then replaced in the parsed command by the parameter's BSON value
 * ({@link ArrowToBson#of}: a String is a string, a Long an int64, a BigDecimal a Decimal128, an
 * Instant a date, a List an array …). Values are never put into the JSON text, so a value cannot
 * change the command's shape. A {@code ?} inside a string ({@code "why?"}) is text.
 *
 * <p>A reply with a cursor ({@code find}, {@code aggregate}, {@code listCollections} …) gives its
 * documents, fetched with {@code getMore} to the end (or the row limit); any other reply is one row.
 * Thread-safe.
 */
record MongoCommands(MongoSettings settings, MongoErrors errors, MongoConnection connection) {
    private static final String MARKER = "$datastores_parameter";

    /** @return the command's result documents, at most {@code maxRows} */
    List<BsonDocument> documents(String command, List<?> params, int maxRows) {
        MongoDatabase database = connection.database(null);
        BsonDocument bound = bind(command, params);
        BsonDocument reply = database.runCommand(bound, BsonDocument.class);
        if (!(reply.get("cursor") instanceof BsonDocument cursor)) {
            return List.of(reply);
        }
        List<BsonDocument> documents = new ArrayList<>();
        add(documents, cursor.getArray("firstBatch", new BsonArray()), maxRows);
        long id = cursor.getNumber("id", new BsonInt64(0)).longValue();
        String namespace = cursor.getString("ns", new BsonString("")).getValue();
        String collection = namespace.substring(namespace.indexOf('.') + 1);
        while (id != 0 && documents.size() < maxRows) {
            BsonDocument more = database.runCommand(
                            new BsonDocument("getMore", new BsonInt64(id))
                                    .append("collection", new BsonString(collection)),
                            BsonDocument.class)
                    .getDocument("cursor");
            add(documents, more.getArray("nextBatch", new BsonArray()), maxRows);
            id = more.getNumber("id", new BsonInt64(0)).longValue();
        }
        if (id != 0) {
            database.runCommand(new BsonDocument("killCursors", new BsonString(collection))
                    .append("cursors", new BsonArray(List.of(new BsonInt64(id)))));
        }
        return documents;
    }

    /** @return the command's documents as rows: top-level fields in order of first appearance, values {@link #plain} */
    QueryResult query(String command, List<?> params, int maxRows) {
        long start = System.nanoTime();
        List<BsonDocument> documents = documents(command, params, maxRows);
        Set<String> columns = new LinkedHashSet<>();
        documents.forEach(d -> columns.addAll(d.keySet()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BsonDocument document : documents) {
            Map<String, Object> row = new LinkedHashMap<>();
            columns.forEach(c -> row.put(c, plain(document.get(c))));
            rows.add(row);
        }
        return new QueryResult(List.copyOf(columns), rows, rows.size(), (System.nanoTime() - start) / 1_000_000);
    }

    /** {@code ping}, then {@code buildInfo} for the version; never throws. */
    /** @return the answer of {@code ping} and {@code buildInfo}, for {@link ConnectionTest#timed} */
    ConnectionTest.Answer probe() {
        try {
            connection.database("admin").runCommand(new BsonDocument("ping", new BsonInt32(1)));
            BsonDocument build = connection
                    .database("admin")
                    .runCommand(new BsonDocument("buildInfo", new BsonInt32(1)), BsonDocument.class);
            String version = "MongoDB "
                    + (build.isString("version") ? build.getString("version").getValue() : "(unknown version)");
            return new ConnectionTest.Answer(
                    version,
                    settings.database(),
                    connection.client().connectedAt().orElse(null));
        } catch (RuntimeException e) {
            throw errors.classify("Testing", e);
        }
    }

    /** @return a BSON value as plain Java: ObjectId as hex text, Decimal128 as BigDecimal, a date as Instant, a document as a Map, an array as a List */
    static Object plain(BsonValue value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return switch (value.getBsonType()) {
            case STRING -> value.asString().getValue();
            case OBJECT_ID -> value.asObjectId().getValue().toHexString();
            case INT32 -> value.asInt32().getValue();
            case INT64 -> value.asInt64().getValue();
            case DOUBLE -> value.asDouble().getValue();
            case DECIMAL128 ->
                value.asDecimal128().getValue().isFinite()
                        ? value.asDecimal128().getValue().bigDecimalValue()
                        : value.asDecimal128().getValue().toString();
            case BOOLEAN -> value.asBoolean().getValue();
            case DATE_TIME -> Instant.ofEpochMilli(value.asDateTime().getValue());
            case TIMESTAMP -> value.asTimestamp().getValue();
            case BINARY ->
                value.asBinary().getType() == 4 && value.asBinary().getData().length == 16
                        ? value.asBinary().asUuid(UuidRepresentation.STANDARD)
                        : value.asBinary().getData();
            case DOCUMENT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                value.asDocument().forEach((k, v) -> map.put(k, plain(v)));
                yield map;
            }
            case ARRAY -> value.asArray().stream().map(MongoCommands::plain).toList();
            default -> BsonToArrow.json(value);
        };
    }

    /** @return the count a write command reports ({@code n}), or 0 */
    long execute(String command, List<?> params) {
        BsonDocument reply = connection.database(null).runCommand(bind(command, params), BsonDocument.class);
        return reply.isNumber("n") ? reply.getNumber("n").longValue() : 0;
    }

    private static void add(List<BsonDocument> documents, BsonArray batch, int maxRows) {
        for (BsonValue value : batch) {
            if (documents.size() == maxRows) {
                return;
            }
            documents.add(value.asDocument());
        }
    }

    BsonDocument bind(String command, List<?> params) {
        StringBuilder text = new StringBuilder(command.length() + 32);
        int markers = 0;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                text.append(c);
                if (c == '\\' && i + 1 < command.length()) {
                    text.append(command.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                text.append(c);
            } else if (c == '?') {
                text.append("{\"")
                        .append(MARKER)
                        .append("\": ")
                        .append(markers++)
                        .append('}');
            } else {
                text.append(c);
            }
        }
        if (markers != params.size()) {
            throw errors.error(
                    ErrorCode.INVALID_DATA,
                    "The command has " + markers + " ? parameters but " + params.size() + " values were given");
        }
        BsonDocument parsed;
        try {
            parsed = BsonDocument.parse(text.toString());
        } catch (RuntimeException e) {
            throw errors.classify("Parsing the command", e);
        }
        List<BsonValue> values = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            try {
                values.add(ArrowToBson.of(params.get(i)));
            } catch (IllegalArgumentException e) {
                throw errors.error(ErrorCode.INVALID_DATA, "Parameter " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return (BsonDocument) replace(parsed, values);
    }

    private static BsonValue replace(BsonValue value, List<BsonValue> params) {
        if (value instanceof BsonDocument document) {
            BsonValue index = document.get(MARKER);
            if (document.size() == 1 && index != null && index.isInt32()) {
                return params.get(index.asInt32().getValue());
            }
            BsonDocument copy = new BsonDocument();
            for (Map.Entry<String, BsonValue> entry : document.entrySet()) {
                copy.append(entry.getKey(), replace(entry.getValue(), params));
            }
            return copy;
        }
        if (value instanceof BsonArray array) {
            BsonArray copy = new BsonArray();
            array.forEach(v -> copy.add(replace(v, params)));
            return copy;
        }
        return value;
    }
}
