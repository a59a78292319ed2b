package io.datastores.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import io.datastores.core.Datastores;
import io.datastores.jdbc.TestingArrow;
import io.datastores.jdbc.TestingBatches;
import io.datastores.jdbc.TestingZoo;
import io.datastores.tck.TckReaders;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
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
import org.junit.jupiter.api.io.TempDir;

/** Arrow import and export against a real DuckDB file. */
class DuckDbBulkTest {
    private static final String ZOO_DDL = " (id INTEGER PRIMARY KEY, small SMALLINT, medium INTEGER, big BIGINT, "
            + "\"real\" REAL, \"double\" DOUBLE, amount DECIMAL(38,10), \"text\" VARCHAR, bytes BLOB, day DATE, "
            + "wall TIMESTAMP, instant TIMESTAMPTZ, flag BOOLEAN, clock TIME)";
    private static final Schema ID_VALUE = new Schema(List.of(
            Field.notNullable("id", new ArrowType.Int(32, true)), Field.nullable("v", ArrowType.Utf8.INSTANCE)));

    @TempDir
    Path dir;

    private BufferAllocator allocator;
    private Datastores datastores;
    private Datastore datastore;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        // Two connections: a reader or writer that kept its connection would soon starve the pool.
        datastores =
                Datastores.fromYaml("""
                datastores:
                  local: {type: duckdb, connection: {database: '${F}', max_pool_size: 2, connect_timeout: 5}}
                """, Map.of("F", dir.resolve("bulk.duckdb").toString()));
        datastore = datastores.get("local");
    }

    @AfterEach
    void tearDown() {
        datastores.close();
        allocator.close(); // fails on any Arrow buffer a reader or writer leaked
    }

    @Test
    void aBooleanBesideAUuidStillReadsAsABoolean() throws Exception {
        // A UUID column switches on DuckDB's lossless Arrow export, which sends BOOLEAN as the
        // canonical arrow.bool8 (an int8): without care it read back as a tiny integer.
        datastore.execute("CREATE TABLE flags (id INTEGER, flag BOOLEAN, u UUID)");
        datastore.execute(
                "INSERT INTO flags VALUES (1, true, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'), (2, false, NULL),"
                        + " (3, NULL, NULL)");
        try (ArrowReader reader = datastore.bulkReader().read(ReadRequest.table(TableRef.of("flags")), allocator)) {
            assertThat(reader.getVectorSchemaRoot()
                            .getSchema()
                            .findField("flag")
                            .getType())
                    .isEqualTo(ArrowType.Bool.INSTANCE);
            assertThat(reader.getVectorSchemaRoot().getSchema().findField("u").getType())
                    .isInstanceOf(ArrowType.ExtensionType.class);
            List<Object> flags = new java.util.ArrayList<>();
            while (reader.loadNextBatch()) {
                var vector = reader.getVectorSchemaRoot().getVector("flag");
                for (int i = 0; i < reader.getVectorSchemaRoot().getRowCount(); i++) {
                    flags.add(vector.getObject(i));
                }
            }
            assertThat(flags).containsExactly(true, false, null);
        }
    }

    @Test
    void theTypeZooRoundTripsThroughArrowBothWays() {
        datastore.execute("CREATE TABLE zoo" + ZOO_DDL);
        List<List<Object>> expected;
        try (VectorSchemaRoot zoo = TestingZoo.create(allocator, true);
                ArrowReader source = TestingArrow.reader(allocator, zoo)) {
            expected = TestingArrow.rows(TestingArrow.reader(allocator, zoo));
            WriteResult result = datastore.bulkWriter().write(WriteRequest.append(TableRef.of("zoo")), source);
            assertThat(result.rows()).isEqualTo(5);
            assertThat(result.batches()).isEqualTo(1);
            assertThat(result.bytes()).isGreaterThan(2L << 20);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(TestingArrow.rows(
                        datastore.bulkReader().read(ReadRequest.query("SELECT * FROM zoo ORDER BY id"), allocator)))
                .isEqualTo(expected);
        assertThat(TestingArrow.rows(datastore
                        .bulkReader()
                        .read(ReadRequest.query("SELECT * FROM zoo WHERE id >= ? ORDER BY id", 0), allocator)))
                .isEqualTo(expected);
        assertThat(datastore
                        .query("SELECT count(*) FROM zoo WHERE \"text\" = '' AND bytes = ''::BLOB")
                        .scalar())
                .isEqualTo(1L);
        assertThat(datastore
                        .query("SELECT \"double\"::VARCHAR || ' ' || \"real\"::VARCHAR FROM zoo WHERE id = 3")
                        .scalar())
                .isEqualTo("nan -0.0");
        assertThat(datastore
                        .query("SELECT strlen(\"text\") FROM zoo WHERE id = 2")
                        .scalar())
                .as("UTF-8 bytes of emoji, CJK and a combining mark")
                .isEqualTo(28L);
    }

    @Test
    void valuesAreCastToTheTargetColumnsTypes() {
        datastore.execute("CREATE TABLE narrow (amount DECIMAL(9,2), big_text VARCHAR, n BIGINT)");
        Schema wide = new Schema(List.of(
                Field.nullable("amount", new ArrowType.Decimal(38, 10, 128)),
                Field.nullable("big_text", new ArrowType.Int(64, true)),
                Field.nullable("n", new ArrowType.Int(16, true))));
        try (VectorSchemaRoot root = VectorSchemaRoot.create(wide, allocator)) {
            root.allocateNew();
            ((DecimalVector) root.getVector(0)).setSafe(0, new BigDecimal("1234.5650000000"));
            ((BigIntVector) root.getVector(1)).setSafe(0, Long.MIN_VALUE);
            ((SmallIntVector) root.getVector(2)).setSafe(0, -7);
            root.setRowCount(1);
            write(root, TableRef.of("narrow"), WriteMode.APPEND);
        }
        assertThat(datastore
                        .query("SELECT amount::VARCHAR AS a, big_text AS t, n FROM narrow")
                        .rows())
                .containsExactly(Map.of("a", "1234.57", "t", "-9223372036854775808", "n", -7L));
        // A value that does not fit the target is refused, not truncated.
        try (VectorSchemaRoot root = VectorSchemaRoot.create(wide, allocator)) {
            root.allocateNew();
            ((DecimalVector) root.getVector(0)).setSafe(0, new BigDecimal("12345678901.0000000000"));
            root.setRowCount(1);
            assertThatThrownBy(() -> write(root, TableRef.of("narrow"), WriteMode.APPEND))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA));
        }
    }

    @Test
    void timestampsCrossTheZoneBoundaryInUtcWhateverTheSessionZone() {
        // One connection, so the session zone set here is the one the write runs in.
        try (Datastores single =
                Datastores.fromYaml("""
                datastores:
                  one: {type: duckdb, connection: {database: '${F}', max_pool_size: 1}}
                """, Map.of("F", dir.resolve("zones.duckdb").toString()))) {
            Datastore one = single.get("one");
            one.execute("SET TimeZone = 'Asia/Kolkata'");
            one.execute("CREATE TABLE moments (wall TIMESTAMP, instant TIMESTAMPTZ)");
            long micros = TestingZoo.micros(LocalDateTime.of(2024, 3, 10, 7, 30, 0, 250_000_000));
            Schema crossed = new Schema(List.of(
                    new Field("wall", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")), null),
                    new Field(
                            "instant", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)), null)));
            try (VectorSchemaRoot root = VectorSchemaRoot.create(crossed, allocator)) {
                root.allocateNew();
                ((TimeStampVector) root.getVector(0)).setSafe(0, micros);
                ((TimeStampVector) root.getVector(1)).setSafe(0, micros);
                root.setRowCount(1);
                try (ArrowReader source = TestingArrow.reader(allocator, root)) {
                    one.bulkWriter().write(WriteRequest.append(TableRef.of("moments")), source);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
            assertThat(one.query("SELECT epoch_us(wall) AS w, epoch_us(instant) AS i FROM moments")
                            .rows())
                    .containsExactly(Map.of("w", micros, "i", micros));
        }
    }

    @Test
    void hostileIdentifiersAreQuotedEverywhere() {
        String schema = "sch \"ema\" ünï";
        String table = "select \"täble\" 😀";
        datastore.execute("CREATE SCHEMA " + q(schema));
        datastore.execute("CREATE TABLE " + q(schema) + "." + q(table)
                + " (\"order\" INTEGER PRIMARY KEY, \"va\"\"lue; DROP TABLE x;--\" VARCHAR, \"spa ce 漢字\" INTEGER)");
        Schema hostile = new Schema(List.of(
                Field.notNullable("order", new ArrowType.Int(32, true)),
                Field.nullable("va\"lue; DROP TABLE x;--", ArrowType.Utf8.INSTANCE),
                Field.nullable("spa ce 漢字", new ArrowType.Int(32, true))));
        TableRef ref = TableRef.of(schema, table);
        write(hostile, ref, WriteMode.APPEND, new int[] {1, 2}, "a", "b");
        write(hostile, ref, WriteMode.UPSERT, new int[] {2, 3}, "b2", "c");
        assertThat(TestingArrow.rows(datastore.bulkReader().read(ReadRequest.table(ref), allocator)))
                .containsExactlyInAnyOrder(List.of(1, "a", 10), List.of(2, "b2", 20), List.of(3, "c", 30));
        write(hostile, ref, WriteMode.OVERWRITE, new int[] {9}, "z");
        assertThat(TestingArrow.rows(datastore.bulkReader().read(ReadRequest.table(ref), allocator)))
                .containsExactly(List.of(9, "z", 90));
    }

    @Test
    void eachModeAndItsRefusals() {
        datastore.execute("CREATE TABLE keyed (id INTEGER PRIMARY KEY, v VARCHAR)");
        TableRef keyed = TableRef.of("keyed");
        write(ID_VALUE, keyed, WriteMode.APPEND, new int[] {1, 2}, "a", "b");
        write(ID_VALUE, keyed, WriteMode.APPEND, new int[] {3}, "c");
        write(ID_VALUE, keyed, WriteMode.UPSERT, new int[] {3, 4}, "c2", "d");
        assertThat(contents("keyed")).isEqualTo("1a,2b,3c2,4d");
        write(ID_VALUE, keyed, WriteMode.OVERWRITE, new int[] {7, 8}, "x", "y");
        assertThat(contents("keyed")).isEqualTo("7x,8y");

        datastore.execute("CREATE TABLE unkeyed (id INTEGER, v VARCHAR)");
        assertThatThrownBy(() -> write(ID_VALUE, TableRef.of("unkeyed"), WriteMode.UPSERT, new int[] {1}, "a"))
                .isInstanceOfSatisfying(DatastoreException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA);
                    assertThat(e.getMessage())
                            .contains(
                                    "needs a primary key, unique constraint or unique index on exactly those columns");
                });
        assertThatThrownBy(() -> write(ID_VALUE, keyed, WriteMode.UPSERT, new int[] {1}, List.of("v", "id")))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA));
        assertThatThrownBy(() -> write(ID_VALUE, TableRef.of("missing"), WriteMode.APPEND, new int[] {1}, "a"))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(contents("keyed")).isEqualTo("7x,8y");
    }

    @Test
    void aWriteThatFailsInItsSecondBatchLeavesTheTableExactlyAsBefore() {
        datastore.execute("CREATE TABLE guarded (id INTEGER PRIMARY KEY, v VARCHAR NOT NULL)");
        datastore.execute("INSERT INTO guarded SELECT range, 'kept' FROM range(1, 4)");
        try (VectorSchemaRoot good = batch(ID_VALUE, new int[] {100, 101}, "new", "new");
                VectorSchemaRoot badKey = batch(ID_VALUE, new int[] {102, 100}, "new", "new");
                VectorSchemaRoot badNull = batch(ID_VALUE, new int[] {103, 104}, "new", null)) {
            for (WriteMode mode : WriteMode.values()) {
                // An upsert takes a repeated key as an update, so only the NOT NULL violation fails it.
                List<VectorSchemaRoot> failing = mode == WriteMode.UPSERT ? List.of(badNull) : List.of(badKey, badNull);
                List<String> key = mode == WriteMode.UPSERT ? List.of("id") : List.of();
                for (VectorSchemaRoot bad : failing) {
                    Throwable thrown;
                    try (ArrowReader source = TestingArrow.reader(allocator, good, bad)) {
                        thrown = catchThrowable(() -> datastore
                                .bulkWriter()
                                .write(new WriteRequest(TableRef.of("guarded"), mode, key), source));
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                    assertThat(thrown)
                            .as("%s", mode)
                            .isInstanceOfSatisfying(
                                    DatastoreException.class,
                                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY));
                    assertThat(contents("guarded")).as("%s", mode).isEqualTo("1kept,2kept,3kept");
                }
            }
        }
    }

    @Test
    void noArrowViewIsLeftOnTheConnectionAfterWritesThatSucceedOrFail() {
        // One connection, so every write and the check below run on it.
        try (Datastores single = Datastores.fromYaml("""
                datastores:
                  one: {type: duckdb, connection: {database: ':memory:', max_pool_size: 1}}
                """, Map.of())) {
            datastore = single.get("one");
            datastore.execute("CREATE TABLE keyed (id INTEGER PRIMARY KEY, v VARCHAR)");
            write(ID_VALUE, TableRef.of("keyed"), WriteMode.APPEND, new int[] {1}, "a");
            assertThatThrownBy(() -> write(ID_VALUE, TableRef.of("keyed"), WriteMode.APPEND, new int[] {1}, "again"))
                    .isInstanceOf(DatastoreException.class);
            assertThat(datastore
                            .query("SELECT count(*) FROM duckdb_views() WHERE view_name LIKE 'datastores_arrow_%'")
                            .scalar())
                    .isEqualTo(0L);
            assertThat(contents("keyed")).isEqualTo("1a");
        } finally {
            datastore = datastores.get("local");
        }
    }

    @Test
    void aFailingSourceAbortsTheWriteWithItsOwnError() {
        datastore.execute("CREATE TABLE t (id INTEGER, v VARCHAR)");
        try (VectorSchemaRoot one = batch(ID_VALUE, new int[] {1}, "a");
                ArrowReader batches = TestingArrow.reader(allocator, one, one);
                ArrowReader failing = TckReaders.failingAfterFirstBatch(batches, allocator)) {
            assertThatThrownBy(() -> datastore.bulkWriter().write(WriteRequest.append(TableRef.of("t")), failing))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("source broke");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(datastore.query("SELECT count(*) FROM t").scalar()).isEqualTo(0L);
    }

    @Test
    void largeReadsStreamInBoundedBatchesAndGiveTheConnectionBack() throws Exception {
        datastore.execute("CREATE TABLE big AS SELECT range AS id, 'row ' || range AS label FROM range(200000)");
        for (int pass = 0; pass < 3; pass++) { // more readers than pooled connections
            long rows = 0;
            long sum = 0;
            int batches = 0;
            try (ArrowReader reader = datastore
                    .bulkReader()
                    .read(ReadRequest.table(TableRef.of("big")).withBatchSize(10_000), allocator)) {
                while (reader.loadNextBatch()) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    assertThat(root.getRowCount()).isBetween(1, 10_000);
                    BigIntVector ids = (BigIntVector) root.getVector("id");
                    for (int i = 0; i < root.getRowCount(); i++) {
                        sum += ids.get(i);
                    }
                    rows += root.getRowCount();
                    batches++;
                }
            }
            assertThat(rows).isEqualTo(200_000);
            assertThat(sum).isEqualTo(199_999L * 200_000 / 2);
            assertThat(batches).isEqualTo(20);
        }
        // A reader closed early also gives its connection back.
        for (int i = 0; i < 3; i++) {
            try (ArrowReader reader = datastore.bulkReader().read(ReadRequest.table(TableRef.of("big")), allocator)) {
                assertThat(reader.loadNextBatch()).isTrue();
            }
        }
        assertThat(datastore.query("SELECT count(*) FROM big").scalar()).isEqualTo(200_000L);
    }

    private void write(Schema shape, TableRef table, WriteMode mode, int[] ids, String... values) {
        TestingArrow.writeIdValueRows(datastore, allocator, shape, table, mode, ids, values);
    }

    private void write(Schema shape, TableRef table, WriteMode mode, int[] ids, List<String> key, String... values) {
        try (VectorSchemaRoot root = batch(shape, ids, values)) {
            TestingArrow.write(datastore, allocator, root, new WriteRequest(table, mode, key));
        }
    }

    private void write(VectorSchemaRoot root, TableRef table, WriteMode mode) {
        TestingArrow.write(datastore, allocator, root, new WriteRequest(table, mode, List.of()));
    }

    private VectorSchemaRoot batch(Schema shape, int[] ids, String... values) {
        return TestingBatches.idValue(allocator, shape, ids, values);
    }

    private String contents(String table) {
        return String.valueOf(datastore
                .query("SELECT string_agg(id || v, ',' ORDER BY id) FROM " + q(table))
                .scalar());
    }

    private static String q(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
