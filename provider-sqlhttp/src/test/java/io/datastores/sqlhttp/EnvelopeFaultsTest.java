package io.datastores.sqlhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.jdbc.TestingArrow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * D1 and StarbaseDB (the test worker) when things go wrong: 429 storms, the 100-parameter limit,
 * a server gone mid-write, and what JSON does to integers beyond 2^53.
 */
class EnvelopeFaultsTest {

    private static Map<String, String> connection(String type) {
        return type.equals("d1")
                ? TestingSqlHttp.d1(TestingSqlHttp.d1Token())
                : TestingSqlHttp.starbase(TestingSqlHttp.starbaseToken());
    }

    private static Datastore open(String type, Map<String, String> connection) {
        Datastore datastore = TestingSqlHttp.open(type, connection);
        TestingSqlHttp.empty(datastore);
        return datastore;
    }

    /** The same service through the proxy: its URL's host and port swapped for the proxy's. */
    private static Map<String, String> through(FaultyProxy proxy, Map<String, String> direct, String maxRetries) {
        Map<String, String> connection = new HashMap<>(direct);
        connection.put("url", direct.get("url").replace(TestingSqlHttp.workerUrl(), proxy.url()));
        connection.put("max_retries", maxRetries);
        return connection;
    }

    @ParameterizedTest
    @ValueSource(strings = {"d1", "starbasedb"})
    void aStormOf429IsWaitedOutWithRetryAfter(String type) throws Exception {
        Map<String, String> direct = connection(type);
        try (Datastore plain = open(type, direct);
                FaultyProxy proxy = new FaultyProxy(TestingSqlHttp.workerUrl());
                Datastore datastore = TestingSqlHttp.open(type, through(proxy, direct, "5"))) {
            plain.execute("CREATE TABLE t (n INTEGER)");
            datastore.connect();
            proxy.refuseNext(4, "0");
            assertThat(datastore.execute("INSERT INTO t VALUES (?)", 7)).isEqualTo(1);
            assertThat(proxy.refused.get()).isEqualTo(4);
            assertThat(((Number) plain.query("SELECT n FROM t").scalar()).intValue())
                    .isEqualTo(7);
            proxy.refuseNext(100, "0");
            assertThatThrownBy(() -> datastore.query("SELECT 1"))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT))
                    .hasMessageContaining("HTTP 429")
                    .hasMessageContaining("max_retries");
            TestingSqlHttp.empty(plain);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"d1", "starbasedb"})
    void aBatchOverTheParameterLimitIsSplitIntoStatementsThatFit(String type) throws Exception {
        try (Datastore datastore = open(type, connection(type))) {
            datastore.execute(wideTable("wide", 40));
            // 250 rows × 40 columns = 10,000 values, a hundred times the 100 bound parameters a statement.
            try (BufferAllocator allocator = new RootAllocator();
                    ArrowReader rows = rows(allocator, 40, 250, 1)) {
                assertThat(datastore
                                .bulkWriter()
                                .write(WriteRequest.append(TableRef.of("wide")), rows)
                                .rows())
                        .isEqualTo(250);
            }
            assertThat(((Number) datastore.query("SELECT sum(c39) FROM wide").scalar()).doubleValue())
                    .isEqualTo(249.0 * 250 / 2 * 39);
            // No wider table can exist: D1 and Durable Object SQLite allow 100 columns, as many as parameters.
            assertThatThrownBy(() -> datastore.execute(wideTable("wider", 101)))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                    .hasMessageContaining("too many columns");
            TestingSqlHttp.empty(datastore);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"d1", "starbasedb"})
    void aServerGoneMidWriteKeepsWholeBatchesOnly(String type) throws Exception {
        Map<String, String> direct = connection(type);
        try (Datastore plain = open(type, direct)) {
            plain.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, c1 REAL)");
            try (FaultyProxy proxy = new FaultyProxy(TestingSqlHttp.workerUrl());
                    Datastore datastore = TestingSqlHttp.open(type, through(proxy, direct, "0"));
                    BufferAllocator allocator = new RootAllocator();
                    ArrowReader rows = rows(allocator, 2, 100, 10)) {
                datastore.connect();
                // describe, create the stage, then per batch: 2 requests of rows (100 rows, 50 a statement… in one
                // request) and one move; gone in the middle of the fourth batch.
                proxy.goAwayAfter(2 + 3 * 2 + 1);
                assertThatThrownBy(() -> datastore.bulkWriter().write(WriteRequest.append(TableRef.of("t")), rows))
                        .isInstanceOfSatisfying(DatastoreException.class, e -> {
                            assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.CONNECTION);
                            assertThat(e.getMessage()).contains("127.0.0.1:");
                        });
            }
            int stored = ((Number) plain.query("SELECT count(*) FROM t").scalar()).intValue();
            assertThat(stored % 100)
                    .as("whole batches only, got %d rows", stored)
                    .isZero();
            assertThat(stored).isBetween(100, 900);
            assertThat(plain.tables(null))
                    .extracting(TableRef::name)
                    .as("the stage outlives a server that went away; its name says what it is")
                    .anyMatch(name -> name.startsWith("_datastores_stage_"));
            TestingSqlHttp.empty(plain);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"d1", "starbasedb"})
    void integersBeyond2To53AreRoundedByQueryButExactInBulkReads(String type) throws Exception {
        try (Datastore datastore = open(type, connection(type))) {
            datastore.execute("CREATE TABLE big (n BIGINT)");
            datastore.execute("INSERT INTO big VALUES (?)", 9_007_199_254_740_993L);
            assertThat(((Number) datastore.query("SELECT n FROM big").scalar()).longValue())
                    .as("JSON numbers are doubles: the loss README names")
                    .isEqualTo(9_007_199_254_740_992L);
            assertThat(datastore.query("SELECT CAST(n AS TEXT) AS t FROM big").scalar())
                    .isEqualTo("9007199254740993");
            try (BufferAllocator allocator = new RootAllocator();
                    ArrowReader back = datastore.bulkReader().read(ReadRequest.table(TableRef.of("big")), allocator)) {
                assertThat(back.loadNextBatch()).isTrue();
                assertThat(((BigIntVector) back.getVectorSchemaRoot().getVector(0)).get(0))
                        .isEqualTo(9_007_199_254_740_993L);
            }
            TestingSqlHttp.empty(datastore);
        }
    }

    private static String wideTable(String name, int columns) {
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + name + " (id INTEGER PRIMARY KEY");
        for (int c = 1; c < columns; c++) {
            ddl.append(", c").append(c).append(" REAL");
        }
        return ddl.append(')').toString();
    }

    /** {@code batches} batches of {@code perBatch} rows: id, then REAL columns c1… holding id × column. */
    static ArrowReader rows(BufferAllocator allocator, int columns, int perBatch, int batches) {
        List<Field> fields =
                new ArrayList<>(List.of(new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null)));
        for (int c = 1; c < columns; c++) {
            fields.add(new Field(
                    "c" + c, FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null));
        }
        List<VectorSchemaRoot> roots = new ArrayList<>();
        try {
            for (int b = 0; b < batches; b++) {
                VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
                roots.add(root);
                root.allocateNew();
                for (int r = 0; r < perBatch; r++) {
                    long id = (long) b * perBatch + r;
                    ((BigIntVector) root.getVector(0)).setSafe(r, id);
                    for (int c = 1; c < columns; c++) {
                        ((Float8Vector) root.getVector(c)).setSafe(r, id * c);
                    }
                }
                root.setRowCount(perBatch);
            }
            return TestingArrow.reader(allocator, roots.toArray(VectorSchemaRoot[]::new));
        } finally {
            roots.forEach(VectorSchemaRoot::close);
        }
    }
}
