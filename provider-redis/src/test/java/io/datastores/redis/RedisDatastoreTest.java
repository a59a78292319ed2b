package io.datastores.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.QueryResult;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import io.datastores.tck.TckZoo;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;

/** Redis-specific behaviour against the real local redis-server: commands, layouts, modes, faults. */
class RedisDatastoreTest {
    private static final Schema PAIRS = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("label", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
    private TestingRedis redis;
    private Datastore datastore;
    private BufferAllocator allocator;

    @BeforeEach
    void open() {
        redis = TestingRedis.open();
        datastore = new RedisDatastoreProvider().open(redis.config(Map.of("write_batch_size", "2")));
        allocator = new RootAllocator();
    }

    @AfterEach
    void close() {
        if (redis != null) {
            allocator.close();
            datastore.close();
            redis.close();
        }
    }

    @Test
    void queryBindsEachValueAsOneArgumentAndReturnsMapsAsRows() {
        String key = redis.namespace + "odd key";
        datastore.execute("HSET ? ? ? ? ?", key, "name", "x FLUSHALL", "n", 7);
        QueryResult hash = datastore.query("HGETALL ?", key);
        assertThat(hash.columns()).containsExactly("field", "value");
        assertThat(hash.rows())
                .extracting(r -> r.get("field") + "=" + r.get("value"))
                .containsExactlyInAnyOrder("name=x FLUSHALL", "n=7");
        assertThat(datastore.query("EXISTS ?", key).scalar()).isEqualTo(1L);
        assertThat(datastore.query("HGET ? ?", key, "missing").rows()).isEmpty();
    }

    @Test
    void connectionStateCommandsAreRefused() {
        assertThatThrownBy(() -> datastore.query("SELECT 1"))
                .hasMessageContaining("does not support the connection-state command SELECT in query");
        assertThatThrownBy(() -> datastore.execute("MULTI"))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
        assertThatThrownBy(() -> datastore.query("GET ? ?", "one"))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA));
    }

    @Test
    void theTypeZooRoundTripsExactly() throws Exception {
        TableRef table = TableRef.of("zoo");
        try (VectorSchemaRoot zoo = zoo();
                ArrowReader source = TestingRows.batches(
                        allocator, TckZoo.SCHEMA, new int[] {5}, (root, index) -> copy(zoo, root))) {
            datastore.bulkWriter().write(new WriteRequest(table, WriteMode.APPEND, List.of("id")), source);
        }
        assertThat(datastore.describe(table).primaryKey()).containsExactly("id");
        List<List<Object>> back = TestingRows.read(datastore, ReadRequest.table(table), allocator);
        back.sort(Comparator.comparing(row -> Integer.parseInt((String) row.get(0))));
        try (VectorSchemaRoot zoo = zoo()) {
            for (int row = 0; row < zoo.getRowCount(); row++) {
                for (int column = 0; column < zoo.getFieldVectors().size(); column++) {
                    Object expected = zoo.getVector(column).getObject(row);
                    assertThat(back.get(row).get(column))
                            .as("row %d column %s", row, zoo.getVector(column).getName())
                            .isEqualTo(
                                    expected instanceof byte[] b
                                            ? java.util.HexFormat.of().formatHex(b)
                                            : expected == null ? null : expected.toString());
                }
            }
        }
    }

    @Test
    void upsertAndResentBatchesAreHarmlessAndOverwriteReplaces() throws Exception {
        TableRef table = TableRef.of("pairs");
        write(table, WriteMode.APPEND, 0, 5);
        assertThat(datastore.tables(null)).containsExactly(table);
        write(table, WriteMode.UPSERT, 3, 8);
        write(table, WriteMode.UPSERT, 3, 8);
        assertThat(TestingRows.read(datastore, ReadRequest.table(table), allocator))
                .hasSize(8);
        try (ArrowReader nulled = TestingRows.batches(allocator, PAIRS, new int[] {1}, (root, index) -> {
            ((BigIntVector) root.getVector("id")).setSafe(0, 4);
            root.getVector("label").setNull(0);
        })) {
            datastore.bulkWriter().write(new WriteRequest(table, WriteMode.UPSERT, List.of("id")), nulled);
        }
        assertThat(TestingRows.read(datastore, ReadRequest.table(table), allocator))
                .extracting(Object::toString)
                .contains("[4, null]", "[3, row 3]")
                .doesNotContain("[4, row 4]");
        write(table, WriteMode.OVERWRITE, 100, 102);
        assertThat(TestingRows.read(datastore, ReadRequest.table(table), allocator))
                .extracting(r -> r.get(0))
                .containsExactlyInAnyOrder("100", "101");
        try (ArrowReader source = pairs(0, 1)) {
            assertThatThrownBy(() -> datastore
                            .bulkWriter()
                            .write(new WriteRequest(table, WriteMode.UPSERT, List.of("label")), source))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
        }
    }

    @Test
    void aCompositeKeySplitsBackExactlyWhateverItsValuesHold() throws Exception {
        TableRef table = TableRef.of("composite");
        try (ArrowReader source = pairs(0, 3)) {
            datastore.bulkWriter().write(new WriteRequest(table, WriteMode.APPEND, List.of("label", "id")), source);
        }
        try (ArrowReader odd = TestingRows.batches(allocator, PAIRS, new int[] {1}, (root, index) -> {
            ((BigIntVector) root.getVector("id")).setSafe(0, 9);
            ((VarCharVector) root.getVector("label")).setSafe(0, "a:b%3A c".getBytes(StandardCharsets.UTF_8));
        })) {
            datastore.bulkWriter().write(new WriteRequest(table, WriteMode.UPSERT, List.of("label", "id")), odd);
        }
        assertThat(datastore.describe(table).primaryKey()).containsExactly("label", "id");
        assertThat(redis.admin().exists(redis.namespace + "composite:a%3Ab%253A c:9"))
                .isTrue();
        assertThat(TestingRows.read(datastore, ReadRequest.table(table), allocator))
                .extracting(Object::toString)
                .containsExactlyInAnyOrder("[0, row 0]", "[1, row 1]", "[2, row 2]", "[9, a:b%3A c]");
    }

    @Test
    void transactionalBatchesAndTtlApply() throws Exception {
        Datastore transactional =
                new RedisDatastoreProvider().open(redis.config(Map.of("transactional", "true", "ttl_seconds", "600")));
        try (transactional;
                ArrowReader source = pairs(0, 3)) {
            transactional
                    .bulkWriter()
                    .write(new WriteRequest(TableRef.of("ttl"), WriteMode.APPEND, List.of("id")), source);
        }
        assertThat(redis.admin().ttl(redis.namespace + "ttl:2")).isBetween(1L, 600L);
    }

    @Test
    void aPrefixWithoutSchemaEntryIsTextAndMixedShapesOrOtherTypesAreReportedNotGuessed() {
        redis.admin().hset(redis.namespace + "legacy:a", Map.of("name", "Ann", "age", "31"));
        redis.admin().hset(redis.namespace + "legacy:b", Map.of("name", "Bob"));
        redis.admin().set(redis.namespace + "legacy:counter", "12"); // another type under the prefix: not a row
        assertThat(datastore.describe(TableRef.of("legacy")).columns())
                .extracting(c -> c.name() + " " + c.typeName())
                .containsExactlyInAnyOrder("key text", "name text", "age text");
        assertThat(TestingRows.read(datastore, ReadRequest.table(TableRef.of("legacy")), allocator))
                .extracting(Object::toString)
                .containsExactlyInAnyOrder("[a, Ann, 31]", "[b, Bob, null]");

        write(TableRef.of("typed"), WriteMode.APPEND, 0, 3);
        redis.admin().hset(redis.namespace + "typed:9", Map.of("label", "x", "surprise", "1"));
        assertThatThrownBy(() -> TestingRows.read(datastore, ReadRequest.table(TableRef.of("typed")), allocator))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                .hasMessageContaining("typed:9")
                .hasMessageContaining("surprise");
        redis.admin().hset(redis.namespace + "typed:9", Map.of("label", "x"));
        redis.admin().hdel(redis.namespace + "typed:9", "surprise");
        redis.admin().hset(redis.namespace + "typed:x", Map.of("label", "y"));
        assertThatThrownBy(() -> TestingRows.read(datastore, ReadRequest.table(TableRef.of("typed")), allocator))
                .hasMessageContaining("typed:x")
                .hasMessageContaining("bigint");
    }

    @Test
    void anUnreachableHostIsAConnectionErrorNamingHostAndPortWithoutTheUrlsPassword() {
        DatastoreConfig config = new DatastoreConfig(
                "cache",
                "redis",
                "",
                List.of(),
                true,
                Map.of("url", "redis://app:Pa55-in-url@127.0.0.1:1/3"),
                Map.of(),
                PoolSettings.DEFAULT,
                Map.of());
        assertThat(new RedisDatastoreProvider().validate(config)).isEmpty();
        try (Datastore unreachable = new RedisDatastoreProvider().open(config)) {
            assertThat(unreachable.toString()).doesNotContain("Pa55").contains("127.0.0.1:1/3");
            assertThat(config.toString()).doesNotContain("Pa55");
            assertThatThrownBy(unreachable::connect)
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION))
                    .hasMessageContaining("127.0.0.1:1")
                    .hasMessageNotContaining("Pa55");
            assertThat(unreachable.test().error()).contains("127.0.0.1:1").doesNotContain("Pa55");
        }
    }

    @Test
    void theServerGoingAwayMidWriteClaimsNoHalfBatch() throws Exception {
        String user = "ds_kill_" + redis.namespace.substring(2, 14);
        redis.createUser(user, "pw-kill");
        TableRef table = TableRef.of("killed");
        Datastore victim = new RedisDatastoreProvider()
                .open(redis.config(Map.of("username", user, "password", "pw-kill", "write_batch_size", "100")));
        try (victim;
                ArrowReader source = TestingRows.batches(allocator, PAIRS, new int[] {3, 3}, (root, index) -> {
                    if (index == 1) {
                        redis.admin().sendCommand(Protocol.Command.CLIENT, "KILL", "USER", user);
                    }
                    fillPairs(root, index * 3, index * 3 + 3);
                })) {
            assertThatThrownBy(() ->
                            victim.bulkWriter().write(new WriteRequest(table, WriteMode.APPEND, List.of("id")), source))
                    .isInstanceOfSatisfying(DatastoreException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
                        assertThat(e.retryable()).isTrue();
                    })
                    .hasMessageContaining("after 3 rows were written")
                    .hasMessageNotContaining("pw-kill");
        }
        assertThat(TestingRows.read(datastore, ReadRequest.table(table), allocator))
                .extracting(r -> r.get(0))
                .containsExactlyInAnyOrder("0", "1", "2");
    }

    private void write(TableRef table, WriteMode mode, int from, int to) {
        try (ArrowReader source = pairs(from, to)) {
            datastore.bulkWriter().write(new WriteRequest(table, mode, List.of("id")), source);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ArrowReader pairs(int from, int to) {
        return TestingRows.batches(allocator, PAIRS, new int[] {to - from}, (root, index) -> fillPairs(root, from, to));
    }

    private static void fillPairs(VectorSchemaRoot root, int from, int to) {
        for (int i = from; i < to; i++) {
            ((BigIntVector) root.getVector("id")).setSafe(i - from, i);
            ((VarCharVector) root.getVector("label")).setSafe(i - from, ("row " + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    private VectorSchemaRoot zoo() {
        VectorSchemaRoot root = VectorSchemaRoot.create(TckZoo.SCHEMA, allocator);
        root.allocateNew();
        ((IntVector) root.getVector("id")).setSafe(0, 0);
        TckZoo.set(
                root,
                1,
                Short.MIN_VALUE,
                Integer.MIN_VALUE,
                Long.MIN_VALUE,
                Float.NEGATIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                new BigDecimal("-9999999999999999999999999999.9999999999"),
                "",
                new byte[0],
                LocalDate.of(1000, 1, 1),
                LocalDateTime.of(1901, 12, 13, 20, 45, 52, 1000),
                LocalDateTime.of(1969, 7, 20, 20, 17, 40, 123_456_000),
                false,
                LocalTime.MIDNIGHT);
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        TckZoo.set(
                root,
                2,
                Short.MAX_VALUE,
                Integer.MAX_VALUE,
                Long.MAX_VALUE,
                Float.MAX_VALUE,
                Double.NaN,
                new BigDecimal("9999999999999999999999999999.9999999999"),
                "😀🎉 漢字かな e\u0301 ñ|key|x",
                everyByte,
                LocalDate.of(9999, 12, 31),
                LocalDateTime.of(2100, 12, 31, 23, 59, 59, 999_999_000),
                LocalDateTime.of(2038, 1, 19, 3, 14, 8, 1000),
                true,
                LocalTime.of(23, 59, 59, 999_999_000));
        TckZoo.set(
                root,
                3,
                (short) 0,
                0,
                0L,
                -0.0f,
                Double.MIN_VALUE,
                new BigDecimal("0.0000000001"),
                "tab\there\nnew line \\ \"quote\" 'single' \r end " + "long ".repeat(20_000),
                "\\N\t\n".getBytes(StandardCharsets.UTF_8),
                LocalDate.of(1969, 12, 31),
                LocalDateTime.of(1970, 1, 1, 0, 0),
                LocalDateTime.of(2000, 2, 29, 12, 0),
                true,
                LocalTime.of(12, 0, 0, 1000));
        TckZoo.set(
                root,
                4,
                (short) 1,
                1,
                1L,
                Float.MIN_VALUE,
                Double.POSITIVE_INFINITY,
                BigDecimal.ONE,
                "_datastores:row",
                new byte[] {0},
                LocalDate.of(2024, 2, 29),
                LocalDateTime.of(2024, 2, 29, 1, 2, 3),
                LocalDateTime.of(2024, 3, 10, 0, 0),
                false,
                LocalTime.of(0, 0, 0, 1000));
        root.setRowCount(5);
        return root;
    }

    private static void copy(VectorSchemaRoot from, VectorSchemaRoot to) {
        for (int column = 0; column < from.getFieldVectors().size(); column++) {
            for (int row = 0; row < from.getRowCount(); row++) {
                to.getVector(column).copyFromSafe(row, row, from.getVector(column));
            }
        }
    }
}
