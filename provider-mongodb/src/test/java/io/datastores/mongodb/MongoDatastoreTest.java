package io.datastores.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.PartitionedRead;
import io.datastores.api.bulk.Predicate;
import io.datastores.api.bulk.Pushdown;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.tck.TckReaders;
import io.datastores.tck.TckTables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What is MongoDB's own: commands with bound values, inferred schemas of mixed shape, pushdown against NULL and missing fields, _id partitions, composite keys, overwrite by rename. */
class MongoDatastoreTest {
    private TestingMongo mongo;
    private Datastore docs;

    @BeforeEach
    void open() {
        mongo = TestingMongo.open("mongo_behaviour");
        docs = mongo.datastore(Map.of("sample_size", "3"));
    }

    @AfterEach
    void close() {
        docs.close();
        mongo.close();
    }

    private MongoCollection<Document> collection(String name) {
        return mongo.client().getDatabase(mongo.database).getCollection(name);
    }

    @Test
    void aCommandBindsEachQuestionMarkAsABsonValueNeverAsText() {
        collection("people")
                .insertMany(List.of(
                        new Document("_id", 1).append("name", "O'Brien").append("age", 40L),
                        new Document("_id", 2)
                                .append("name", "x\"}, \"age\": {\"$gt\": 0}")
                                .append("age", 7L),
                        new Document("_id", 3).append("name", "why?").append("age", 30L)));
        String find =
                "{\"find\": \"people\", \"filter\": {\"name\": ?, \"age\": {\"$gte\": ?}}, \"sort\": {\"_id\": 1}}";
        assertThat(docs.query(find, "O'Brien", 18L).rows())
                .singleElement()
                .isEqualTo(Map.of("_id", 1, "name", "O'Brien", "age", 40L));
        // A value shaped like JSON stays a value: it matches only the document holding exactly that text.
        assertThat(docs.query(find, "x\"}, \"age\": {\"$gt\": 0}", 0L).rows())
                .extracting(r -> r.get("_id"))
                .containsExactly(2);
        // A ? inside a string is text, not a parameter.
        assertThat(docs.query("{\"find\": \"people\", \"filter\": {\"name\": \"why?\"}}")
                        .rowCount())
                .isEqualTo(1);
        assertThatThrownBy(() -> docs.query(find, "only one"))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                .hasMessageContaining("2 ? parameters but 1 values");
        assertThatThrownBy(() -> docs.query("{\"find\": "))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA));
        assertThat(docs.execute(
                        "{\"delete\": \"people\", \"deletes\": [{\"q\": {\"age\": {\"$lt\": ?}}, \"limit\": 0}]}", 35L))
                .isEqualTo(2);
        assertThat(docs.query("{\"count\": \"people\"}").rows().get(0).get("n")).isEqualTo(1);
        assertThat(docs.test().serverVersion()).startsWith("MongoDB ");
    }

    @Test
    void aCollectionOfMixedShapeIsDescribedFromItsFirstDocumentsByIdAndConflictsReadAsJson() throws Exception {
        ObjectId first = new ObjectId("650000000000000000000001");
        collection("mixed")
                .insertMany(List.of(
                        new Document("_id", first)
                                .append("n", 1)
                                .append("v", "text")
                                .append("when", new java.util.Date(0)),
                        new Document("_id", new ObjectId("650000000000000000000002"))
                                .append("n", 5_000_000_000L)
                                .append("v", 12)
                                .append("nested", new Document("a", 1)),
                        new Document("_id", new ObjectId("650000000000000000000003")).append("v", List.of(1, 2)),
                        // Beyond sample_size 3: its n is text, which the sampled long column cannot hold.
                        new Document("_id", new ObjectId("650000000000000000000004")).append("n", "late")));
        TableInfo info = docs.describe(TableRef.of("mixed"));
        assertThat(info.primaryKey()).containsExactly("_id");
        assertThat(info.columns())
                .extracting(c -> c.name() + ":" + c.typeName())
                .containsExactly(
                        "_id:objectId",
                        "n:long",
                        "v:mixed BSON types (int, json, str)",
                        "when:timestamp",
                        "nested:struct<\"a\": int>");
        assertThat(docs.describe(TableRef.of("mixed"))).isEqualTo(info);
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = docs.bulkReader()
                        .read(
                                ReadRequest.table(TableRef.of("mixed"))
                                        .withFilter(Predicate.lt("_id", "650000000000000000000004")),
                                allocator)) {
            assertThat(reader.loadNextBatch()).isTrue();
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            assertThat(root.getRowCount()).isEqualTo(3);
            assertThat(root.getVector("_id").getObject(0).toString()).isEqualTo(first.toHexString());
            assertThat(column(root, "v")).containsExactly("\"text\"", "12", "[1, 2]");
            assertThat(root.getVector("nested").getObject(1)).isEqualTo(Map.of("a", 1));
            assertThat(root.getVector("nested").isNull(0)).isTrue();
            assertThat(root.getVector("when").getObject(0)).isNotNull();
            assertThat(root.getVector("when").isNull(1)).isTrue();
        }
        assertThatThrownBy(() -> readAll(docs, TableRef.of("mixed")))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                .hasMessageContaining("Field 'n'")
                .hasMessageContaining("650000000000000000000004")
                .hasMessageContaining("raise sample_size, or set schemaless: true");
        try (Datastore schemaless = mongo.datastore(Map.of("schemaless", "true"))) {
            assertThat(schemaless.describe(TableRef.of("mixed")).columns())
                    .extracting(c -> c.name() + ":" + c.typeName())
                    .containsExactly("_id:objectId", "document:document");
            assertThat(readAll(schemaless, TableRef.of("mixed"))).hasSize(4);
        }
    }

    @Test
    void notEqualAndNegationsNeverMatchNullOrMissingFieldsAndArePushedDown() throws Exception {
        collection("sparse")
                .insertMany(List.of(
                        new Document("_id", 1).append("s", "a").append("x", 1),
                        new Document("_id", 2).append("s", "b").append("x", 2),
                        new Document("_id", 3).append("s", null),
                        new Document("_id", 4)));
        TableRef table = TableRef.of("sparse");
        Map<Predicate, List<Long>> cases = Map.of(
                Predicate.ne("s", "a"), List.of(2L),
                Predicate.not(Predicate.eq("s", "a")), List.of(2L),
                Predicate.not(Predicate.in("x", 1L)), List.of(2L),
                Predicate.not(Predicate.gt("x", 1L)), List.of(1L),
                Predicate.isNull("s"), List.of(3L, 4L),
                Predicate.not(Predicate.and(Predicate.eq("s", "a"), Predicate.eq("x", 1.0))), List.of(2L));
        for (Map.Entry<Predicate, List<Long>> c : cases.entrySet()) {
            ReadRequest request = ReadRequest.table(table).withFilter(c.getKey());
            Pushdown pushdown = docs.bulkReader().pushdown(request);
            assertThat(pushdown.residual()).as("%s is pushed whole", c.getKey()).isNull();
            assertThat(ids(docs, request)).as("%s", c.getKey()).isEqualTo(c.getValue());
        }
        // A timestamp finer than BSON's milliseconds is compared by core, never rounded into the filter.
        collection("dates")
                .insertOne(new Document("_id", 1)
                        .append("t", java.util.Date.from(Instant.parse("2024-01-01T00:00:00.001Z"))));
        ReadRequest fine = ReadRequest.table(TableRef.of("dates"))
                .withFilter(Predicate.ge("t", Instant.parse("2024-01-01T00:00:00.000500Z")));
        assertThat(docs.bulkReader().pushdown(fine).residual()).isNotNull();
        ReadRequest exact = ReadRequest.table(TableRef.of("dates"))
                .withFilter(Predicate.ge("t", Instant.parse("2024-01-01T00:00:00.001Z")));
        assertThat(docs.bulkReader().pushdown(exact).residual()).isNull();
        assertThat(ids(docs, exact)).containsExactly(1L);
    }

    @Test
    void idRangePartitionsCoverACollectionOnceAndMixedIdTypesStayWhole() {
        List<Document> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add(new Document("n", i));
        }
        collection("generated").insertMany(many);
        try (PartitionedRead parts = docs.bulkReader().partition(ReadRequest.table(TableRef.of("generated")), 5)) {
            assertThat(parts.partitions()).hasSize(5);
            List<Long> seen = new ArrayList<>();
            parts.partitions().forEach(p -> seen.addAll(values(docs, p, "n")));
            assertThat(seen).hasSize(500).doesNotHaveDuplicates();
        }
        collection("ids")
                .insertMany(List.of(new Document("_id", 1), new Document("_id", "one"), new Document("_id", 2)));
        try (PartitionedRead parts = docs.bulkReader().partition(ReadRequest.table(TableRef.of("ids")), 3)) {
            assertThat(parts.partitions()).hasSize(1);
        }
    }

    @Test
    void aCompositeKeyIsAnIdDocumentAndOverwriteRenamesANewCollectionOverTheOld() throws Exception {
        Schema schema = new Schema(List.of(
                new Field("a", FieldType.notNullable(new ArrowType.Int(32, true)), null),
                new Field("b", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                new Field("v", FieldType.nullable(new ArrowType.Int(32, true)), null)));
        TableRef table = TableRef.of("pairs");
        TckTables.create(docs, table, schema, List.of("a", "b"));
        write(schema, table, new WriteRequest(table, WriteMode.UPSERT, List.of("b", "a")), 0, 4, 1);
        write(schema, table, new WriteRequest(table, WriteMode.UPSERT, List.of("a", "b")), 2, 6, 2);
        BsonDocument stored = mongo.client()
                .getDatabase(mongo.database)
                .getCollection("pairs", BsonDocument.class)
                .find(new Document("_id", new Document("a", 5).append("b", "k5")))
                .first();
        assertThat(stored).isNotNull();
        assertThat(stored.getInt32("v").getValue()).isEqualTo(10);
        assertThat(readAll(docs, table)).hasSize(6);
        write(schema, table, new WriteRequest(table, WriteMode.OVERWRITE, List.of()), 100, 103, 3);
        assertThat(values(docs, ReadRequest.table(table), "a")).containsExactlyInAnyOrder(100L, 101L, 102L);
        assertThat(docs.tables(null)).extracting(TableRef::name).containsExactly("pairs");
        assertThat(docs.describe(table).primaryKey()).containsExactly("a", "b");
    }

    @Test
    void anUnreachableHostIsAConnectionErrorNamingHostAndPortWithoutThePassword() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (Datastore gone = new MongoDatastoreProvider()
                .open(TestingMongo.config(
                        Map.of("uri", "mongodb://app:Hunter2-secret@127.0.0.1:" + port + "/app"),
                        Duration.ofSeconds(2)))) {
            assertThatThrownBy(gone::connect)
                    .isInstanceOfSatisfying(DatastoreException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
                        assertThat(e.retryable()).isTrue();
                    })
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageNotContaining("Hunter2-secret");
            assertThat(gone.test().success()).isFalse();
            assertThat(gone.toString()).doesNotContain("Hunter2-secret");
        }
    }

    /** Rows from {@code from} to {@code to}: a = i, b = "k" + i, v = i * factor. */
    private void write(Schema schema, TableRef table, WriteRequest request, int from, int to, int factor)
            throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader rows = TckReaders.of(allocator, schema, (root, index) -> {
                    if (index > 0) {
                        return 0;
                    }
                    for (int i = from; i < to; i++) {
                        ((IntVector) root.getVector("a")).setSafe(i - from, i);
                        ((VarCharVector) root.getVector("b")).setSafe(i - from, ("k" + i).getBytes());
                        ((IntVector) root.getVector("v")).setSafe(i - from, i * factor);
                    }
                    return to - from;
                })) {
            docs.bulkWriter().write(request, rows);
        }
    }

    static List<List<Object>> readAll(Datastore store, TableRef table) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = store.bulkReader().read(ReadRequest.table(table), allocator)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    List<Object> row = new ArrayList<>();
                    for (FieldVector vector : root.getFieldVectors()) {
                        row.add(vector.getObject(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static List<Long> ids(Datastore store, ReadRequest request) {
        return values(store, request, "_id").stream().sorted().toList();
    }

    private static List<Long> values(Datastore store, ReadRequest request, String column) {
        List<Long> values = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = store.bulkReader().read(request, allocator)) {
            while (reader.loadNextBatch()) {
                FieldVector vector = reader.getVectorSchemaRoot().getVector(column);
                for (int i = 0; i < vector.getValueCount(); i++) {
                    values.add(((Number) vector.getObject(i)).longValue());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return values;
    }

    private static List<String> column(VectorSchemaRoot root, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < root.getRowCount(); i++) {
            Object value = root.getVector(name).getObject(i);
            values.add(value == null ? null : value.toString());
        }
        return values;
    }
}
