package io.datastores.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import io.datastores.jdbc.TestingArrow;
import io.datastores.jdbc.TestingServers;
import io.datastores.jdbc.TestingZoo;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** COPY BINARY bulk writes and reads against a real PostgreSQL server. */
class PostgresBulkTest {
    private static final String ZOO_DDL = " (id int PRIMARY KEY, small smallint, medium int, big bigint, "
            + "\"real\" real, \"double\" double precision, amount numeric(38,10), \"text\" text, bytes bytea, "
            + "day date, wall timestamp, instant timestamptz, flag boolean, clock time)";

    private BufferAllocator allocator;
    private Datastore datastore;
    private String schema;

    @BeforeEach
    void setUp() throws Exception {
        allocator = new RootAllocator();
        datastore =
                new PostgresDatastoreProvider().open(TestingServers.postgres().config("postgres"));
        schema = TestingServers.uniqueName("bulk");
        datastore.execute("CREATE SCHEMA " + q(schema));
    }

    @AfterEach
    void tearDown() throws Exception {
        datastore.execute("DROP SCHEMA " + q(schema) + " CASCADE");
        datastore.close();
        allocator.close();
    }

    @Test
    void theTypeZooRoundTripsThroughCopyBinaryBothWays() throws Exception {
        datastore.execute("CREATE TABLE " + q(schema) + ".zoo" + ZOO_DDL);
        List<List<Object>> expected;
        try (VectorSchemaRoot zoo = TestingZoo.create(allocator, true);
                ArrowReader source = TestingArrow.reader(allocator, zoo)) {
            expected = TestingArrow.rows(TestingArrow.reader(allocator, zoo));
            WriteResult result = datastore.bulkWriter().write(WriteRequest.append(TableRef.of(schema, "zoo")), source);
            assertThat(result.rows()).isEqualTo(5);
            assertThat(result.bytes()).isGreaterThan(2L << 20);
        }
        String ordered = "SELECT * FROM " + q(schema) + ".zoo ORDER BY id";
        assertThat(TestingArrow.rows(datastore.bulkReader().read(ReadRequest.query(ordered), allocator)))
                .isEqualTo(expected);
        // With a bound parameter the read takes the ResultSet path; it must agree exactly.
        assertThat(TestingArrow.rows(datastore
                        .bulkReader()
                        .read(
                                ReadRequest.query("SELECT * FROM " + q(schema) + ".zoo WHERE id >= ? ORDER BY id", 0),
                                allocator)))
                .isEqualTo(expected);
        assertThat(datastore
                        .query("SELECT count(*) FROM " + q(schema) + ".zoo WHERE \"text\" = ''")
                        .scalar())
                .isEqualTo(1L);
        assertThat(datastore
                        .query("SELECT \"double\"::text FROM " + q(schema) + ".zoo WHERE id = 3")
                        .scalar())
                .isEqualTo("NaN");
    }

    @Test
    void readsWholeTablesInBoundedBatchesWithTheirTypesAndUnconstrainedNumericAsText() throws Exception {
        datastore.execute("CREATE TABLE " + q(schema) + ".events (id bigserial PRIMARY KEY, tags int[], "
                + "doc jsonb, ref uuid, price numeric)");
        datastore.execute("INSERT INTO " + q(schema) + ".events (tags, doc, ref, price) SELECT ARRAY[g, g + 1], "
                + "jsonb_build_object('n', g), md5(g::text)::uuid, g / 3.0 FROM generate_series(1, 2500) g");
        int batches = 0;
        List<List<Object>> rows;
        try (ArrowReader reader = datastore
                .bulkReader()
                .read(ReadRequest.table(TableRef.of(schema, "events")).withBatchSize(1000), allocator)) {
            Schema read = reader.getVectorSchemaRoot().getSchema();
            assertThat(read.getFields())
                    .extracting(Field::getType)
                    .containsExactly(
                            new ArrowType.Int(64, true),
                            ArrowType.List.INSTANCE,
                            CanonicalTypes.JSON,
                            CanonicalTypes.UUID,
                            ArrowType.Utf8.INSTANCE);
            assertThat(read.getFields().get(1).getChildren())
                    .extracting(Field::getType)
                    .containsExactly(new ArrowType.Int(32, true));
            while (reader.loadNextBatch()) {
                assertThat(reader.getVectorSchemaRoot().getRowCount()).isLessThanOrEqualTo(1000);
                batches++;
            }
        }
        assertThat(batches).isEqualTo(3);
        rows = TestingArrow.rows(datastore
                .bulkReader()
                .read(ReadRequest.query("SELECT * FROM " + q(schema) + ".events WHERE id = 1"), allocator));
        assertThat(rows)
                .containsExactly(List.of(
                        1L, "[1,2]", "{\"n\": 1}", "c4ca4238-a0b9-2382-0dcc-509a6f75849b", "0.33333333333333333333"));
    }

    @Test
    void numericsAreEncodedAtTheTargetScale() throws Exception {
        datastore.execute("CREATE TABLE " + q(schema) + ".amounts (id int, small numeric(15,2), wide numeric(38,10), "
                + "free numeric)");
        String[] values = {
            "0.00", "-0.01", "12345.67", "100.00", "9999999999999.99", "-9999999999999.99", "0.10", "10000.00", "1.005"
        };
        Schema shape = new Schema(List.of(
                Field.nullable("id", new ArrowType.Int(32, true)),
                Field.nullable("small", new ArrowType.Decimal(18, 3, 128)),
                Field.nullable("wide", new ArrowType.Decimal(38, 3, 128)),
                Field.nullable("free", new ArrowType.Decimal(18, 3, 128))));
        try (VectorSchemaRoot root = VectorSchemaRoot.create(shape, allocator)) {
            root.allocateNew();
            for (int i = 0; i < values.length; i++) {
                java.math.BigDecimal value = new java.math.BigDecimal(values[i]).setScale(3);
                ((IntVector) root.getVector("id")).setSafe(i, i);
                for (String column : List.of("small", "wide", "free")) {
                    ((org.apache.arrow.vector.DecimalVector) root.getVector(column)).setSafe(i, value);
                }
            }
            root.setRowCount(values.length);
            try (ArrowReader source = TestingArrow.reader(allocator, root)) {
                datastore.bulkWriter().write(WriteRequest.append(TableRef.of(schema, "amounts")), source);
            }
        }
        // Scale 3 into numeric(15,2) rounds half up as PostgreSQL does (1.005 → 1.01); unconstrained keeps it.
        assertThat(datastore
                        .query("SELECT string_agg(small::text || '|' || wide::text || '|' || free::text, ' ' "
                                + "ORDER BY id) FROM " + q(schema) + ".amounts")
                        .scalar())
                .isEqualTo(String.join(
                        " ",
                        "0.00|0.0000000000|0.000",
                        "-0.01|-0.0100000000|-0.010",
                        "12345.67|12345.6700000000|12345.670",
                        "100.00|100.0000000000|100.000",
                        "9999999999999.99|9999999999999.9900000000|9999999999999.990",
                        "-9999999999999.99|-9999999999999.9900000000|-9999999999999.990",
                        "0.10|0.1000000000|0.100",
                        "10000.00|10000.0000000000|10000.000",
                        "1.01|1.0050000000|1.005"));
    }

    @Test
    void closingAReadEarlyReleasesTheConnection() throws Exception {
        datastore.execute("CREATE TABLE " + q(schema) + ".many AS SELECT g AS id FROM generate_series(1, 250000) g");
        // More early closes than the pool has connections: each must give its connection back.
        for (int i = 0; i < 12; i++) {
            for (ReadRequest request : List.of(
                    ReadRequest.table(TableRef.of(schema, "many")),
                    ReadRequest.query("SELECT * FROM " + q(schema) + ".many WHERE id > ?", 0))) {
                try (ArrowReader reader = datastore.bulkReader().read(request.withBatchSize(100), allocator)) {
                    assertThat(reader.loadNextBatch()).isTrue();
                }
            }
        }
        assertThat(datastore
                        .query("SELECT count(*) FROM " + q(schema) + ".many")
                        .scalar())
                .isEqualTo(250000L);
    }

    @Test
    void writesJsonbAndUuidFromText() throws Exception {
        datastore.execute("CREATE TABLE " + q(schema) + ".docs (doc jsonb, ref uuid)");
        Schema textual = new Schema(List.of(
                Field.nullable("doc", ArrowType.Utf8.INSTANCE), Field.nullable("ref", ArrowType.Utf8.INSTANCE)));
        try (VectorSchemaRoot root = VectorSchemaRoot.create(textual, allocator)) {
            root.allocateNew();
            ((VarCharVector) root.getVector("doc")).setSafe(0, "{\"a\": [1, \"ü\"]}".getBytes(StandardCharsets.UTF_8));
            ((VarCharVector) root.getVector("ref"))
                    .setSafe(0, "123e4567-e89b-12d3-a456-426614174000".getBytes(StandardCharsets.UTF_8));
            root.setRowCount(1);
            try (ArrowReader source = TestingArrow.reader(allocator, root)) {
                datastore.bulkWriter().write(WriteRequest.append(TableRef.of(schema, "docs")), source);
            }
        }
        assertThat(datastore
                        .query("SELECT doc->'a'->>1 AS v, ref::text AS r FROM " + q(schema) + ".docs")
                        .rows())
                .containsExactly(java.util.Map.of("v", "ü", "r", "123e4567-e89b-12d3-a456-426614174000"));
    }

    @Test
    void timestamptzWrittenFromSeveralTimeZonesKeepsTheInstant() throws Exception {
        datastore.execute("CREATE TABLE " + q(schema) + ".moments (zone text, at timestamptz)");
        long instant = TestingZoo.micros(LocalDateTime.of(2024, 3, 10, 7, 30, 0, 250_000_000));
        for (String zone : List.of("America/New_York", "Asia/Kolkata", "UTC", "+05:45")) {
            Schema zoned = new Schema(List.of(
                    Field.nullable("zone", ArrowType.Utf8.INSTANCE),
                    new Field("at", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, zone)), null)));
            try (VectorSchemaRoot root = VectorSchemaRoot.create(zoned, allocator)) {
                root.allocateNew();
                ((VarCharVector) root.getVector("zone")).setSafe(0, zone.getBytes(StandardCharsets.UTF_8));
                ((TimeStampVector) root.getVector("at")).setSafe(0, instant);
                root.setRowCount(1);
                try (ArrowReader source = TestingArrow.reader(allocator, root)) {
                    datastore.bulkWriter().write(WriteRequest.append(TableRef.of(schema, "moments")), source);
                }
            }
        }
        assertThat(datastore
                        .query("SELECT count(DISTINCT at), min(at AT TIME ZONE 'UTC')::text FROM " + q(schema)
                                + ".moments")
                        .rows()
                        .get(0)
                        .values())
                .containsExactly(1L, "2024-03-10 07:30:00.25");
    }

    @Test
    void hostileIdentifiersAreQuotedEverywhere() throws Exception {
        String hostileSchema = schema + " \"sch\" ema";
        String table = "select \"täble\" 😀";
        datastore.execute("CREATE SCHEMA " + q(hostileSchema));
        try {
            datastore.execute("CREATE TABLE " + q(hostileSchema) + "." + q(table)
                    + " (\"order\" int PRIMARY KEY, \"va\"\"lue; DROP TABLE x;--\" text, \"spa ce ünï\" int)");
            Schema hostile = new Schema(List.of(
                    Field.notNullable("order", new ArrowType.Int(32, true)),
                    Field.nullable("va\"lue; DROP TABLE x;--", ArrowType.Utf8.INSTANCE),
                    Field.nullable("spa ce ünï", new ArrowType.Int(32, true))));
            TableRef ref = TableRef.of(hostileSchema, table);
            write(hostile, ref, WriteMode.APPEND, new int[] {1, 2}, new String[] {"a", "b"});
            write(hostile, ref, WriteMode.UPSERT, new int[] {2, 3}, new String[] {"b2", "c"});
            assertThat(TestingArrow.rows(datastore.bulkReader().read(ReadRequest.table(ref), allocator)))
                    .containsExactlyInAnyOrder(List.of(1, "a", 10), List.of(2, "b2", 20), List.of(3, "c", 30));
            assertThat(datastore.describe(ref).columns())
                    .extracting(c -> c.name())
                    .containsExactly("order", "va\"lue; DROP TABLE x;--", "spa ce ünï");
            assertThat(datastore.describe(ref).primaryKey()).containsExactly("order");
            write(hostile, ref, WriteMode.OVERWRITE, new int[] {9}, new String[] {"z"});
            assertThat(TestingArrow.rows(datastore.bulkReader().read(ReadRequest.table(ref), allocator)))
                    .containsExactly(List.of(9, "z", 90));
        } finally {
            datastore.execute("DROP SCHEMA " + q(hostileSchema) + " CASCADE");
        }
    }

    @Test
    void anUpsertRewritesOnlyRowsThatChangedEvenWithTypesWithoutEquality() {
        datastore.execute("CREATE TABLE " + q(schema) + ".kept (id int PRIMARY KEY, doc json, n int)");
        Schema shape = new Schema(List.of(
                Field.notNullable("id", new ArrowType.Int(32, true)),
                Field.nullable("doc", ArrowType.Utf8.INSTANCE),
                Field.nullable("n", new ArrowType.Int(32, true))));
        TableRef kept = TableRef.of(schema, "kept");
        write(shape, kept, WriteMode.UPSERT, new int[] {1, 2, 3}, new String[] {"{\"a\": 1}", null, "{}"});
        Map<Object, Object> before = versions();

        write(shape, kept, WriteMode.UPSERT, new int[] {1, 2, 3, 4}, new String[] {
            "{\"a\": 1}", null, "{\"b\": 2}", "[]"
        });

        Map<Object, Object> after = versions();
        assertThat(after.get(1)).as("same values: not rewritten").isEqualTo(before.get(1));
        assertThat(after.get(2))
                .as("same values, NULL among them: not rewritten")
                .isEqualTo(before.get(2));
        assertThat(after.get(3)).as("changed: rewritten").isNotEqualTo(before.get(3));
        assertThat(datastore
                        .query("SELECT doc::text AS doc FROM " + q(schema) + ".kept ORDER BY id")
                        .rows())
                .extracting(row -> row.get("doc"))
                .containsExactly("{\"a\": 1}", null, "{\"b\": 2}", "[]");
    }

    /** Each row's version: {@code xmin}, the transaction that wrote it. */
    private Map<Object, Object> versions() {
        Map<Object, Object> versions = new HashMap<>();
        datastore
                .query("SELECT id, xmin::text AS version FROM " + q(schema) + ".kept")
                .rows()
                .forEach(row -> versions.put(row.get("id"), row.get("version")));
        return versions;
    }

    @Test
    void aFailedWriteLeavesTheTableAsItWas() throws Exception {
        datastore.execute("CREATE TABLE " + q(schema) + ".guarded (id int PRIMARY KEY, v text CHECK (v <> 'bad'))");
        datastore.execute("INSERT INTO " + q(schema) + ".guarded SELECT g, 'kept' FROM generate_series(1, 3) g");
        Schema shape = new Schema(List.of(
                Field.notNullable("id", new ArrowType.Int(32, true)), Field.nullable("v", ArrowType.Utf8.INSTANCE)));
        int[] ids = new int[1000];
        String[] values = new String[1000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 100 + i;
            values[i] = i == 500 ? "bad" : "new";
        }
        TableRef ref = TableRef.of(schema, "guarded");
        for (WriteMode mode : List.of(WriteMode.APPEND, WriteMode.OVERWRITE)) {
            assertThatThrownBy(() -> write(shape, ref, mode, ids, values))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY));
            assertThat(datastore
                            .query("SELECT string_agg(id || v, ',' ORDER BY id) FROM " + q(schema) + ".guarded")
                            .scalar())
                    .isEqualTo("1kept,2kept,3kept");
        }
    }

    @Test
    void aValueThatCannotBeEncodedFailsTheWriteAndLeavesTheConnectionUsable() throws Exception {
        datastore.execute("CREATE TABLE " + q(schema) + ".narrow (id smallint, v text)");
        Schema shape = new Schema(List.of(
                Field.nullable("id", new ArrowType.Int(32, true)), Field.nullable("v", ArrowType.Utf8.INSTANCE)));
        int[] ids = new int[50_000];
        String[] values = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i == 40_000 ? 70_000 : i % 1000;
            values[i] = "row " + i;
        }
        // Row 40,000 is past the first chunks, so the COPY is already under way when encoding fails.
        assertThatThrownBy(() -> write(shape, TableRef.of(schema, "narrow"), WriteMode.APPEND, ids, values))
                .isInstanceOfSatisfying(DatastoreException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA);
                    assertThat(e.getMessage()).contains("'id'").contains("70000");
                });
        assertThat(datastore
                        .query("SELECT count(*) FROM " + q(schema) + ".narrow")
                        .scalar())
                .isEqualTo(0L);
        write(shape, TableRef.of(schema, "narrow"), WriteMode.APPEND, new int[] {1}, new String[] {"ok"});
        assertThat(datastore
                        .query("SELECT count(*) FROM " + q(schema) + ".narrow")
                        .scalar())
                .isEqualTo(1L);
    }

    @Test
    void refusesUnknownColumnsAndTablesAndTypesItCannotEncode() throws Exception {
        datastore.execute("CREATE TABLE " + q(schema) + ".arrays (id int, tags int4range)");
        Schema shape = new Schema(List.of(
                Field.nullable("id", new ArrowType.Int(32, true)), Field.nullable("tags", ArrowType.Utf8.INSTANCE)));
        assertThatThrownBy(() -> write(
                        shape, TableRef.of(schema, "arrays"), WriteMode.APPEND, new int[] {1}, new String[] {"{1}"}))
                .isInstanceOfSatisfying(DatastoreException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
                    assertThat(e.getMessage()).contains("tags").contains("int4range");
                });
        assertThatThrownBy(() -> write(
                        shape, TableRef.of(schema, "missing"), WriteMode.APPEND, new int[] {1}, new String[] {"x"}))
                .isInstanceOfSatisfying(DatastoreException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage()).contains("missing");
                });
        datastore.execute("CREATE TABLE " + q(schema) + ".narrow (id int)");
        assertThatThrownBy(() -> write(
                        shape, TableRef.of(schema, "narrow"), WriteMode.APPEND, new int[] {1}, new String[] {"x"}))
                .isInstanceOfSatisfying(DatastoreException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage()).contains("'tags'");
                });
    }

    private void write(Schema shape, TableRef table, WriteMode mode, int[] ids, String[] values) {
        TestingArrow.writeIdValueRows(datastore, allocator, shape, table, mode, ids, values);
    }

    private static String q(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
