package io.datastores.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.datastores.api.ColumnInfo;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.Predicate;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.core.Datastores;
import io.datastores.core.TransferResult;
import io.datastores.tck.TckReaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * List columns through the bulk writer and reader: Arrow {@code List<T>} is stored as
 * {@code LIST<T>}, described as {@code LIST<T>} and read back as {@code List<T>}; a property whose
 * lists differ in element type stays text, and says so.
 */
class Neo4jListTest {
    private static final Map<String, ArrowType> ELEMENTS = Map.of(
            "ints", new ArrowType.Int(64, true),
            "reals", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
            "words", ArrowType.Utf8.INSTANCE,
            "flags", ArrowType.Bool.INSTANCE,
            "days", new ArrowType.Date(DateUnit.DAY),
            "walls", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null),
            "instants", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"),
            "clocks", new ArrowType.Time(TimeUnit.MICROSECOND, 64));
    private static final List<String> COLUMNS =
            List.of("ints", "reals", "words", "flags", "days", "walls", "instants", "clocks");
    private static final TableRef BAG = TableRef.of("Bag");

    private Datastore neo4j;

    @BeforeEach
    void open() {
        neo4j = TestingNeo4j.open(TestingNeo4j.config("neo4j_lists", Map.of()));
    }

    @AfterEach
    void close() {
        neo4j.close();
        TestingNeo4j.clean();
    }

    @Test
    void listsOfEachElementTypeRoundTripAsArrowLists() throws Exception {
        List<Field> fields = new ArrayList<>(List.of(idField()));
        COLUMNS.forEach(c -> fields.add(list(c, ELEMENTS.get(c))));
        Schema schema = new Schema(fields);
        TableCreator creator = neo4j.feature(TableCreator.class).orElseThrow();
        assertThat(creator.columnType(schema.findField("walls")))
                .hasValueSatisfying(t -> assertThat(t.ddl()).isEqualTo("LIST<LOCAL DATETIME>"));
        creator.createTable(BAG, List.of(), List.of("id"));

        List<Map<String, Object>> written;
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot source = VectorSchemaRoot.create(schema, allocator)) {
            source.setRowCount(fill(source));
            written = TestingNeo4j.rows(source);
            try (ArrowReader reader = TckReaders.of(allocator, schema, (root, index) -> index > 0 ? 0 : fill(root))) {
                neo4j.bulkWriter().write(new WriteRequest(BAG, WriteMode.UPSERT, List.of("id")), reader);
            }
            try (ArrowReader read = neo4j.bulkReader().read(ReadRequest.table(BAG), allocator)) {
                Schema arrived = read.getVectorSchemaRoot().getSchema();
                for (String column : COLUMNS) {
                    assertThat(arrived.findField(column).getType()).as(column).isEqualTo(ArrowType.List.INSTANCE);
                    assertThat(arrived.findField(column).getChildren().get(0).getType())
                            .as(column)
                            .isEqualTo(ELEMENTS.get(column));
                }
                List<Map<String, Object>> back = TestingNeo4j.rows(read);
                back.forEach(row -> assertThat(row.remove(Neo4jSchema.ID)).isNotNull());
                back.sort(Comparator.comparing(row -> (Long) row.get("id")));
                assertThat(back).isEqualTo(written);
                assertThat(back.get(0).get("ints")).isEqualTo(List.of(Long.MIN_VALUE, 0L, Long.MAX_VALUE));
                assertThat(back.get(1)).containsEntry("ints", null).containsEntry("words", null);
                assertThat(back.get(2)).containsEntry("ints", List.of()).containsEntry("words", List.of());
            }
        }

        TableInfo described = neo4j.describe(BAG);
        assertThat(described.columns())
                .filteredOn(c -> COLUMNS.contains(c.name()))
                .extracting(c -> c.name() + " " + c.typeName() + " " + c.jdbcType())
                .containsExactlyInAnyOrder(
                        "ints LIST<INTEGER> 2003",
                        "reals LIST<FLOAT> 2003",
                        "words LIST<STRING> 2003",
                        "flags LIST<BOOLEAN> 2003",
                        "days LIST<DATE> 2003",
                        "walls LIST<LOCAL DATE TIME> 2003",
                        "instants LIST<DATE TIME> 2003",
                        "clocks LIST<LOCAL TIME> 2003");
        assertThat(neo4j.query("MATCH (b:Bag {id: 1}) RETURN valueType(b.days) AS t")
                        .scalar())
                .as("Neo4j holds a typed list, not its text")
                .isEqualTo("LIST<DATE NOT NULL> NOT NULL");
    }

    @Test
    void listsOfSeveralElementTypesStayTextAndSaySo() throws Exception {
        neo4j.execute("CREATE (:Mixed {id: 1, tags: [1, 2], never: [], zones: [time('12:00+01:00')]}), "
                + "(:Mixed {id: 2, tags: ['a', 'b']})");

        TableInfo mixed = neo4j.describe(TableRef.of("Mixed"));

        assertThat(mixed.columns())
                .extracting(ColumnInfo::name, ColumnInfo::typeName)
                .contains(
                        tuple("tags", "LIST of mixed element types (as text)"),
                        tuple("never", "LIST with no element in the sample (as text)"),
                        tuple("zones", "LIST<TIME> (as text)"));
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader read = neo4j.bulkReader()
                        .read(ReadRequest.table(TableRef.of("Mixed")).withColumns("id", "tags"), allocator)) {
            assertThat(read.getVectorSchemaRoot().getSchema().findField("tags").getType())
                    .isEqualTo(ArrowType.Utf8.INSTANCE);
            assertThat(TestingNeo4j.rows(read))
                    .extracting(r -> r.get("id") + " " + r.get("tags"))
                    .containsExactlyInAnyOrder("1 [1, 2]", "2 [\"a\", \"b\"]");
        }
        try (Datastores datastores = TestingNeo4j.datastores(Map.of())) {
            TransferResult copy = datastores
                    .copy("neo4j", TableRef.of("Mixed"), "neo4j", TableRef.of("Copy"))
                    .run();
            assertThat(copy.plan().columns())
                    .filteredOn(c -> c.name().equals("tags"))
                    .singleElement()
                    .satisfies(c -> assertThat(c.losses())
                            .containsExactly("LIST of mixed element types (as text) arrives as text"));
        }
        assertThat(neo4j.query("MATCH (c:Copy {id: 1}) RETURN c.tags AS tags").scalar())
                .as("the copy stores the text it read")
                .isEqualTo("[1, 2]");
        assertThat(neo4j.bulkReader()
                        .pushdown(ReadRequest.table(TableRef.of("Mixed")).withFilter(Predicate.eq("tags", "[1, 2]")))
                        .residual())
                .as("compared as text by core, not as a list by Cypher")
                .isEqualTo(Predicate.eq("tags", "[1, 2]"));
    }

    @Test
    void aQuerysColumnsAreTypedByAllTheirValues() throws Exception {
        String cypher = "UNWIND [[1, 2], null, [], [3]] AS ints "
                + "RETURN ints, CASE WHEN ints IS NULL THEN 'none' ELSE size(ints) END AS count";
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader read = neo4j.bulkReader().read(ReadRequest.query(cypher), allocator)) {
            Schema schema = read.getVectorSchemaRoot().getSchema();
            assertThat(schema.findField("ints").getChildren().get(0).getType()).isEqualTo(new ArrowType.Int(64, true));
            assertThat(schema.findField("count").getType())
                    .as("an INTEGER first, a STRING later: text, not a failed read")
                    .isEqualTo(ArrowType.Utf8.INSTANCE);
            assertThat(TestingNeo4j.rows(read))
                    .extracting(r -> r.get("ints") + " " + r.get("count"))
                    .containsExactly("[1, 2] 2", "null none", "[] 0", "[3] 1");
        }
    }

    @Test
    void aNullInsideAListIsRefusedNamingTheColumn() throws Exception {
        Schema schema = new Schema(List.of(idField(), list("ints", new ArrowType.Int(64, true))));
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = TckReaders.of(allocator, schema, (root, index) -> {
                    if (index > 0) {
                        return 0;
                    }
                    ((BigIntVector) root.getVector("id")).setSafe(0, 1);
                    ListVector ints = (ListVector) root.getVector("ints");
                    int start = ints.startNewValue(0);
                    ((BigIntVector) ints.getDataVector()).setSafe(start, 7);
                    ints.getDataVector().setNull(start + 1);
                    ints.endValue(0, 2);
                    return 1;
                })) {
            assertThatThrownBy(() -> neo4j.bulkWriter().write(WriteRequest.append(BAG), reader))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                    .hasMessageContaining("Column 'ints' holds a list with a NULL element");
        }
        assertThat(neo4j.query("MATCH (b:Bag) RETURN count(b) AS c").scalar()).isEqualTo(0L);
    }

    private static Field idField() {
        return new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null);
    }

    private static Field list(String name, ArrowType element) {
        return new Field(
                name,
                FieldType.nullable(ArrowType.List.INSTANCE),
                List.of(new Field("item", FieldType.nullable(element), null)));
    }

    /** Row 1 edge values, row 2 every list NULL, row 3 every list empty, row 4 one element each. */
    private static int fill(VectorSchemaRoot root) {
        root.allocateNew();
        for (int row = 0; row < 4; row++) {
            ((BigIntVector) root.getVector("id")).setSafe(row, row + 1);
        }
        Object[][] values = {
            {Long.MIN_VALUE, 0L, Long.MAX_VALUE},
            {-0.0, Double.NaN, Double.NEGATIVE_INFINITY, Double.MAX_VALUE},
            {"", "héllo 世界 😀", "a, \"b\""},
            {true, false},
            {LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31)},
            {LocalDateTime.of(1901, 12, 13, 20, 45, 52, 1_000), LocalDateTime.of(2262, 4, 11, 23, 47, 16, 854_775_000)},
            {Instant.parse("1969-07-20T20:17:40.123456Z"), Instant.parse("2038-01-19T03:14:08Z")},
            {LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_999_000)}
        };
        for (int c = 0; c < COLUMNS.size(); c++) {
            ListVector vector = (ListVector) root.getVector(COLUMNS.get(c));
            set(vector, 0, Arrays.asList(values[c]));
            vector.setNull(1);
            set(vector, 2, List.of());
            set(vector, 3, List.of(values[c][0]));
        }
        return 4;
    }

    private static void set(ListVector vector, int row, List<Object> elements) {
        int start = vector.startNewValue(row);
        FieldVector data = vector.getDataVector();
        for (int i = 0; i < elements.size(); i++) {
            Object value = elements.get(i);
            int at = start + i;
            if (value instanceof Long l) {
                ((BigIntVector) data).setSafe(at, l);
            } else if (value instanceof Double d) {
                ((Float8Vector) data).setSafe(at, d);
            } else if (value instanceof String s) {
                ((VarCharVector) data).setSafe(at, s.getBytes(StandardCharsets.UTF_8));
            } else if (value instanceof Boolean b) {
                ((BitVector) data).setSafe(at, b ? 1 : 0);
            } else if (value instanceof LocalDate d) {
                ((DateDayVector) data).setSafe(at, (int) d.toEpochDay());
            } else if (value instanceof LocalDateTime t) {
                ((TimeStampVector) data).setSafe(at, micros(t.toInstant(ZoneOffset.UTC)));
            } else if (value instanceof Instant t) {
                ((TimeStampVector) data).setSafe(at, micros(t));
            } else {
                ((TimeMicroVector) data).setSafe(at, ((LocalTime) value).toNanoOfDay() / 1_000);
            }
        }
        vector.endValue(row, elements.size());
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
