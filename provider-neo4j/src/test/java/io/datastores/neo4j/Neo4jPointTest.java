package io.datastores.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.core.Datastores;
import io.datastores.core.TransferResult;
import io.datastores.tck.TckReaders;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Point columns: a struct {@code {srid, x, y, z}} is written as a Neo4j POINT (2D and 3D, cartesian
 * and WGS-84), described as POINT, read back as the same struct, and survives a copy from one label
 * to another; a point Neo4j has no coordinate system for is refused naming the column.
 */
class Neo4jPointTest {
    private static final TableRef PLACE = TableRef.of("Place");
    private static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            PointStruct.field("spot", true),
            new Field("path", FieldType.nullable(ArrowType.List.INSTANCE), List.of(PointStruct.field("item", true)))));
    /** id, srid, x, y, z: cartesian 2D and 3D, WGS-84 2D and 3D (its corners), then a NULL point. */
    private static final Object[][] SPOTS = {
        {1L, 7203, 1.5, -2.25, null},
        {2L, 9157, -1e300, 0.0, 3.5},
        {3L, 4326, 13.404954, 52.520008, null},
        {4L, 4979, -180.0, -90.0, 8848.86},
        {5L, null, null, null, null}
    };

    private Datastore neo4j;

    @BeforeEach
    void open() {
        neo4j = TestingNeo4j.open(TestingNeo4j.config("neo4j_points", Map.of()));
    }

    @AfterEach
    void close() {
        neo4j.close();
        TestingNeo4j.clean();
    }

    @Test
    void pointsOfBothSystemsIn2dAnd3dRoundTripAsStructs() throws Exception {
        TableCreator creator = neo4j.feature(TableCreator.class).orElseThrow();
        assertThat(creator.columnType(SCHEMA.findField("spot")))
                .hasValueSatisfying(t -> assertThat(t.ddl() + t.losses()).isEqualTo("POINT[]"));
        assertThat(creator.columnType(SCHEMA.findField("path")))
                .hasValueSatisfying(t -> assertThat(t.ddl()).isEqualTo("LIST<POINT>"));
        creator.createTable(PLACE, List.of(), List.of("id"));
        List<Map<String, Object>> written;
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot source = VectorSchemaRoot.create(SCHEMA, allocator)) {
            source.setRowCount(fill(source, SPOTS));
            written = TestingNeo4j.rows(source);
            write(allocator, WriteMode.UPSERT, SPOTS);
            try (ArrowReader read = neo4j.bulkReader().read(ReadRequest.table(PLACE), allocator)) {
                Schema arrived = read.getVectorSchemaRoot().getSchema();
                assertThat(arrived.findField("spot")).isEqualTo(SCHEMA.findField("spot"));
                assertThat(arrived.findField("path").getChildren())
                        .isEqualTo(SCHEMA.findField("path").getChildren());
                List<Map<String, Object>> back = TestingNeo4j.rows(read);
                back.forEach(row -> row.remove(Neo4jSchema.ID));
                back.sort(Comparator.comparing(row -> (Long) row.get("id")));
                assertThat(back).isEqualTo(written);
            }
        }
        assertThat(neo4j.query("MATCH (p:Place) WHERE p.spot IS NOT NULL RETURN p.spot.crs AS crs ORDER BY p.id")
                        .rows())
                .as("Neo4j holds real points, each in its coordinate system")
                .extracting(r -> r.get("crs"))
                .containsExactly("cartesian", "cartesian-3d", "wgs-84", "wgs-84-3d");
        assertThat(neo4j.query("MATCH (p:Place {id: 3}) RETURN p.spot.longitude AS lon, size(p.path) AS n")
                        .rows())
                .containsExactly(Map.of("lon", 13.404954, "n", 2L));
        assertThat(neo4j.describe(PLACE).column("spot").orElseThrow().typeName())
                .isEqualTo("POINT");
        assertThat(neo4j.describe(PLACE).column("path").orElseThrow().typeName())
                .isEqualTo("LIST<POINT>");
    }

    @Test
    void aCopyFromLabelToLabelKeepsThePoints() throws Exception {
        neo4j.feature(TableCreator.class).orElseThrow().createTable(PLACE, List.of(), List.of("id"));
        try (BufferAllocator allocator = new RootAllocator()) {
            write(allocator, WriteMode.UPSERT, SPOTS);
        }
        try (Datastores datastores = TestingNeo4j.datastores(Map.of())) {
            TransferResult copy = datastores
                    .copy("neo4j", PLACE, "neo4j", TableRef.of("Copy"))
                    .mode(WriteMode.UPSERT)
                    .key("id")
                    .run();

            assertThat(copy.rows()).isEqualTo(SPOTS.length);
            assertThat(copy.plan().columns())
                    .filteredOn(c -> !c.name().equals(Neo4jSchema.ID))
                    .allSatisfy(c -> assertThat(c.losses()).as(c.name()).isEmpty());
        }
        assertThat(neo4j.query("MATCH (p:Place), (c:Copy {id: p.id}) WHERE p.spot = c.spot AND p.path = c.path "
                                + "RETURN count(c) AS same")
                        .scalar())
                .as("every point and list of points equal in the copy (the NULL point, row 5, compares as NULL)")
                .isEqualTo(4L);
        assertThat(neo4j.query("MATCH (c:Copy {id: 5}) RETURN c.spot IS NULL AND c.path IS NULL AS empty")
                        .scalar())
                .isEqualTo(true);
    }

    @Test
    void aPointNeo4jHasNoSystemForIsRefusedNamingTheColumn() throws Exception {
        try (BufferAllocator allocator = new RootAllocator()) {
            assertThatThrownBy(() -> write(allocator, WriteMode.APPEND, new Object[][] {{1L, 1234, 1.0, 2.0, null}}))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                    .hasMessageContaining("Column 'spot' holds a point of srid 1234")
                    .hasMessageContaining("use 7203 (cartesian) or 4326 (WGS-84)");
            assertThatThrownBy(() -> write(allocator, WriteMode.APPEND, new Object[][] {{1L, 4979, 1.0, 2.0, null}}))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                    .hasMessageContaining("Column 'spot' holds a point of srid 4979 without z");
        }
        assertThat(neo4j.query("MATCH (p:Place) RETURN count(p) AS c").scalar()).isEqualTo(0L);
    }

    @Test
    void aStructOfOtherFieldsStaysJsonText() {
        Field notAPoint = new Field(
                "spot",
                FieldType.nullable(ArrowType.Struct.INSTANCE),
                List.of(
                        new Field("srid", FieldType.nullable(new ArrowType.Int(32, true)), null),
                        new Field(
                                "x",
                                FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                                null),
                        new Field("label", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

        assertThat(neo4j.feature(TableCreator.class).orElseThrow().columnType(notAPoint))
                .hasValueSatisfying(t ->
                        assertThat(t.ddl() + t.losses()).isEqualTo("STRING" + List.of(CanonicalTypes.STRUCT_AS_JSON)));
    }

    private void write(BufferAllocator allocator, WriteMode mode, Object[][] spots) throws Exception {
        try (ArrowReader reader =
                TckReaders.of(allocator, SCHEMA, (root, index) -> index > 0 ? 0 : fill(root, spots))) {
            neo4j.bulkWriter()
                    .write(new WriteRequest(PLACE, mode, mode == WriteMode.UPSERT ? List.of("id") : List.of()), reader);
        }
    }

    /** Each row's point as {@code spot}, and as {@code path} the point and its mirror image (a NULL point: NULL). */
    private static int fill(VectorSchemaRoot root, Object[][] spots) {
        root.allocateNew();
        StructVector spot = (StructVector) root.getVector("spot");
        ListVector path = (ListVector) root.getVector("path");
        StructVector steps = (StructVector) path.getDataVector();
        for (int row = 0; row < spots.length; row++) {
            Object[] s = spots[row];
            ((BigIntVector) root.getVector("id")).setSafe(row, (Long) s[0]);
            if (s[1] == null) {
                spot.setNull(row);
                path.setNull(row);
                continue;
            }
            point(spot, row, s, 1);
            int start = path.startNewValue(row);
            point(steps, start, s, 1);
            point(steps, start + 1, s, -1);
            path.endValue(row, 2);
        }
        return spots.length;
    }

    private static void point(StructVector vector, int index, Object[] s, double sign) {
        vector.setIndexDefined(index);
        ((IntVector) vector.getChild("srid")).setSafe(index, (Integer) s[1]);
        ((Float8Vector) vector.getChild("x")).setSafe(index, sign * (Double) s[2]);
        ((Float8Vector) vector.getChild("y")).setSafe(index, sign * (Double) s[3]);
        Float8Vector z = (Float8Vector) vector.getChild("z");
        if (s[4] == null) {
            z.setNull(index);
        } else {
            z.setSafe(index, (Double) s[4]);
        }
    }
}
