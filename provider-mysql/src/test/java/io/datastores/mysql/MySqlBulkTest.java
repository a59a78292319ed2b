package io.datastores.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import io.datastores.api.spi.PoolSettings;
import io.datastores.jdbc.JdbcDatastore;
import io.datastores.jdbc.TestingArrow;
import io.datastores.jdbc.TestingServers;
import io.datastores.jdbc.TestingZoo;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
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

/** LOAD DATA LOCAL and multi-row INSERT bulk writes, and streaming bulk reads, against a real server. */
class MySqlBulkTest {
    private static final String ZOO_DDL = " (id INT PRIMARY KEY, small SMALLINT, medium INT, big BIGINT, "
            + "`real` FLOAT, `double` DOUBLE, amount DECIMAL(38,10), `text` LONGTEXT, bytes LONGBLOB, day DATE, "
            + "wall DATETIME(6), instant DATETIME(6), flag BOOLEAN, clock TIME(6))";

    private final MySqlDatastoreProvider provider = new MySqlDatastoreProvider();
    private BufferAllocator allocator;
    private Datastore datastore;
    private String database;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        datastore = provider.open(TestingServers.mysql().config("mysql"));
        database = TestingServers.uniqueName("bulk");
        datastore.execute("CREATE DATABASE " + q(database) + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    }

    @AfterEach
    void tearDown() {
        datastore.execute("DROP DATABASE " + q(database));
        datastore.close();
        allocator.close();
    }

    @Test
    void theTypeZooRoundTripsThroughLoadData() throws Exception {
        roundTripZoo(datastore);
    }

    @Test
    void theTypeZooRoundTripsThroughTheInsertFallback() throws Exception {
        try (Datastore inserting = provider.open(TestingServers.mysql()
                .config("inserting", "mysql", Map.of("local_infile", "false"), PoolSettings.DEFAULT))) {
            roundTripZoo(inserting);
        }
    }

    private void roundTripZoo(Datastore target) throws Exception {
        datastore.execute("CREATE TABLE " + q(database) + ".zoo" + ZOO_DDL);
        List<List<Object>> expected = new ArrayList<>();
        try (VectorSchemaRoot zoo = TestingZoo.create(allocator, false);
                ArrowReader source = TestingArrow.reader(allocator, zoo)) {
            // A DATETIME holds the UTC wall clock of an instant; it reads back without a zone.
            for (List<Object> row : TestingArrow.rows(TestingArrow.reader(allocator, zoo))) {
                List<Object> copy = new ArrayList<>(row);
                copy.replaceAll(v -> v instanceof OffsetDateTime t
                        ? t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
                        : v);
                expected.add(copy);
            }
            WriteResult result = target.bulkWriter().write(WriteRequest.append(TableRef.of(database, "zoo")), source);
            assertThat(result.rows()).isEqualTo(5);
        }
        assertThat(TestingArrow.rows(target.bulkReader()
                        .read(ReadRequest.query("SELECT * FROM " + q(database) + ".zoo ORDER BY id"), allocator)))
                .isEqualTo(expected);
        assertThat(datastore
                        .query("SELECT count(*) FROM " + q(database) + ".zoo WHERE `text` = ''")
                        .scalar())
                .isEqualTo(1L);
    }

    @Test
    void escapingIsExactForNulTabNewlineBackslashAndTheNullMarker() throws Exception {
        datastore.execute("CREATE TABLE " + q(database) + ".raw (id INT PRIMARY KEY, t TEXT, b BLOB)");
        String[] texts = {"\\N", "a\u0000b", "\t\n\r\\\\", "", null, "e\u0301 😀 漢字"};
        Schema shape = new Schema(List.of(
                Field.notNullable("id", new ArrowType.Int(32, true)),
                Field.nullable("t", ArrowType.Utf8.INSTANCE),
                Field.nullable("b", ArrowType.Binary.INSTANCE)));
        List<List<Object>> expected = new ArrayList<>();
        try (VectorSchemaRoot root = VectorSchemaRoot.create(shape, allocator)) {
            root.allocateNew();
            for (int i = 0; i < texts.length; i++) {
                ((IntVector) root.getVector("id")).setSafe(i, i);
                if (texts[i] != null) {
                    byte[] bytes = texts[i].getBytes(StandardCharsets.UTF_8);
                    ((VarCharVector) root.getVector("t")).setSafe(i, bytes);
                    ((VarBinaryVector) root.getVector("b")).setSafe(i, bytes);
                }
                expected.add(java.util.Arrays.asList(
                        i,
                        texts[i],
                        texts[i] == null
                                ? null
                                : java.util.HexFormat.of().formatHex(texts[i].getBytes(StandardCharsets.UTF_8))));
            }
            root.setRowCount(texts.length);
            try (ArrowReader source = TestingArrow.reader(allocator, root)) {
                datastore.bulkWriter().write(WriteRequest.append(TableRef.of(database, "raw")), source);
            }
        }
        assertThat(TestingArrow.rows(datastore
                        .bulkReader()
                        .read(ReadRequest.query("SELECT * FROM " + q(database) + ".raw ORDER BY id"), allocator)))
                .isEqualTo(expected);
    }

    @Test
    void unsignedIntegersReadAndWriteWithoutOverflow() throws Exception {
        String columns = " (a TINYINT UNSIGNED, b SMALLINT UNSIGNED, c INT UNSIGNED, d BIGINT UNSIGNED)";
        datastore.execute("CREATE TABLE " + q(database) + ".u" + columns);
        datastore.execute("CREATE TABLE " + q(database) + ".copy" + columns);
        datastore.execute("INSERT INTO " + q(database) + ".u VALUES (255, 65535, 4294967295, 18446744073709551615)");
        try (ArrowReader reader =
                datastore.bulkReader().read(ReadRequest.table(TableRef.of(database, "u")), allocator)) {
            assertThat(reader.getVectorSchemaRoot().getSchema().getFields())
                    .extracting(Field::getType)
                    .containsExactly(
                            new ArrowType.Int(16, true),
                            new ArrowType.Int(32, true),
                            new ArrowType.Int(64, true),
                            new ArrowType.Decimal(20, 0, 128));
            datastore.bulkWriter().write(WriteRequest.append(TableRef.of(database, "copy")), reader);
        }
        assertThat(TestingArrow.rows(
                        datastore.bulkReader().read(ReadRequest.table(TableRef.of(database, "copy")), allocator)))
                .containsExactly(List.of((short) 255, 65535, 4294967295L, new BigDecimal("18446744073709551615")));
    }

    @Test
    void timestampColumnsHoldInstantsWrittenFromSeveralZones() throws Exception {
        datastore.execute("CREATE TABLE " + q(database) + ".moments (zone VARCHAR(40), at TIMESTAMP(6) NULL)");
        long instant = TestingZoo.micros(LocalDateTime.of(2024, 3, 10, 7, 30, 0, 250_000_000));
        for (String zone : List.of("America/New_York", "Asia/Kolkata", "UTC")) {
            Schema zoned = new Schema(List.of(
                    Field.nullable("zone", ArrowType.Utf8.INSTANCE),
                    new Field("at", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, zone)), null)));
            try (VectorSchemaRoot root = VectorSchemaRoot.create(zoned, allocator)) {
                root.allocateNew();
                ((VarCharVector) root.getVector("zone")).setSafe(0, zone.getBytes(StandardCharsets.UTF_8));
                ((TimeStampVector) root.getVector("at")).setSafe(0, instant);
                root.setRowCount(1);
                try (ArrowReader source = TestingArrow.reader(allocator, root)) {
                    datastore.bulkWriter().write(WriteRequest.append(TableRef.of(database, "moments")), source);
                }
            }
        }
        OffsetDateTime expected = OffsetDateTime.of(2024, 3, 10, 7, 30, 0, 250_000_000, ZoneOffset.UTC);
        assertThat(TestingArrow.rows(datastore
                        .bulkReader()
                        .read(ReadRequest.query("SELECT at FROM " + q(database) + ".moments"), allocator)))
                .containsExactly(List.of(expected), List.of(expected), List.of(expected));
    }

    @Test
    void zeroDatesReadAsNull() {
        datastore.execute("CREATE TABLE " + q(database) + ".zero (d DATE, t DATETIME)");
        ((JdbcDatastore) datastore).withConnection("zero dates", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION sql_mode = ''");
                statement.execute("INSERT INTO " + q(database) + ".zero VALUES ('0000-00-00', '0000-00-00 00:00:00')");
                statement.execute("SET SESSION sql_mode = @@GLOBAL.sql_mode");
            }
            return null;
        });
        assertThat(TestingArrow.rows(
                        datastore.bulkReader().read(ReadRequest.table(TableRef.of(database, "zero")), allocator)))
                .containsExactly(java.util.Arrays.asList(null, null));
    }

    @Test
    void hostileIdentifiersAreQuotedEverywhere() throws Exception {
        String hostileDatabase = database + " `x` \"y\"";
        String table = "select `täble` ü";
        datastore.execute("CREATE DATABASE " + q(hostileDatabase));
        try {
            datastore.execute("CREATE TABLE " + q(hostileDatabase) + "." + q(table)
                    + " (`order` INT PRIMARY KEY, `va``lue; DROP TABLE x;--` VARCHAR(10), `spa ce ünï` INT)");
            Schema hostile = new Schema(List.of(
                    Field.notNullable("order", new ArrowType.Int(32, true)),
                    Field.nullable("va`lue; DROP TABLE x;--", ArrowType.Utf8.INSTANCE),
                    Field.nullable("spa ce ünï", new ArrowType.Int(32, true))));
            TableRef ref = TableRef.of(hostileDatabase, table);
            write(hostile, ref, WriteMode.APPEND, new int[] {1, 2}, new String[] {"a", "b"});
            write(hostile, ref, WriteMode.UPSERT, new int[] {2, 3}, new String[] {"b2", "c"});
            assertThat(TestingArrow.rows(datastore.bulkReader().read(ReadRequest.table(ref), allocator)))
                    .containsExactlyInAnyOrder(List.of(1, "a", 10), List.of(2, "b2", 20), List.of(3, "c", 30));
            assertThat(datastore.describe(ref).columns())
                    .extracting(c -> c.name())
                    .containsExactly("order", "va`lue; DROP TABLE x;--", "spa ce ünï");
            assertThat(datastore.describe(ref).primaryKey()).containsExactly("order");
            write(hostile, ref, WriteMode.OVERWRITE, new int[] {9}, new String[] {"z"});
            assertThat(TestingArrow.rows(datastore.bulkReader().read(ReadRequest.table(ref), allocator)))
                    .containsExactly(List.of(9, "z", 90));
        } finally {
            datastore.execute("DROP DATABASE " + q(hostileDatabase));
        }
    }

    @Test
    void aFailedWriteLeavesTheTableAsItWasAndTheDatastoreUsable() throws Exception {
        datastore.execute("CREATE TABLE " + q(database) + ".guarded (id INT PRIMARY KEY, v VARCHAR(3) NOT NULL)");
        datastore.execute("INSERT INTO " + q(database) + ".guarded VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        Schema shape = new Schema(List.of(
                Field.notNullable("id", new ArrowType.Int(32, true)), Field.nullable("v", ArrowType.Utf8.INSTANCE)));
        TableRef ref = TableRef.of(database, "guarded");
        int[] ids = new int[1000];
        String[] tooLong = new String[1000];
        String[] duplicate = new String[1000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 100 + i;
            tooLong[i] = i == 500 ? "too long" : "new";
            duplicate[i] = "new";
        }
        int[] withDuplicate = ids.clone();
        withDuplicate[500] = 2;
        for (WriteMode mode : List.of(WriteMode.APPEND, WriteMode.OVERWRITE)) {
            assertThatThrownBy(() -> write(shape, ref, mode, ids, tooLong))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA));
            assertUnchanged();
        }
        assertThatThrownBy(() -> write(shape, ref, WriteMode.APPEND, withDuplicate, duplicate))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY));
        assertUnchanged();
        String[] withNull = duplicate.clone();
        withNull[500] = null;
        assertThatThrownBy(() -> write(shape, ref, WriteMode.APPEND, ids, withNull))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY));
        assertUnchanged();

        Schema doubles = new Schema(List.of(
                Field.notNullable("id", new ArrowType.Int(32, true)),
                Field.nullable("v", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE))));
        try (VectorSchemaRoot root = VectorSchemaRoot.create(doubles, allocator);
                ArrowReader source = TestingArrow.reader(allocator, fill(root, Double.NaN))) {
            assertThatThrownBy(() -> datastore.bulkWriter().write(WriteRequest.append(ref), source))
                    .isInstanceOfSatisfying(DatastoreException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA);
                        assertThat(e.getMessage())
                                .startsWith("[test_mysql/mysql] ")
                                .contains("'v'")
                                .contains("NaN");
                    });
        }
        assertUnchanged();
        write(shape, ref, WriteMode.APPEND, new int[] {4}, new String[] {"d"});
        assertThat(datastore
                        .query("SELECT count(*) FROM " + q(database) + ".guarded")
                        .scalar())
                .isEqualTo(4L);
    }

    @Test
    void detectsLocalInfileOffAndFallsBackToInserts() throws Exception {
        Object before = datastore.query("SELECT @@GLOBAL.local_infile").scalar();
        datastore.execute("SET GLOBAL local_infile = 0");
        try (Datastore fresh =
                provider.open(TestingServers.mysql().config("fresh", "mysql", Map.of(), PoolSettings.DEFAULT))) {
            datastore.execute("CREATE TABLE " + q(database) + ".guarded (id INT PRIMARY KEY, v VARCHAR(3) NOT NULL)");
            Schema guarded = new Schema(List.of(
                    Field.notNullable("id", new ArrowType.Int(32, true)),
                    Field.nullable("v", ArrowType.Utf8.INSTANCE)));
            write(fresh, guarded, TableRef.of(database, "guarded"), WriteMode.UPSERT, new int[] {1, 2}, new String[] {
                "a", "b"
            });
            write(fresh, guarded, TableRef.of(database, "guarded"), WriteMode.UPSERT, new int[] {2, 3}, new String[] {
                "b2", "c"
            });
            assertThat(datastore
                            .query("SELECT GROUP_CONCAT(id, v ORDER BY id) FROM " + q(database) + ".guarded")
                            .scalar())
                    .isEqualTo("1a,2b2,3c");
        } finally {
            datastore.execute("SET GLOBAL local_infile = " + (((Number) before).intValue() == 1 ? "1" : "0"));
        }
    }

    @Test
    void wideRowsTravelInStatementsUnderThePacketLimit() throws Exception {
        datastore.execute("CREATE TABLE " + q(database) + ".wide (id INT PRIMARY KEY, v LONGTEXT)");
        int[] ids = new int[24];
        String[] values = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
            values[i] = i + TestingZoo.LARGE_TEXT;
        }
        Schema shape = new Schema(List.of(
                Field.notNullable("id", new ArrowType.Int(32, true)), Field.nullable("v", ArrowType.Utf8.INSTANCE)));
        // 24 values of 1.4 MB: more than one 16 MB packet in total, through both paths.
        try (Datastore inserting = provider.open(TestingServers.mysql()
                .config("inserting", "mysql", Map.of("local_infile", "false"), PoolSettings.DEFAULT))) {
            write(inserting, shape, TableRef.of(database, "wide"), WriteMode.APPEND, ids, values);
        }
        write(shape, TableRef.of(database, "wide"), WriteMode.UPSERT, ids, values);
        assertThat(
                        datastore
                                .query("SELECT count(*), sum(length(v)) FROM " + q(database) + ".wide")
                                .rows()
                                .get(0)
                                .values()
                                .stream()
                                .map(v -> ((Number) v).longValue())
                                .toList())
                .containsExactly(
                        24L, 24L * TestingZoo.LARGE_TEXT.getBytes(StandardCharsets.UTF_8).length + 10 + 2 * 14);
    }

    @Test
    void closingAReadEarlyReleasesTheConnection() throws Exception {
        datastore.execute("CREATE TABLE " + q(database) + ".many (id INT PRIMARY KEY)");
        datastore.execute("INSERT INTO " + q(database) + ".many SELECT seq FROM seq_1_to_2500");
        for (int i = 0; i < 12; i++) {
            try (ArrowReader reader = datastore
                    .bulkReader()
                    .read(ReadRequest.table(TableRef.of(database, "many")).withBatchSize(100), allocator)) {
                assertThat(reader.loadNextBatch()).isTrue();
            }
        }
        assertThat(datastore
                        .query("SELECT count(*) FROM " + q(database) + ".many")
                        .scalar())
                .isEqualTo(2500L);
    }

    private void assertUnchanged() {
        assertThat(datastore
                        .query("SELECT GROUP_CONCAT(id, v ORDER BY id) FROM " + q(database) + ".guarded")
                        .scalar())
                .isEqualTo("1a,2b,3c");
    }

    private static VectorSchemaRoot fill(VectorSchemaRoot root, double value) {
        root.allocateNew();
        ((IntVector) root.getVector("id")).setSafe(0, 50);
        ((Float8Vector) root.getVector("v")).setSafe(0, value);
        root.setRowCount(1);
        return root;
    }

    private void write(Schema shape, TableRef table, WriteMode mode, int[] ids, String[] values) {
        write(datastore, shape, table, mode, ids, values);
    }

    private void write(Datastore target, Schema shape, TableRef table, WriteMode mode, int[] ids, String[] values) {
        TestingArrow.writeIdValueRows(target, allocator, shape, table, mode, ids, values);
    }

    private static String q(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
