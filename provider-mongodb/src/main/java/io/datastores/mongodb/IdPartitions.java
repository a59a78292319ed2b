package io.datastores.mongodb;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.datastores.api.bulk.PartitionedRead;
import io.datastores.api.bulk.ReadPartition;
import io.datastores.api.bulk.ReadRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Splits a collection into {@code _id} ranges: boundaries are the {@code _id}s found at evenly spaced
 * positions of the {@code _id} index ({@code skip}), and partition i reads {@code lower <= _id < upper}
 * (the first without a lower bound, the last without an upper one), so every document belongs to
 * exactly one. Range conditions only compare within one BSON type bracket, so a collection whose
 * smallest and largest {@code _id} are of different brackets (numbers and ObjectIds, say) is read as one
 * partition. Bounds travel in the partition's hints as canonical Extended JSON, exact for every BSON
 * type, so a partition survives serialisation.
 */
final class IdPartitions {
    static final String LOWER = "id_from";
    static final String UPPER = "id_before";
    private static final JsonWriterSettings CANONICAL =
            JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private IdPartitions() {}

    static PartitionedRead split(ReadRequest request, MongoCollection<BsonDocument> collection, int count) {
        long documents = collection.estimatedDocumentCount();
        BsonValue first = edge(collection, 1);
        BsonValue last = edge(collection, -1);
        if (documents < 2 || first == null || last == null || bracket(first) != bracket(last)) {
            return PartitionedRead.single(request);
        }
        List<BsonValue> bounds = new ArrayList<>();
        for (int p = 1; p < count; p++) {
            BsonDocument at = collection
                    .find()
                    .sort(Sorts.ascending("_id"))
                    .projection(Projections.include("_id"))
                    .skip((int) (documents * p / count))
                    .limit(1)
                    .first();
            if (at != null
                    && (bounds.isEmpty() || !bounds.get(bounds.size() - 1).equals(at.get("_id")))) {
                bounds.add(at.get("_id"));
            }
        }
        int parts = bounds.size() + 1;
        List<ReadRequest> partitions = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            Map<String, String> hints = new HashMap<>();
            if (p > 0) {
                hints.put(LOWER, encode(bounds.get(p - 1)));
            }
            if (p < parts - 1) {
                hints.put(UPPER, encode(bounds.get(p)));
            }
            partitions.add(request.withPartition(new ReadPartition(p, parts, null, hints)));
        }
        return new PartitionedRead(partitions, null);
    }

    /** @return the partition's {@code _id} range as a filter, or an empty one for the whole collection */
    static BsonDocument range(ReadPartition partition) {
        BsonDocument range = new BsonDocument();
        String lower = partition.hints().get(LOWER);
        String upper = partition.hints().get(UPPER);
        if (lower != null) {
            range.append("$gte", decode(lower));
        }
        if (upper != null) {
            range.append("$lt", decode(upper));
        }
        return range.isEmpty() ? range : new BsonDocument("_id", range);
    }

    private static BsonValue edge(MongoCollection<BsonDocument> collection, int direction) {
        BsonDocument document = collection
                .find()
                .sort(direction > 0 ? Sorts.ascending("_id") : Sorts.descending("_id"))
                .projection(Projections.include("_id"))
                .first();
        return document == null ? null : document.get("_id");
    }

    /** The comparison bracket MongoDB sorts a type in: all numbers share one. */
    private static int bracket(BsonValue value) {
        return value.isNumber() || value.isDecimal128()
                ? 1
                : 100 + value.getBsonType().getValue();
    }

    private static String encode(BsonValue value) {
        return new BsonDocument("v", value).toJson(CANONICAL);
    }

    private static BsonValue decode(String json) {
        return BsonDocument.parse(json).get("v");
    }
}
