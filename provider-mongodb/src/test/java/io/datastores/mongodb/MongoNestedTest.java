package io.datastores.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.ColumnInfo;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.core.Datastores;
import io.datastores.core.Reads;
import io.datastores.core.TransferResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedded documents and arrays whose sampled values agree on a shape read as Arrow structs and
 * lists (to any depth), those that disagree as JSON text; Arrow structs and lists are written as BSON
 * documents and arrays, so a collection copied into a new one holds the same documents. In-process
 * mongo-java-server; DuckDB (a file of the test's own) as a second source of structs and lists.
 */
class MongoNestedTest {
    @TempDir
    Path dir;

    @Test
    void agreeingDocumentsAndArraysReadAsStructsAndListsAndWriteBackAsTheSameBson() throws Exception {
        try (TestingMongo mongo = TestingMongo.open("mongo_nested");
                Datastores datastores = datastores(mongo);
                BufferAllocator allocator = new RootAllocator()) {
            List<Document> originals = List.of(
                    new Document("_id", 1)
                            .append(
                                    "address",
                                    new Document("city", "Oslo")
                                            .append("zip", 150)
                                            .append("geo", new Document("lat", 59.9).append("lon", 10.7)))
                            .append("tags", List.of("a", "b"))
                            .append("points", List.of(new Document("x", 1).append("y", 2), new Document("x", 3)))
                            .append("matrix", List.of(List.of(1L, 2L), List.of(3L)))
                            .append("odd", new Document("a", 1))
                            .append("jumble", List.of(1, "two"))
                            .append("empty", List.of()),
                    new Document("_id", 2)
                            .append("address", new Document("city", "Bergen"))
                            .append("tags", List.of())
                            .append("points", List.of())
                            .append("matrix", List.of(List.of(), List.of(4L)))
                            .append("odd", new Document("a", "x"))
                            .append("jumble", List.of())
                            .append("empty", List.of()),
                    new Document("_id", 3).append("tags", Arrays.asList("c", null)));
            mongo.client().getDatabase(mongo.database).getCollection("people").insertMany(originals);

            Map<String, String> types = new LinkedHashMap<>();
            datastores
                    .get("mongo")
                    .describe(TableRef.of("people"))
                    .columns()
                    .forEach(c -> types.put(c.name(), c.typeName()));
            assertThat(types)
                    .containsExactly(
                            Map.entry("_id", "int"),
                            Map.entry(
                                    "address",
                                    "struct<\"city\": string, \"zip\": int, "
                                            + "\"geo\": struct<\"lat\": double, \"lon\": double>>"),
                            Map.entry("tags", "list<string>"),
                            Map.entry("points", "list<struct<\"x\": int, \"y\": int>>"),
                            Map.entry("matrix", "list<list<long>>"),
                            Map.entry("odd", "json"),
                            Map.entry("jumble", "json"),
                            Map.entry("empty", "json"));
            assertThat(datastores.get("mongo").describe(TableRef.of("people")).columns())
                    .extracting(ColumnInfo::name, ColumnInfo::jdbcType)
                    .contains(
                            org.assertj.core.groups.Tuple.tuple("address", java.sql.Types.STRUCT),
                            org.assertj.core.groups.Tuple.tuple("tags", java.sql.Types.ARRAY));

            List<List<String>> read = rows(datastores, "people", allocator, root -> {
                assertThat(root.getSchema().findField("address").getType()).isEqualTo(ArrowType.Struct.INSTANCE);
                assertThat(root.getSchema().findField("matrix").getType()).isEqualTo(ArrowType.List.INSTANCE);
                assertThat(root.getSchema().findField("odd").getType()).isNotInstanceOf(ArrowType.Struct.class);
            });
            assertThat(read)
                    .containsExactly(
                            List.of(
                                    "1",
                                    "{\"city\":\"Oslo\",\"zip\":150,\"geo\":{\"lat\":59.9,\"lon\":10.7}}",
                                    "[\"a\",\"b\"]",
                                    "[{\"x\":1,\"y\":2},{\"x\":3}]",
                                    "[[1,2],[3]]",
                                    "{\"a\": 1}",
                                    "[1, \"two\"]",
                                    "[]"),
                            List.of("2", "{\"city\":\"Bergen\"}", "[]", "[]", "[[],[4]]", "{\"a\": \"x\"}", "[]", "[]"),
                            Arrays.asList("3", null, "[\"c\",null]", null, null, null, null, null));

            // Copied into a new collection: structs and lists become documents and arrays again, the same as before.
            TransferResult copied = datastores
                    .copy("mongo", TableRef.of("people"), "mongo", TableRef.of("copy"))
                    .key("_id")
                    .run();
            assertThat(copied.plan().losses()).isEmpty();
            List<BsonDocument> before = documents(mongo, "people");
            List<BsonDocument> after = documents(mongo, "copy");
            assertThat(after).hasSameSizeAs(before);
            for (int i = 0; i < before.size(); i++) {
                for (String nested : List.of("_id", "address", "tags", "points", "matrix")) {
                    assertThat(after.get(i).get(nested))
                            .as("document %d, %s", i, nested)
                            .isEqualTo(before.get(i).get(nested));
                }
            }
            assertThat(datastores.get("mongo").describe(TableRef.of("copy")).columns())
                    .extracting(ColumnInfo::typeName)
                    .containsExactlyElementsOf(types.values());
            assertThat(rows(datastores, "copy", allocator, root -> {})).isEqualTo(read);
        }
    }

    @Test
    void duckDbStructsAndListsArriveAsEmbeddedDocumentsAndArrays() throws Exception {
        try (TestingMongo mongo = TestingMongo.open("mongo_nested");
                Datastores datastores = datastores(mongo)) {
            datastores
                    .get("duck")
                    .execute("CREATE TABLE t AS SELECT 1 AS id, {'name': 'x', 'n': 7, 'inner': {'ok': true}} AS s, "
                            + "[1.5, NULL, 2.5] AS l, [{'k': 'a'}, NULL] AS ls "
                            + "UNION ALL SELECT 2, NULL, [], NULL");
            TransferResult copied = datastores
                    .copy("duck", TableRef.of("main", "t"), "mongo", TableRef.of("t"))
                    .key("id")
                    .run();
            assertThat(copied.rows()).isEqualTo(2);
            assertThat(copied.plan().columns())
                    .extracting(c -> c.name() + ": " + c.targetType())
                    .containsExactly(
                            "id: int",
                            "s: struct<\"name\": string, \"n\": int, \"inner\": struct<\"ok\": bool>>",
                            "l: list<decimal(2,1)>",
                            "ls: list<struct<\"k\": string>>");
            List<BsonDocument> stored = documents(mongo, "t");
            assertThat(stored.get(0).toJson())
                    .isEqualTo("{\"_id\": 1, \"s\": {\"name\": \"x\", \"n\": 7, \"inner\": {\"ok\": true}}, "
                            + "\"l\": [{\"$numberDecimal\": \"1.5\"}, null, {\"$numberDecimal\": \"2.5\"}], "
                            + "\"ls\": [{\"k\": \"a\"}, null]}");
            assertThat(stored.get(1).toJson()).isEqualTo("{\"_id\": 2, \"l\": []}");
        }
    }

    private Datastores datastores(TestingMongo mongo) {
        return Datastores.fromYaml(
                "datastores:\n"
                        + "  mongo: {type: mongodb, connection: {uri: '" + mongo.uri + "/" + mongo.database + "'}}\n"
                        + "  duck: {type: duckdb, connection: {database: '" + dir.resolve("n.duckdb") + "'}}\n",
                Map.of());
    }

    private static List<BsonDocument> documents(TestingMongo mongo, String collection) {
        return mongo.client()
                .getDatabase(mongo.database)
                .getCollection(collection, BsonDocument.class)
                .find()
                .sort(new Document("_id", 1))
                .into(new ArrayList<>());
    }

    /** Every row, ordered by {@code _id}, each value as its text (Arrow's JSON for structs and lists). */
    private static List<List<String>> rows(
            Datastores datastores,
            String collection,
            BufferAllocator allocator,
            java.util.function.Consumer<VectorSchemaRoot> check)
            throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (ArrowReader reader =
                Reads.open(datastores.get("mongo"), ReadRequest.table(TableRef.of(collection)), allocator)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                check.accept(root);
                for (int i = 0; i < root.getRowCount(); i++) {
                    List<String> row = new ArrayList<>();
                    for (FieldVector vector : root.getFieldVectors()) {
                        Object value = vector.getObject(i);
                        row.add(value == null ? null : value.toString());
                    }
                    rows.add(row);
                }
            }
        }
        rows.sort(java.util.Comparator.comparing(row -> row.get(0)));
        return rows;
    }
}
