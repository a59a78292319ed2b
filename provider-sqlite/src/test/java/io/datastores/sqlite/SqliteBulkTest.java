package io.datastores.sqlite;

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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batched INSERT writes and result-set reads against a real SQLite file. */
class SqliteBulkTest {
    private static final String ZOO_DDL = " (id INTEGER PRIMARY KEY, small SMALLINT, medium INT, big BIGINT, "
            + "\"real\" REAL, \"double\" DOUBLE, amount DECIMAL(38,10), \"text\" TEXT, bytes BLOB, day DATE, "
            + "wall TIMESTAMP, instant TIMESTAMP, flag BOOLEAN, clock TIME)";
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
                  local: {type: sqlite, connection: {database: '${F}', max_pool_size: 2, connect_timeout: 5}}
                """, Map.of("F", dir.resolve("bulk.sqlite").toString()));
        datastore = datastores.get("local");
    }

    @AfterEach
    void tearDown() {
        datastores.close();
        allocator.close(); // fails on any Arrow buffer a reader or writer leaked
    }

    @Test
    void theTypeZooRoundTripsWithExactlySqlitesDocumentedDifferences() {
        datastore.execute("CREATE TABLE zoo" + ZOO_DDL);
        List<List<Object>> written;
        try (VectorSchemaRoot zoo = TestingZoo.create(allocator, true);
                ArrowReader source = TestingArrow.reader(allocator, zoo)) {
            written = TestingArrow.rows(TestingArrow.reader(allocator, zoo));
            WriteResult result = datastore.bulkWriter().write(WriteRequest.append(TableRef.of("zoo")), source);
            assertThat(result.rows()).isEqualTo(5);
            assertThat(result.batches()).isEqualTo(1);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        List<List<Object>> expected = new ArrayList<>();
        for (List<Object> row : written) {
            List<Object> sqlite = new ArrayList<>(row);
            // Every SQLite float is a double, so a REAL column reads back as doubles (each float
            // widened exactly); SQLite has no NaN (stored as NULL) and keeps a whole REAL as an
            // integer (-0.0 becomes 0.0).
            if (sqlite.get(4) instanceof Float f) {
                sqlite.set(4, f == 0.0f ? 0.0 : (double) f);
            }
            if (sqlite.get(5) instanceof Double d && d.isNaN()) {
                sqlite.set(5, null);
            }
            // SQLite has no decimal type: a DECIMAL column holds doubles (declare TEXT to keep digits).
            if (sqlite.get(6) instanceof BigDecimal d) {
                sqlite.set(6, d.doubleValue());
            }
            // No timestamp with zone: an instant is kept as its UTC wall clock.
            if (sqlite.get(11) instanceof OffsetDateTime instant) {
                sqlite.set(11, instant.toLocalDateTime());
            }
            expected.add(sqlite);
        }
        assertThat(expected.get(1).get(6)).isEqualTo(-1.0E28);
        assertThat(TestingArrow.rows(
                        datastore.bulkReader().read(ReadRequest.query("SELECT * FROM zoo ORDER BY id"), allocator)))
                .isEqualTo(expected);
        assertThat(TestingArrow.rows(datastore
                        .bulkReader()
                        .read(ReadRequest.query("SELECT * FROM zoo WHERE id >= ? ORDER BY id", 0), allocator)))
                .isEqualTo(expected);
        assertThat(datastore
                        .query("SELECT wall || ' ' || instant || ' ' || day || ' ' || clock FROM zoo WHERE id = 3")
                        .scalar())
                .isEqualTo("1970-01-01 00:00:00.000000 2000-02-29 12:00:00.000000 1969-12-31 12:00:00.000001");
        assertThat(datastore
                        .query("SELECT length(CAST(\"text\" AS BLOB)) FROM zoo WHERE id = 2")
                        .scalar())
                .as("UTF-8 bytes of emoji, CJK and a combining mark")
                .isEqualTo(28);
    }

    @Test
    void valuesAreEncodedForTheTargetColumnsAffinity() {
        datastore.execute("CREATE TABLE money (exact TEXT, price DECIMAL(10,2), whole NUMERIC, ratio TEXT, raw)");
        Schema shape = new Schema(List.of(
                Field.nullable("exact", new ArrowType.Decimal(38, 10, 128)),
                Field.nullable("price", new ArrowType.Decimal(38, 10, 128)),
                Field.nullable("whole", new ArrowType.Decimal(38, 10, 128)),
                Field.nullable("ratio", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                Field.nullable("raw", new ArrowType.Decimal(38, 10, 128))));
        BigDecimal digits = new BigDecimal("9999999999999999999999999999.9999999999");
        try (VectorSchemaRoot root = VectorSchemaRoot.create(shape, allocator)) {
            root.allocateNew();
            ((DecimalVector) root.getVector(0)).setSafe(0, digits);
            ((DecimalVector) root.getVector(1)).setSafe(0, new BigDecimal("12.5000000000"));
            ((DecimalVector) root.getVector(2)).setSafe(0, new BigDecimal("42.0000000000"));
            ((Float8Vector) root.getVector(3)).setSafe(0, Math.PI);
            ((DecimalVector) root.getVector(4)).setSafe(0, new BigDecimal("0.1000000000"));
            ((DecimalVector) root.getVector(0)).setSafe(1, new BigDecimal("-0.0000000001"));
            ((DecimalVector) root.getVector(1)).setNull(1);
            ((DecimalVector) root.getVector(2)).setNull(1);
            ((Float8Vector) root.getVector(3)).setSafe(1, Double.NaN);
            ((DecimalVector) root.getVector(4)).setNull(1);
            root.setRowCount(2);
            write(root, TableRef.of("money"), WriteMode.APPEND);
        }
        assertThat(datastore
                        .query("SELECT exact, typeof(exact) AS t1, price, typeof(price) AS t2, whole, "
                                + "typeof(whole) AS t3, ratio, raw, typeof(raw) AS t4 FROM money ORDER BY rowid")
                        .rows())
                .containsExactly(
                        Map.of(
                                "exact",
                                digits.toPlainString(),
                                "t1",
                                "text",
                                "price",
                                12.5,
                                "t2",
                                "real",
                                "whole",
                                42,
                                "t3",
                                "integer",
                                "ratio",
                                Double.toString(Math.PI),
                                "raw",
                                "0.1000000000",
                                "t4",
                                "text"),
                        row(
                                "exact",
                                "-0.0000000001",
                                "t1",
                                "text",
                                "price",
                                null,
                                "t2",
                                "null",
                                "whole",
                                null,
                                "t3",
                                "null",
                                "ratio",
                                "NaN",
                                "raw",
                                null,
                                "t4",
                                "null"));
    }

    @Test
    void timestampsAreStoredAsUtcTextAndReadFromEveryCommonTextForm() {
        datastore.execute("CREATE TABLE moments (source TEXT, at TIMESTAMP)");
        long micros = TestingZoo.micros(LocalDateTime.of(2024, 3, 10, 7, 30, 0, 250_000_000));
        Schema zoned = new Schema(List.of(
                Field.nullable("source", ArrowType.Utf8.INSTANCE),
                new Field("at", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "+05:45")), null)));
        try (VectorSchemaRoot root = VectorSchemaRoot.create(zoned, allocator)) {
            root.allocateNew();
            ((org.apache.arrow.vector.VarCharVector) root.getVector(0)).setSafe(0, "bulk".getBytes());
            ((TimeStampVector) root.getVector(1)).setSafe(0, micros);
            root.setRowCount(1);
            write(root, TableRef.of("moments"), WriteMode.APPEND);
        }
        assertThat(datastore.query("SELECT at FROM moments").scalar()).isEqualTo("2024-03-10 07:30:00.250000");
        datastore.execute(
                "INSERT INTO moments VALUES ('iso', '2024-03-10T07:30:00.25'), ('utc', '2024-03-10T07:30:00.25Z'), "
                        + "('offset', '2024-03-10 13:15:00.25+05:45'), ('millis', 1710055800250)");
        List<List<Object>> rows =
                TestingArrow.rows(datastore.bulkReader().read(ReadRequest.table(TableRef.of("moments")), allocator));
        assertThat(rows)
                .extracting(row -> row.get(1))
                .hasSize(5)
                .containsOnly(LocalDateTime.of(2024, 3, 10, 7, 30, 0, 250_000_000));
        datastore.execute("INSERT INTO moments VALUES ('junk', 'next tuesday')");
        assertThatThrownBy(() -> TestingArrow.rows(
                        datastore.bulkReader().read(ReadRequest.table(TableRef.of("moments")), allocator)))
                .isInstanceOfSatisfying(DatastoreException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA);
                    assertThat(e.getMessage()).contains("'at'", "next tuesday");
                });
    }

    @Test
    void hostileIdentifiersAreQuotedEverywhere() {
        String table = "select \"täble\" 😀";
        datastore.execute("CREATE TABLE " + q(table)
                + " (\"order\" INTEGER PRIMARY KEY, \"va\"\"lue; DROP TABLE x;--\" TEXT, \"spa ce 漢字\" INTEGER)");
        Schema hostile = new Schema(List.of(
                Field.notNullable("order", new ArrowType.Int(32, true)),
                Field.nullable("va\"lue; DROP TABLE x;--", ArrowType.Utf8.INSTANCE),
                Field.nullable("spa ce 漢字", new ArrowType.Int(32, true))));
        TableRef ref = TableRef.of(table);
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
        datastore.execute("CREATE TABLE keyed (id INTEGER PRIMARY KEY, v TEXT)");
        TableRef keyed = TableRef.of("keyed");
        write(ID_VALUE, keyed, WriteMode.APPEND, new int[] {1, 2}, "a", "b");
        write(ID_VALUE, keyed, WriteMode.APPEND, new int[] {3}, "c");
        write(ID_VALUE, keyed, WriteMode.UPSERT, new int[] {3, 4}, "c2", "d");
        assertThat(contents("keyed")).isEqualTo("1a,2b,3c2,4d");
        write(ID_VALUE, keyed, WriteMode.OVERWRITE, new int[] {7, 8}, "x", "y");
        assertThat(contents("keyed")).isEqualTo("7x,8y");

        // A unique index serves as the key as well as a primary key does.
        datastore.execute("CREATE TABLE indexed (id INTEGER, v TEXT)");
        datastore.execute("CREATE UNIQUE INDEX indexed_id ON indexed (id)");
        write(ID_VALUE, TableRef.of("indexed"), WriteMode.UPSERT, new int[] {1, 1}, "a", "a2");
        assertThat(contents("indexed")).isEqualTo("1a2");

        datastore.execute("CREATE TABLE unkeyed (id INTEGER, v TEXT)");
        assertThatThrownBy(() -> write(ID_VALUE, TableRef.of("unkeyed"), WriteMode.UPSERT, new int[] {1}, "a"))
                .isInstanceOfSatisfying(DatastoreException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA);
                    assertThat(e.getMessage())
                            .contains(
                                    "needs a primary key, unique constraint or unique index on exactly those columns");
                });
        assertThatThrownBy(() -> write(ID_VALUE, TableRef.of("missing"), WriteMode.APPEND, new int[] {1}, "a"))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(contents("keyed")).isEqualTo("7x,8y");
    }

    @Test
    void aWriteThatFailsInItsSecondBatchLeavesTheTableExactlyAsBefore() {
        datastore.execute("CREATE TABLE guarded (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
        datastore.execute("INSERT INTO guarded VALUES (1, 'kept'), (2, 'kept'), (3, 'kept')");
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
    void aFailingSourceAbortsTheWriteWithItsOwnError() {
        datastore.execute("CREATE TABLE t (id INTEGER, v TEXT)");
        try (VectorSchemaRoot one = batch(ID_VALUE, new int[] {1}, "a");
                ArrowReader batches = TestingArrow.reader(allocator, one, one);
                ArrowReader failing = TckReaders.failingAfterFirstBatch(batches, allocator)) {
            assertThatThrownBy(() -> datastore.bulkWriter().write(WriteRequest.append(TableRef.of("t")), failing))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("source broke");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(datastore.query("SELECT count(*) FROM t").scalar()).isEqualTo(0);
    }

    @Test
    void largeReadsStreamInBoundedBatchesAndGiveTheConnectionBack() throws Exception {
        datastore.execute("CREATE TABLE big (id BIGINT, label TEXT)");
        datastore.execute("WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i < 199999) "
                + "INSERT INTO big SELECT i, 'row ' || i FROM r");
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
        for (int i = 0; i < 3; i++) {
            try (ArrowReader reader = datastore.bulkReader().read(ReadRequest.table(TableRef.of("big")), allocator)) {
                assertThat(reader.loadNextBatch()).isTrue();
            }
        }
        // The stream wrote back nothing and holds no lock: a write still goes through.
        datastore.execute("DELETE FROM big WHERE id >= 100000");
        assertThat(datastore.query("SELECT count(*) FROM big").scalar()).isEqualTo(100_000);
    }

    private void write(Schema shape, TableRef table, WriteMode mode, int[] ids, String... values) {
        TestingArrow.writeIdValueRows(datastore, allocator, shape, table, mode, ids, values);
    }

    private void write(VectorSchemaRoot root, TableRef table, WriteMode mode) {
        TestingArrow.write(datastore, allocator, root, new WriteRequest(table, mode, List.of()));
    }

    private VectorSchemaRoot batch(Schema shape, int[] ids, String... values) {
        return TestingBatches.idValue(allocator, shape, ids, values);
    }

    private String contents(String table) {
        return String.valueOf(datastore
                .query("SELECT group_concat(id || v, ',') FROM (SELECT id, v FROM " + q(table) + " ORDER BY id)")
                .scalar());
    }

    /** A map that, unlike {@link Map#of}, may hold NULL values; keys and values alternate. */
    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new java.util.HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    private static String q(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
