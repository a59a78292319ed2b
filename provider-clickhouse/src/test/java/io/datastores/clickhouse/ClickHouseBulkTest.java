package io.datastores.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.TableCreator.ColumnDefinition;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import io.datastores.jdbc.JdbcDatastore;
import io.datastores.jdbc.TestingArrow;
import io.datastores.jdbc.TestingBatches;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Faults of the bulk path against a real ClickHouse engine: lost responses, unreachable servers. */
class ClickHouseBulkTest {
    private final TestingClickHouse clickhouse = new TestingClickHouse();
    private final JdbcDatastore datastore = clickhouse.open();

    @AfterEach
    void drop() {
        datastore.close();
        clickhouse.close();
    }

    private static final Schema SHAPE = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(32, true)), null),
            new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

    /** Three batches of 1000 rows: ids 0 to 2999, names "n<id>". */
    private static ArrowReader threeBatches(BufferAllocator allocator) {
        VectorSchemaRoot[] batches = new VectorSchemaRoot[3];
        for (int b = 0; b < 3; b++) {
            int[] ids = new int[1000];
            String[] names = new String[1000];
            for (int i = 0; i < 1000; i++) {
                ids[i] = b * 1000 + i;
                names[i] = "n" + ids[i];
            }
            batches[b] = TestingBatches.idValue(allocator, SHAPE, ids, names);
        }
        try {
            return TestingArrow.reader(allocator, batches);
        } finally {
            for (VectorSchemaRoot batch : batches) {
                batch.close();
            }
        }
    }

    private long count(JdbcDatastore on, String table) {
        return ((Number) on.query("SELECT count() AS c FROM " + on.quote(table)).scalar()).longValue();
    }

    @Test
    void upsertReplacesByKeyInATableTheCreatorMadeAndRefusesAPlainMergeTree() throws Exception {
        createKeyed("keyed");
        WriteRequest upsert = new WriteRequest(TableRef.of("keyed"), WriteMode.UPSERT, List.of("id"));
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader first = threeBatches(allocator)) {
            datastore.bulkWriter().write(upsert, first);
        }
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot changed = TestingBatches.idValue(allocator, SHAPE, new int[] {5, 3000}, "changed");
                ArrowReader again = TestingArrow.reader(allocator, changed)) {
            datastore.bulkWriter().write(upsert, again);
        }
        assertThat(count(datastore, "keyed"))
                .as("one row per key, without FINAL")
                .isEqualTo(3001);
        assertThat(datastore
                        .query("SELECT name FROM " + datastore.quote("keyed") + " WHERE id = 5")
                        .scalar())
                .isEqualTo("changed");

        datastore.execute("CREATE TABLE " + datastore.quote("plain") + " (id Int32, name Nullable(String)) "
                + "ENGINE = MergeTree ORDER BY id");
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader rows = threeBatches(allocator)) {
            assertThatThrownBy(() -> datastore
                            .bulkWriter()
                            .write(new WriteRequest(TableRef.of("plain"), WriteMode.UPSERT, List.of("id")), rows))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                    .hasMessageContaining("this table is MergeTree ORDER BY [id]")
                    .hasMessageContaining("ENGINE = ReplacingMergeTree ORDER BY (id)");
        }
        assertThat(count(datastore, "plain")).as("refused before any row moved").isZero();
    }

    private void createKeyed(String table) {
        datastore
                .feature(TableCreator.class)
                .orElseThrow()
                .createTable(
                        TableRef.of(table),
                        List.of(
                                new ColumnDefinition("id", "Int32", false),
                                new ColumnDefinition("name", "String", true)),
                        List.of("id"));
    }

    @Test
    void aBatchSentAgainAfterALostResponseIsStoredOnce() throws IOException {
        createKeyed("retried");
        try (LosingProxy proxy = new LosingProxy(clickhouse.server.host(), clickhouse.server.port());
                JdbcDatastore through = clickhouse.open(
                        clickhouse.database,
                        Map.of("host", "127.0.0.1", "port", String.valueOf(proxy.port())),
                        Map.of());
                BufferAllocator allocator = new RootAllocator();
                ArrowReader rows = threeBatches(allocator)) {
            through.connect();
            proxy.loseResponsesOfNextInserts(1);
            WriteResult result = through.bulkWriter().write(WriteRequest.append(TableRef.of("retried")), rows);

            assertThat(proxy.lost).as("the proxy really threw a response away").hasValue(1);
            assertThat(result.rows()).isEqualTo(3000);
        }
        assertThat(count(datastore, "retried"))
                .as("the re-sent batch was dropped by its token")
                .isEqualTo(3000);
        assertThat(((Number) datastore
                                .query("SELECT count(DISTINCT id) AS c FROM retried")
                                .scalar())
                        .longValue())
                .isEqualTo(3000);
    }

    @Test
    void withoutADeduplicationWindowTheRetryDuplicatesAndThePreflightSaysSo() throws IOException {
        datastore.execute("CREATE TABLE plain (id Int32, name Nullable(String)) " + "ENGINE = MergeTree ORDER BY id");
        assertThat(DeduplicationPreflight.problem(datastore, TableRef.of("plain")))
                .hasValueSatisfying(why -> assertThat(why)
                        .contains("non_replicated_deduplication_window = 0")
                        .contains("MODIFY SETTING non_replicated_deduplication_window"));
        try (LosingProxy proxy = new LosingProxy(clickhouse.server.host(), clickhouse.server.port());
                JdbcDatastore through = clickhouse.open(
                        clickhouse.database,
                        Map.of("host", "127.0.0.1", "port", String.valueOf(proxy.port())),
                        Map.of());
                BufferAllocator allocator = new RootAllocator();
                ArrowReader rows = threeBatches(allocator)) {
            through.connect();
            proxy.loseResponsesOfNextInserts(1);
            through.bulkWriter().write(WriteRequest.append(TableRef.of("plain")), rows);
            assertThat(proxy.lost).hasValue(1);
        }
        assertThat(count(datastore, "plain"))
                .as("without the window the token is a no-op: one batch twice")
                .isEqualTo(4000);
    }

    @Test
    void aQueryWithBoundParametersIsReadThroughTheResultSet() throws Exception {
        createKeyed("params");
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader rows = threeBatches(allocator)) {
            datastore.bulkWriter().write(WriteRequest.append(TableRef.of("params")), rows);
        }
        try (BufferAllocator allocator = new RootAllocator()) {
            // rows(...) reads the reader to the end and closes it.
            List<List<Object>> rows = TestingArrow.rows(datastore
                    .bulkReader()
                    .read(
                            ReadRequest.query(
                                    "SELECT id, name FROM params WHERE id >= ? AND name <> ? ORDER BY id",
                                    2990,
                                    "n2995"),
                            allocator));
            assertThat(rows).hasSize(9);
            assertThat(rows.get(0).get(1).toString()).isEqualTo("n2990");
        }
    }

    @Test
    void tablesCreatedForTransfersKeepTheTokenWorking() {
        createKeyed("created");
        assertThat(DeduplicationPreflight.problem(datastore, TableRef.of("created")))
                .isEmpty();
        assertThat(datastore
                        .query(
                                "SELECT engine FROM system.tables WHERE database = currentDatabase() AND name = 'created'")
                        .scalar())
                .isEqualTo("ReplacingMergeTree");
    }

    @Test
    void theDescribedPrimaryKeyIsItsColumnsOrNothingForAnExpression() {
        datastore.execute(
                "CREATE TABLE two (a Int32, `b c` String, v String) ENGINE = ReplacingMergeTree ORDER BY (a, `b c`)");
        datastore.execute("CREATE TABLE one (id Int64, v String) ENGINE = MergeTree ORDER BY id");
        datastore.execute("CREATE TABLE by_day (at DateTime, v String) ENGINE = MergeTree ORDER BY toDate(at)");
        datastore.execute("CREATE TABLE none (v String) ENGINE = MergeTree ORDER BY tuple()");

        assertThat(datastore.describe(TableRef.of("two")).primaryKey()).containsExactly("a", "b c");
        assertThat(datastore.describe(TableRef.of(clickhouse.database, "one")).primaryKey())
                .containsExactly("id");
        assertThat(datastore.describe(TableRef.of("by_day")).primaryKey()).isEmpty();
        assertThat(datastore.describe(TableRef.of("none")).primaryKey()).isEmpty();
    }

    @Test
    void anUnreachableServerIsAConnectionErrorNamingHostAndPort() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (JdbcDatastore nowhere =
                clickhouse.open("default", Map.of("host", "127.0.0.1", "port", String.valueOf(closed)), Map.of())) {
            assertThatThrownBy(() -> nowhere.query("SELECT 1"))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION))
                    .hasMessageContaining("127.0.0.1:" + closed);
            assertThat(nowhere.test().success()).isFalse();
        }
    }
}
