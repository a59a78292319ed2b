package io.datastores.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.data.UdtValue;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.core.Reads;
import io.datastores.jdbc.TestingArrow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lists, sets, maps, tuples and UDTs against a real Cassandra node, in a keyspace of this test's own:
 * rows inserted as CQL literals read as Arrow List/Map/Struct, Arrow List/Map/Struct batches written
 * and checked through the driver, and a new table's collection columns.
 */
class CassandraCollectionsTest {
    private static final String TABLE = "CREATE TABLE things (id bigint PRIMARY KEY, nums list<int>, names set<text>,"
            + " scores map<text, double>, home frozen<address>, grid list<frozen<list<bigint>>>,"
            + " point tuple<int, text>, amounts list<decimal>, seen map<int, timestamp>)";

    private DatastoreConfig config;
    private Datastore datastore;

    @BeforeEach
    void open() {
        config = TestingCassandra.freshKeyspace("cassandra_collections");
        datastore = TestingCassandra.open(config);
        datastore.execute("CREATE TYPE address (street text, zip int, tags frozen<list<text>>)");
        datastore.execute(TABLE);
    }

    @AfterEach
    void close() {
        datastore.close();
        TestingCassandra.dropKeyspace(config);
    }

    @Test
    void collectionsTuplesAndUdtsReadAsArrowListsMapsAndStructs() throws Exception {
        datastore.execute("INSERT INTO things (id, nums, names, scores, home, grid, point, amounts, seen) VALUES (1,"
                + " [3, 1, 3], {'b', 'a'}, {'z': 1.5, 'y': -2.0},"
                + " {street: 'Main St', zip: 12345, tags: ['x', 'y']}, [[1, 2], [], [3]], (7, 'seven'),"
                + " [1.50, -0.001], {2: '2024-05-01T10:00:00.123Z'})");
        datastore.execute("INSERT INTO things (id) VALUES (2)");
        // Cassandra keeps no cells for an empty non-frozen collection: it reads back as NULL.
        datastore.execute("INSERT INTO things (id, nums, names, scores, home) VALUES (3, [], {}, {}, {street: null})");

        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = Reads.open(datastore, ReadRequest.table(TableRef.of("things")), allocator)) {
            Map<String, Field> fields = new LinkedHashMap<>();
            reader.getVectorSchemaRoot().getSchema().getFields().forEach(f -> fields.put(f.getName(), f));
            assertThat(fields.get("nums").getType()).isEqualTo(ArrowType.List.INSTANCE);
            assertThat(fields.get("nums").getChildren().get(0).getType()).isEqualTo(new ArrowType.Int(32, true));
            assertThat(fields.get("names").getType()).isEqualTo(ArrowType.List.INSTANCE);
            assertThat(fields.get("scores").getType()).isEqualTo(new ArrowType.Map(false));
            assertThat(fields.get("home").getType()).isEqualTo(ArrowType.Struct.INSTANCE);
            assertThat(fields.get("home").getChildren())
                    .extracting(Field::getName)
                    .containsExactly("street", "zip", "tags");
            assertThat(fields.get("point").getChildren())
                    .extracting(Field::getName)
                    .containsExactly("_1", "_2");
            assertThat(fields.get("amounts").getChildren().get(0).getType())
                    .as("a decimal inside a collection has no recorded scale: exact text")
                    .isEqualTo(ArrowType.Utf8.INSTANCE);

            Map<Long, Map<String, Object>> rows = rows(reader);
            assertThat(rows.get(1L))
                    .containsEntry("nums", List.of(3, 1, 3))
                    .containsEntry("names", List.of("a", "b"))
                    .containsEntry("scores", Map.of("y", -2.0, "z", 1.5))
                    .containsEntry("home", map("street", "Main St", "zip", 12345, "tags", List.of("x", "y")))
                    .containsEntry("grid", List.of(List.of(1L, 2L), List.of(), List.of(3L)))
                    .containsEntry("point", map("_1", 7, "_2", "seven"))
                    .containsEntry("amounts", List.of("1.50", "-0.001"))
                    .containsEntry(
                            "seen",
                            Map.of(2, Instant.parse("2024-05-01T10:00:00.123Z").toEpochMilli()));
            assertThat(rows.get(2L)).containsOnlyKeys(rows.get(1L).keySet()).allSatisfy((column, value) -> {
                if (!column.equals("id")) {
                    assertThat(value).as(column).isNull();
                }
            });
            assertThat(rows.get(3L))
                    .containsEntry("nums", null)
                    .containsEntry("names", null)
                    .containsEntry("scores", null)
                    .containsEntry("home", map("street", null, "zip", null, "tags", null));
        }
    }

    @Test
    void arrowListsMapsAndStructsAreWrittenIntoCollectionsTuplesAndUdts() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot batch = CassandraCollectionBatches.things(allocator)) {
            TestingArrow.write(datastore, allocator, batch, WriteRequest.append(TableRef.of("things")));

            // Checked through the driver, not through this provider's reader.
            Row full = TestingCassandra.admin()
                    .execute("SELECT * FROM " + keyspace() + ".things WHERE id = 10")
                    .one();
            assertThat(full.getList("nums", Integer.class)).containsExactly(5, -1, 5);
            assertThat(full.getSet("names", String.class)).isEqualTo(Set.of("p", "q"));
            assertThat(full.getMap("scores", String.class, Double.class)).isEqualTo(Map.of("k", 0.25));
            UdtValue home = full.getUdtValue("home");
            assertThat(home.getString("street")).isEqualTo("Elm");
            assertThat(home.isNull("zip")).isTrue();
            assertThat(home.getList("tags", String.class)).containsExactly("t1");
            assertThat(full.getList("grid", List.class)).isEqualTo(List.of(List.of(9L), List.of(8L, 7L)));
            TupleValue point = full.getTupleValue("point");
            assertThat(point.getInt(0)).isEqualTo(-4);
            assertThat(point.getString(1)).isEqualTo("minus four");
            assertThat(full.getList("amounts", BigDecimal.class)).containsExactly(new BigDecimal("12.30"));
            Row empty = TestingCassandra.admin()
                    .execute("SELECT * FROM " + keyspace() + ".things WHERE id = 11")
                    .one();
            assertThat(empty.isNull("nums")).isTrue();
            assertThat(empty.isNull("home")).isTrue();
            assertThat(empty.isNull("point")).isTrue();

            // And read back through the provider, the same values as the batch held.
            try (ArrowReader reader = Reads.open(
                    datastore,
                    ReadRequest.table(TableRef.of("things"))
                            .withColumns("id", "nums", "scores", "home", "grid", "point"),
                    allocator)) {
                Map<Long, Map<String, Object>> back = rows(reader);
                Map<String, Object> written = new LinkedHashMap<>();
                for (FieldVector vector : batch.getFieldVectors()) {
                    written.put(vector.getName(), plain(vector, 0));
                }
                assertThat(back.get(10L))
                        .hasSize(6)
                        .allSatisfy(
                                (column, value) -> assertThat(value).as(column).isEqualTo(written.get(column)));
            }
        }
    }

    @Test
    void aNullInsideACollectionIsRefusedNamingTheColumn() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot batch = CassandraCollectionBatches.nullElement(allocator)) {
            assertThatThrownBy(() ->
                            TestingArrow.write(datastore, allocator, batch, WriteRequest.append(TableRef.of("things"))))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                    .hasMessageContaining("Column 'nums'")
                    .hasMessageContaining("collections hold no NULLs");
        }
    }

    @Test
    void queryParametersBindJavaCollectionsAndMapsAsUdtsElementByElement() {
        datastore.execute(
                "INSERT INTO things (id, nums, home, point) VALUES (?, ?, ?, ?)",
                20L,
                List.of(1L, 2L),
                map("street", "Oak", "tags", List.of("a")),
                List.of(3L, "three"));
        Row row = TestingCassandra.admin()
                .execute("SELECT nums, home, point FROM " + keyspace() + ".things WHERE id = 20")
                .one();
        assertThat(row.getList("nums", Integer.class)).containsExactly(1, 2);
        assertThat(row.getUdtValue("home").getString("street")).isEqualTo("Oak");
        assertThat(row.getUdtValue("home").isNull("zip")).isTrue();
        assertThat(row.getTupleValue("point").getString(1)).isEqualTo("three");

        assertThatThrownBy(() -> datastore.execute(
                        "INSERT INTO things (id, home) VALUES (?, ?)", 21L, map("street", "Oak", "city", "Nowhere")))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                .hasMessageContaining("has no field 'city'");
        assertThatThrownBy(() -> datastore.execute("INSERT INTO things (id, point) VALUES (?, ?)", 21L, List.of(1L)))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                .hasMessageContaining("has 2 components, the value 1");
        assertThat(datastore.query("SELECT id FROM things WHERE id = 21").rows())
                .isEmpty();
    }

    @Test
    void aNewTableGetsListAndMapColumnsAndNamesWhatTheyLose() {
        TableCreator creator = datastore.feature(TableCreator.class).orElseThrow();
        Field longs = list("l", new ArrowType.Int(64, true));
        Field nested = new Field(
                "m",
                FieldType.nullable(new ArrowType.Map(false)),
                List.of(new Field(
                        "entries",
                        FieldType.notNullable(ArrowType.Struct.INSTANCE),
                        List.of(
                                new Field("key", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                                list("value", new ArrowType.Int(32, true))))));
        Field decimals = list("d", new ArrowType.Decimal(12, 2, 128));
        Field struct = new Field(
                "s",
                FieldType.nullable(ArrowType.Struct.INSTANCE),
                List.of(new Field("a", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

        assertThat(creator.columnType(longs)).contains(TableCreator.TargetType.exact("list<bigint>"));
        assertThat(creator.columnType(nested)).contains(TableCreator.TargetType.exact("map<text, frozen<list<int>>>"));
        assertThat(creator.columnType(decimals).orElseThrow().losses()).containsExactly(ArrowToCql.NESTED_DECIMAL);
        assertThat(creator.columnType(struct))
                .as("a struct gets a UDT made first (CassandraStructTablesTest)")
                .contains(TableCreator.TargetType.exact("struct<\"a\" text>"));

        creator.createTable(
                TableRef.of("made"),
                List.of(
                        new TableCreator.ColumnDefinition("id", "bigint", false),
                        new TableCreator.ColumnDefinition(
                                "m", creator.columnType(nested).orElseThrow().ddl(), true)),
                List.of("id"));
        datastore.execute("INSERT INTO made (id, m) VALUES (1, {'a': [1, 2]})");
        assertThat(datastore
                        .describe(TableRef.of("made"))
                        .column("m")
                        .orElseThrow()
                        .typeName())
                .isEqualTo("map<text, frozen<list<int>>>");
    }

    private String keyspace() {
        return config.value("keyspace").orElseThrow();
    }

    private static Field list(String name, ArrowType element) {
        return new Field(
                name,
                FieldType.nullable(ArrowType.List.INSTANCE),
                List.of(new Field("item", FieldType.notNullable(element), null)));
    }

    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** @return every row by its {@code id}, each column as {@link #plain} */
    private static Map<Long, Map<String, Object>> rows(ArrowReader reader) throws Exception {
        Map<Long, Map<String, Object>> rows = new LinkedHashMap<>();
        while (reader.loadNextBatch()) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            for (int row = 0; row < root.getRowCount(); row++) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (FieldVector vector : root.getFieldVectors()) {
                    values.put(vector.getName(), plain(vector, row));
                }
                rows.put((Long) values.get("id"), values);
            }
        }
        return rows;
    }

    /** An Arrow cell as plain Java, through Arrow's own accessors: lists, maps by key, structs by field name. */
    static Object plain(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        if (vector instanceof MapVector map) {
            StructVector entries = (StructVector) map.getDataVector();
            Map<Object, Object> values = new LinkedHashMap<>();
            for (int i = map.getElementStartIndex(row); i < map.getElementEndIndex(row); i++) {
                values.put(
                        plain((FieldVector) entries.getChildByOrdinal(0), i),
                        plain((FieldVector) entries.getChildByOrdinal(1), i));
            }
            return values;
        }
        if (vector instanceof ListVector list) {
            List<Object> values = new ArrayList<>();
            for (int i = list.getElementStartIndex(row); i < list.getElementEndIndex(row); i++) {
                values.add(plain(list.getDataVector(), i));
            }
            return values;
        }
        if (vector instanceof StructVector struct) {
            Map<String, Object> values = new LinkedHashMap<>();
            struct.getChildrenFromFields().forEach(child -> values.put(child.getName(), plain(child, row)));
            return values;
        }
        Object value = vector.getObject(row);
        return value instanceof Text text ? text.toString() : value;
    }
}
