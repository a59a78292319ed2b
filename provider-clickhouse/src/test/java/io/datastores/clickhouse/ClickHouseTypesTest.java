package io.datastores.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.TableRef;
import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.arrow.JsonVector;
import io.datastores.api.arrow.UuidVector;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.jdbc.JdbcDatastore;
import io.datastores.jdbc.TestingArrow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ClickHouse's own types read into Arrow by the bulk reader, and written back through the table creator and bulk writer. */
class ClickHouseTypesTest {
    private final TestingClickHouse clickhouse = new TestingClickHouse();
    private final JdbcDatastore datastore = clickhouse.open();

    @AfterEach
    void drop() {
        datastore.close();
        clickhouse.close();
    }

    private static final String CREATE = "CREATE TABLE t (id Int32, lc LowCardinality(String), u8 UInt8, u64 UInt64, "
            + "i128 Int128, u256 UInt256, d76 Decimal(76, 10), e Enum8('a' = 1, 'b' = 2), uid UUID, "
            + "arr Array(Nullable(Int32)), m Map(String, Int64), tup Tuple(a Int32, b String), j JSON, "
            + "dt DateTime('Europe/Berlin'), dt64 DateTime64(3, 'Asia/Tokyo'), d Date, n Nullable(Float64)) "
            + "ENGINE = MergeTree ORDER BY id";
    private static final String ROW = "INSERT INTO t VALUES (1, 'x', 255, 18446744073709551615, "
            + "-170141183460469231731687303715884105728, "
            + "115792089237316195423570985008687907853269984665640564039457584007913129639935, "
            + "-123456789012345678901234567890123456789012345678901234567890123456.0123456789, 'b', "
            + "'61f0c404-5cb3-11e7-907b-a6006ad3dba0', [1, NULL, 3], {'k': 7}, (5, 'five'), '{\"a\": {\"b\": 1}}', "
            + "'2024-03-10 07:30:00', '2024-03-10 07:30:00.123', '2149-06-06', NULL)";

    private Map<String, Object> readRow(String table, Map<String, ArrowType> types) throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = datastore.bulkReader().read(ReadRequest.table(TableRef.of(table)), allocator)) {
            assertThat(reader.loadNextBatch()).isTrue();
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            assertThat(root.getRowCount()).isEqualTo(1);
            for (FieldVector vector : root.getFieldVectors()) {
                Object value = vector instanceof BaseIntVector
                                && !((ArrowType.Int) vector.getField().getType()).getIsSigned()
                        ? unsigned(vector)
                        : vector.getObject(0);
                row.put(vector.getName(), value == null ? null : value.toString());
                types.put(vector.getName(), vector.getField().getType());
            }
        }
        return row;
    }

    private static Object unsigned(FieldVector vector) {
        return vector instanceof UInt1Vector u1
                ? u1.getObjectNoOverflow(0)
                : ((UInt8Vector) vector).getObjectNoOverflow(0);
    }

    @Test
    void clickHouseTypesReadIntoArrowAsStated() throws Exception {
        datastore.execute(CREATE);
        datastore.execute(ROW);
        Map<String, ArrowType> types = new LinkedHashMap<>();
        Map<String, Object> row = readRow("t", types);

        assertThat(row)
                .containsEntry("lc", "x")
                .containsEntry("u8", "255")
                .containsEntry("u64", "18446744073709551615")
                .containsEntry("i128", "-170141183460469231731687303715884105728")
                .containsEntry("u256", "115792089237316195423570985008687907853269984665640564039457584007913129639935")
                .containsEntry("d76", "-123456789012345678901234567890123456789012345678901234567890123456.0123456789")
                .containsEntry("e", "b")
                .containsEntry("uid", "61f0c404-5cb3-11e7-907b-a6006ad3dba0")
                .containsEntry("arr", "[1,null,3]")
                .containsEntry("m", "[{\"key\":\"k\",\"value\":7}]")
                .containsEntry("tup", "{\"a\":5,\"b\":\"five\"}")
                .containsEntry("j", "{\"a\":{\"b\":1}}")
                .containsEntry(
                        "dt",
                        String.valueOf(Instant.parse("2024-03-10T06:30:00Z").getEpochSecond()))
                .containsEntry(
                        "dt64",
                        String.valueOf(Instant.parse("2024-03-09T22:30:00.123Z").toEpochMilli()))
                .containsEntry("d", String.valueOf(LocalDate.of(2149, 6, 6).toEpochDay()))
                .containsEntry("n", null);
        assertThat(types.get("i128")).isEqualTo(new ArrowType.Decimal(76, 0, 256));
        assertThat(types.get("dt")).isEqualTo(new ArrowType.Timestamp(TimeUnit.SECOND, "Europe/Berlin"));
        assertThat(types.get("dt64")).isEqualTo(new ArrowType.Timestamp(TimeUnit.MILLISECOND, "Asia/Tokyo"));
        assertThat(types.get("tup")).isEqualTo(ArrowType.Struct.INSTANCE);
        assertThat(types.get("m")).isInstanceOf(ArrowType.Map.class);
    }

    @Test
    void textIsWrittenIntoEnumUuidAndLowCardinalityColumns() throws Exception {
        datastore.execute("CREATE TABLE typed (id Int32, e Enum8('a' = 1, 'b' = 2), uid Nullable(UUID), "
                + "lc LowCardinality(String)) ENGINE = MergeTree ORDER BY id");
        datastore.execute("CREATE TABLE texts (id Int32, e String, uid Nullable(String), lc String) "
                + "ENGINE = MergeTree ORDER BY id");
        datastore.execute("INSERT INTO texts VALUES (1, 'b', '61f0c404-5cb3-11e7-907b-a6006ad3dba0', 'x'), "
                + "(2, 'a', NULL, 'y')");
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader texts =
                        datastore.bulkReader().read(ReadRequest.query("SELECT * FROM texts ORDER BY id"), allocator)) {
            datastore.bulkWriter().write(WriteRequest.append(TableRef.of("typed")), texts);
        }
        assertThat(datastore
                        .query("SELECT toString(e) AS e, toString(uid) AS uid, lc FROM typed ORDER BY id")
                        .rows())
                .extracting(row -> row.get("e") + "|" + row.get("uid") + "|" + row.get("lc"))
                .containsExactly("b|61f0c404-5cb3-11e7-907b-a6006ad3dba0|x", "a|null|y");
    }

    @Test
    void whatIsReadCanBeWrittenBackIntoATableCreatedFromItsArrowTypes() throws Exception {
        datastore.execute(CREATE);
        datastore.execute(ROW);
        TableCreator creator = datastore.feature(TableCreator.class).orElseThrow();
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = datastore.bulkReader().read(ReadRequest.table(TableRef.of("t")), allocator)) {
            List<TableCreator.ColumnDefinition> columns = new ArrayList<>();
            for (Field field : reader.getVectorSchemaRoot().getSchema().getFields()) {
                columns.add(new TableCreator.ColumnDefinition(
                        field.getName(),
                        creator.columnType(field)
                                .orElseThrow(() -> new AssertionError("no type for " + field))
                                .ddl(),
                        field.isNullable()));
            }
            creator.createTable(TableRef.of("copy"), columns, List.of("id"));
            datastore.bulkWriter().write(WriteRequest.append(TableRef.of("copy")), reader);
        }
        Map<String, ArrowType> originalTypes = new LinkedHashMap<>();
        Map<String, ArrowType> copyTypes = new LinkedHashMap<>();
        Map<String, Object> copy = readRow("copy", copyTypes);
        assertThat(copy).isEqualTo(readRow("t", originalTypes));
        // Instants keep their value; the zone of the copy is UTC.
        assertThat(copyTypes.get("dt")).isEqualTo(new ArrowType.Timestamp(TimeUnit.SECOND, "UTC"));
    }

    @Test
    void uuidsTravelAsArrowUuidAndJsonIntervalsAsNamedText() throws Exception {
        Schema shape = new Schema(List.of(
                new Field("id", FieldType.notNullable(new ArrowType.Int(32, true)), null),
                Field.nullable("ref", CanonicalTypes.UUID),
                Field.nullable("doc", CanonicalTypes.JSON),
                Field.nullable("span", CanonicalTypes.INTERVAL),
                CanonicalTypes.list("ints", new ArrowType.Int(32, true))));
        TableCreator creator = datastore.feature(TableCreator.class).orElseThrow();
        List<TableCreator.ColumnDefinition> columns = new ArrayList<>();
        Map<String, List<String>> losses = new LinkedHashMap<>();
        for (Field field : shape.getFields()) {
            TableCreator.TargetType type = creator.columnType(field).orElseThrow();
            losses.put(field.getName(), type.losses());
            columns.add(new TableCreator.ColumnDefinition(field.getName(), type.ddl(), field.isNullable()));
        }
        assertThat(columns)
                .extracting(TableCreator.ColumnDefinition::type)
                .containsExactly("Int32", "UUID", "String", "String", "Array(Nullable(Int32))");
        assertThat(losses)
                .containsEntry("ref", List.of())
                .containsEntry("doc", List.of(CanonicalTypes.JSON_AS_TEXT))
                .containsEntry("span", List.of(CanonicalTypes.INTERVAL_AS_TEXT))
                .containsEntry("ints", List.of(ClickHouseTableCreator.NULL_ARRAY));
        creator.createTable(TableRef.of("typed"), columns, List.of("id"));
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(shape, allocator)) {
            root.allocateNew();
            ((IntVector) root.getVector("id")).setSafe(0, 0);
            ((IntVector) root.getVector("id")).setSafe(1, 1);
            ((UuidVector) root.getVector("ref")).setSafe(1, UUID.fromString("61f0c404-5cb3-11e7-907b-a6006ad3dba0"));
            ((JsonVector) root.getVector("doc")).setSafe(1, "{\"b\": 1, \"a\": [null]}");
            ((IntervalMonthDayNanoVector) root.getVector("span")).setSafe(1, 14, -3, 1_500_000_000L);
            ListVector ints = (ListVector) root.getVector("ints");
            ints.startNewValue(1);
            ((IntVector) ints.getDataVector()).setSafe(0, 7);
            ints.getDataVector().setNull(1);
            ints.endValue(1, 2);
            root.setRowCount(2);
            try (ArrowReader batches = TestingArrow.reader(allocator, root)) {
                datastore.bulkWriter().write(WriteRequest.append(TableRef.of("typed")), batches);
            }
            assertThat(datastore
                            .query("SELECT toString(ref) AS ref FROM typed WHERE id = 1")
                            .scalar())
                    .isEqualTo("61f0c404-5cb3-11e7-907b-a6006ad3dba0");
            try (ArrowReader back = datastore.bulkReader().read(ReadRequest.table(TableRef.of("typed")), allocator)) {
                assertThat(back.getVectorSchemaRoot()
                                .getSchema()
                                .getFields()
                                .get(1)
                                .getType())
                        .isEqualTo(CanonicalTypes.UUID);
                assertThat(TestingArrow.rows(back))
                        .containsExactlyInAnyOrder(
                                Arrays.asList(0, null, null, null, "[]"),
                                List.of(
                                        1,
                                        "61f0c404-5cb3-11e7-907b-a6006ad3dba0",
                                        "{\"b\": 1, \"a\": [null]}",
                                        "P14M-3DT1.5S",
                                        "[7,null]"));
            }
        }
    }
}
