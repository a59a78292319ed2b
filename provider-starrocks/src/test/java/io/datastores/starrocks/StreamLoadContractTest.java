package io.datastores.starrocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import io.datastores.api.spi.PoolSettings;
import io.datastores.jdbc.TestingArrow;
import io.datastores.jdbc.TestingBatches;
import io.datastores.jdbc.TestingServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Contract tests: the Stream Load client against {@link StreamLoadContractServer}, which answers
 * as StarRocks' documentation says (FE 307 to a BE, 100-continue, labels and their states,
 * filtered rows with an error log, the transaction interface) and stores the rows it parses. Table
 * metadata comes over SQL from the local MariaDB (the MySQL-protocol half); rows land in the
 * contract server's memory. None of this ran against a real StarRocks.
 */
@Tag("contract")
@DisplayName("Contract: Stream Load client against the documented protocol (not a real StarRocks)")
class StreamLoadContractTest {
    private static final Schema SHAPE = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(32, true)), null),
            new Field("value", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
    private static final String TRICKY = "漢字 \"quoted\" \\ tab\t newline\n café 😀";

    private TestingServers.Server mariadb;
    private Datastore admin;
    private String database;
    private MemoryContractStorage storage;
    private StreamLoadContractServer server;
    private BufferAllocator allocator;

    @BeforeEach
    void setUp() throws IOException {
        mariadb = TestingServers.mysql();
        admin = open(mariadb.database(), 1, Map.of());
        database = TestingServers.uniqueName("sr");
        admin.execute("CREATE DATABASE `" + database + "`");
        storage = new MemoryContractStorage();
        server = new StreamLoadContractServer(storage, mariadb.user(), mariadb.password());
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() throws IOException {
        server.close();
        admin.execute("DROP DATABASE `" + database + "`");
        admin.close();
        allocator.close();
    }

    private Datastore open(String inDatabase, int httpPort, Map<String, String> extra) {
        Map<String, String> connection = new HashMap<>(Map.of("http_port", String.valueOf(httpPort)));
        connection.putAll(extra);
        return new StarRocksDatastoreProvider()
                .open(mariadb.config(
                        TestingServers.uniqueName("sr"),
                        "starrocks",
                        withDatabase(connection, inDatabase),
                        new PoolSettings(0, 4, Duration.ofSeconds(5))));
    }

    private static Map<String, String> withDatabase(Map<String, String> connection, String database) {
        Map<String, String> all = new HashMap<>(connection);
        all.put("database", database);
        return all;
    }

    private Datastore starRocks(Map<String, String> extra) {
        return open(database, server.fePort(), extra);
    }

    /** The same table in MariaDB (for describe) and in the contract server (for loads). */
    private void table(String name, boolean valueNullable, List<String> primaryKey) {
        admin.execute("CREATE TABLE `" + database + "`.`" + name + "` (id INT NOT NULL, value VARCHAR(200)"
                + (primaryKey.isEmpty() ? "" : ", PRIMARY KEY (id)") + ")");
        Map<String, ContractStorage.Column> columns = new LinkedHashMap<>();
        columns.put("id", new ContractStorage.Column("INT", false));
        columns.put("value", new ContractStorage.Column("STRING", valueNullable));
        storage.create(database, name, columns, primaryKey);
    }

    private ArrowReader rows(int from, int to, int perBatch, int nullValueAt) {
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int start = from; start < to; start += perBatch) {
            int[] ids = IntStream.range(start, Math.min(to, start + perBatch)).toArray();
            String[] values = IntStream.of(ids)
                    .mapToObj(id -> id == nullValueAt ? null : id + " " + TRICKY)
                    .toArray(String[]::new);
            batches.add(TestingBatches.idValue(allocator, SHAPE, ids, values));
        }
        try {
            return TestingArrow.reader(allocator, batches.toArray(VectorSchemaRoot[]::new));
        } finally {
            batches.forEach(VectorSchemaRoot::close);
        }
    }

    private List<String> landed(String table) {
        return storage.rows(database, table).stream()
                .map(row -> row.get("id") + ":" + row.get("value"))
                .sorted()
                .toList();
    }

    private static List<String> expected(int from, int to, int nullValueAt) {
        return IntStream.range(from, to)
                .mapToObj(id -> id + ":" + (id == nullValueAt ? null : id + " " + TRICKY))
                .sorted()
                .toList();
    }

    private WriteResult write(Datastore datastore, String table, ArrowReader source, StreamLoadOptions options) {
        StarRocksStreamLoad load = datastore.feature(StarRocksStreamLoad.class).orElseThrow();
        return load.write(WriteRequest.append(TableRef.of(table)), source, options);
    }

    private StreamLoadOptions options(Datastore datastore) {
        return datastore.feature(StarRocksStreamLoad.class).orElseThrow().defaults();
    }

    @Test
    void eachBatchFollowsTheFeRedirectToABeWithCredentialsAndExpectContinue() throws Exception {
        table("t", true, List.of());
        try (Datastore starRocks = starRocks(Map.of());
                ArrowReader source = rows(0, 300, 100, -1)) {
            StreamLoadOptions options =
                    options(starRocks).withAtomic(false).withBatchBytes(1).withTransferId("copy_1");
            WriteResult result = write(starRocks, "t", source, options);
            assertThat(result.rows()).isEqualTo(300);
        }
        assertThat(landed("t")).isEqualTo(expected(0, 300, -1));
        String load = "PUT /api/" + database + "/t/_stream_load expect=100-continue";
        assertThat(server.requests())
                .containsExactly("FE " + load, "BE " + load, "FE " + load, "BE " + load, "FE " + load, "BE " + load);
        assertThat(List.of(
                        server.labelState(database, "copy_1_0"),
                        server.labelState(database, "copy_1_1"),
                        server.labelState(database, "copy_1_2")))
                .containsOnly("VISIBLE");
    }

    @Test
    void aLargeSourceTravelsInBoundedBatchesNeverAsOneBody() throws Exception {
        table("t", true, List.of());
        long batchBytes = 64 * 1024;
        try (Datastore starRocks = starRocks(Map.of("load_batch_bytes", String.valueOf(batchBytes)));
                ArrowReader source = rows(0, 20_000, 500, -1)) {
            WriteResult result = starRocks.bulkWriter().write(WriteRequest.append(TableRef.of("t")), source);
            assertThat(result.rows()).isEqualTo(20_000);
            // Each body is at most the batch size plus one Arrow batch (500 rows of ~70 bytes) past it.
            assertThat(server.largestBody()).isBetween(batchBytes, batchBytes + 500 * 100);
            assertThat(result.bytes()).isGreaterThan(10 * batchBytes);
        }
        assertThat(landed("t")).isEqualTo(expected(0, 20_000, -1));
        assertThat(server.requests())
                .filteredOn(r -> r.startsWith("BE PUT /api/transaction/load"))
                .hasSizeGreaterThan(10);
    }

    @Test
    void theDefaultWriteIsOneTransactionOfTheTransactionInterface() throws Exception {
        table("t", true, List.of());
        try (Datastore starRocks = starRocks(Map.of("load_batch_bytes", "1"));
                ArrowReader source = rows(0, 200, 100, 7)) {
            assertThat(starRocks
                            .bulkWriter()
                            .write(WriteRequest.append(TableRef.of("t")), source)
                            .rows())
                    .isEqualTo(200);
        }
        assertThat(landed("t")).isEqualTo(expected(0, 200, 7));
        assertThat(server.requests())
                .containsExactly(
                        "FE POST /api/transaction/begin",
                        "FE PUT /api/transaction/load expect=100-continue",
                        "BE PUT /api/transaction/load expect=100-continue",
                        "FE PUT /api/transaction/load expect=100-continue",
                        "BE PUT /api/transaction/load expect=100-continue",
                        "FE POST /api/transaction/prepare",
                        "FE POST /api/transaction/commit");
    }

    @Test
    void aBatchRetriedAfterALostReplyIsNotLoadedTwice() throws Exception {
        table("t", true, List.of());
        server.dropLoadReplies(1);
        try (Datastore starRocks = starRocks(Map.of());
                ArrowReader source = rows(0, 50, 50, -1)) {
            write(starRocks, "t", source, options(starRocks).withAtomic(false).withTransferId("retry_1"));
        }
        assertThat(landed("t")).isEqualTo(expected(0, 50, -1));
        assertThat(server.requests()).filteredOn(r -> r.startsWith("BE")).hasSize(2);
        assertThat(server.requests()).contains("FE GET /api/" + database + "/get_load_state");
        assertThat(server.labelState(database, "retry_1_0")).isEqualTo("VISIBLE");
    }

    @Test
    void anEmptySourceOpensNoTransaction() throws Exception {
        table("t", true, List.of());
        try (Datastore starRocks = starRocks(Map.of());
                VectorSchemaRoot none = TestingBatches.idValue(allocator, SHAPE, new int[0]);
                ArrowReader source = TestingArrow.reader(allocator, none)) {
            assertThat(write(starRocks, "t", source, options(starRocks)).rows()).isZero();
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aWriteRetriedUnderItsWriteIdAfterItsCommitLandedIsRefusedNotLoadedTwice() throws Exception {
        table("t", true, List.of());
        // The request's write id (a Spark partition's, the same for each attempt) is the transaction's label.
        WriteRequest request = WriteRequest.append(TableRef.of("t")).withWriteId("once");
        try (Datastore starRocks = starRocks(Map.of());
                ArrowReader source = rows(0, 10, 10, -1)) {
            starRocks.bulkWriter().write(request, source);
        }
        try (Datastore starRocks = starRocks(Map.of());
                ArrowReader again = rows(0, 10, 10, -1)) {
            assertThatThrownBy(() -> starRocks.bulkWriter().write(request, again))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY))
                    .hasMessageContaining("Transfer 'once' was already loaded");
        }
        assertThat(server.labelState(database, "once")).isEqualTo("VISIBLE");
        assertThat(landed("t")).isEqualTo(expected(0, 10, -1));
    }

    @Test
    void aLabelAlreadyVisibleIsTakenAsLoaded() throws Exception {
        table("t", true, List.of());
        server.setLabelState(database, "done_0", "VISIBLE");
        try (Datastore starRocks = starRocks(Map.of());
                ArrowReader source = rows(0, 10, 10, -1)) {
            write(starRocks, "t", source, options(starRocks).withAtomic(false).withTransferId("done"));
        }
        assertThat(landed("t")).isEmpty();
    }

    @Test
    void aLabelStuckInPrepareFailsClosed() throws Exception {
        table("t", true, List.of());
        server.setLabelState(database, "stuck_0", "PREPARE");
        try (Datastore starRocks = starRocks(Map.of());
                ArrowReader source = rows(0, 10, 10, -1)) {
            assertThatThrownBy(() -> write(
                            starRocks,
                            "t",
                            source,
                            options(starRocks).withAtomic(false).withTransferId("stuck")))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT))
                    .hasMessageContaining("'stuck_0' stayed in state PREPARE");
        }
        assertThat(landed("t")).isEmpty();
    }

    @Test
    void aFailedLoadInTheTransactionLeavesNoPartialBatch() throws Exception {
        table("t", false, List.of());
        // The second batch carries a NULL the contract table refuses: with max_filter_ratio 0 that load fails.
        try (Datastore starRocks = starRocks(Map.of());
                ArrowReader source = rows(0, 200, 100, 150)) {
            assertThatThrownBy(() -> write(
                            starRocks,
                            "t",
                            source,
                            options(starRocks).withBatchBytes(1).withTransferId("atomic_1")))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                    .hasMessageContaining("NULL in a NOT NULL column");
        }
        assertThat(landed("t")).isEmpty();
        assertThat(server.requests())
                .contains("FE POST /api/transaction/rollback")
                .doesNotContain("FE POST /api/transaction/commit");
        assertThat(server.labelState(database, "atomic_1")).isEqualTo("ABORTED");
    }

    @Test
    void filteredRowsFailTheWriteWithTheErrorLogUnlessAllowed() throws Exception {
        table("t", false, List.of());
        try (Datastore starRocks = starRocks(Map.of("load_max_filter_ratio", "0.5"));
                ArrowReader source = rows(0, 10, 10, 4)) {
            assertThatThrownBy(() ->
                            write(starRocks, "t", source, options(starRocks).withAtomic(false)))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                    .hasMessageContaining("StarRocks filtered 1 of 10 rows")
                    .hasMessageContaining(
                            "Error: Value 'null' is invalid for column 'value' (STRING): NULL in a NOT NULL column");
        }
        try (Datastore starRocks =
                        starRocks(Map.of("load_max_filter_ratio", "0.5", "load_allow_filtered_rows", "true"));
                ArrowReader source = rows(100, 110, 10, 104)) {
            write(starRocks, "t", source, options(starRocks));
        }
        assertThat(landed("t"))
                .filteredOn(row -> row.startsWith("10"))
                .hasSize(9)
                .noneMatch(row -> row.startsWith("104:"));
    }

    @Test
    void aLostCommitReplyIsSettledByTheLabelState() throws Exception {
        table("t", true, List.of());
        server.dropCommitReply();
        try (Datastore starRocks = starRocks(Map.of());
                ArrowReader source = rows(0, 20, 20, -1)) {
            write(starRocks, "t", source, options(starRocks).withTransferId("commit_1"));
        }
        assertThat(landed("t")).isEqualTo(expected(0, 20, -1));
        assertThat(server.requests())
                .endsWith("FE POST /api/transaction/commit", "FE GET /api/" + database + "/get_load_state");
    }

    @Test
    void anUpsertReplacesRowsByPrimaryKey() throws Exception {
        table("t", true, List.of("id"));
        WriteRequest upsert = new WriteRequest(TableRef.of("t"), WriteMode.UPSERT, List.of("id"));
        try (Datastore starRocks = starRocks(Map.of());
                ArrowReader first = rows(0, 10, 10, -1);
                ArrowReader again = rows(5, 15, 10, 7)) {
            starRocks.bulkWriter().write(upsert, first);
            starRocks.bulkWriter().write(upsert, again);
            WriteRequest wrongKey = new WriteRequest(TableRef.of("t"), WriteMode.UPSERT, List.of("value"));
            assertThatThrownBy(() -> starRocks.bulkWriter().write(wrongKey, rows(0, 1, 1, -1)))
                    .hasMessageContaining("upserts only into a PRIMARY KEY table keyed on the upsert key");
        }
        List<String> want = new ArrayList<>(expected(0, 5, -1));
        want.addAll(expected(5, 15, 7));
        assertThat(landed("t")).isEqualTo(want.stream().sorted().toList());
    }

    @Test
    void wrongCredentialsAreAnAuthenticationErrorNamingHostAndPort() throws Exception {
        table("t", true, List.of());
        try (StreamLoadContractServer strict = new StreamLoadContractServer(storage, "loader", "Other-Pa55");
                Datastore starRocks = open(database, strict.fePort(), Map.of());
                ArrowReader source = rows(0, 10, 10, -1)) {
            assertThatThrownBy(() -> starRocks.bulkWriter().write(WriteRequest.append(TableRef.of("t")), source))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION))
                    .hasMessageContaining("127.0.0.1:" + strict.fePort())
                    .hasMessageNotContaining("Other-Pa55");
        }
        assertThat(landed("t")).isEmpty();
    }

    @Test
    void anUnreachableFeIsAConnectionErrorNamingHostAndPort() throws Exception {
        table("t", true, List.of());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (Datastore starRocks = open(database, closedPort, Map.of());
                ArrowReader source = rows(0, 10, 10, -1)) {
            assertThatThrownBy(() -> starRocks.bulkWriter().write(WriteRequest.append(TableRef.of("t")), source))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION))
                    .hasMessageContaining("127.0.0.1:" + closedPort)
                    .hasMessageContaining("http_port");
        }
    }
}
