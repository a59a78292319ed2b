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
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What goes wrong between the SDK and a real sqld: 429 storms, a server gone mid-write, limits, values JSON cannot carry. */
class TursoFaultsTest {
    private String token;
    private Datastore direct;

    @BeforeEach
    void open() {
        token = TestingSqlHttp.tursoToken();
        direct = TestingSqlHttp.open("turso", TestingSqlHttp.turso(token));
        TestingSqlHttp.empty(direct);
    }

    @AfterEach
    void close() {
        TestingSqlHttp.empty(direct);
        direct.close();
    }

    private Datastore through(FaultyProxy proxy, String maxRetries) {
        return TestingSqlHttp.open("turso", Map.of("url", proxy.url(), "token", token, "max_retries", maxRetries));
    }

    @Test
    void aStormOf429IsWaitedOutWithRetryAfter() throws Exception {
        try (FaultyProxy proxy = new FaultyProxy(TestingSqlHttp.tursoUrl());
                Datastore datastore = through(proxy, "5")) {
            datastore.execute("CREATE TABLE t (n INTEGER)");
            proxy.refuseNext(4, "0");
            assertThat(datastore.execute("INSERT INTO t VALUES (?)", 7)).isEqualTo(1);
            assertThat(proxy.refused.get()).isEqualTo(4);
            assertThat(((Number) direct.query("SELECT n FROM t").scalar()).intValue())
                    .isEqualTo(7);
        }
    }

    @Test
    void aStormLongerThanTheRetriesIsATimeoutNamingTheHostAndTheKnob() throws Exception {
        try (FaultyProxy proxy = new FaultyProxy(TestingSqlHttp.tursoUrl());
                Datastore datastore = through(proxy, "2")) {
            datastore.connect();
            proxy.refuseNext(100, "0");
            assertThatThrownBy(() -> datastore.query("SELECT 1"))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT))
                    .hasMessageContaining("127.0.0.1:")
                    .hasMessageContaining("HTTP 429")
                    .hasMessageContaining("max_retries")
                    .hasMessageNotContaining(token);
            assertThat(proxy.refused.get()).isEqualTo(3);
        }
    }

    @Test
    void aServerGoneMidWriteIsAConnectionErrorAndCommitsNothing() throws Exception {
        direct.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, c1 REAL)");
        try (FaultyProxy proxy = new FaultyProxy(TestingSqlHttp.tursoUrl());
                Datastore datastore = through(proxy, "0");
                BufferAllocator allocator = new RootAllocator();
                ArrowReader rows = rows(allocator, 2, 100, 10)) {
            datastore.describe(TableRef.of("t"));
            proxy.goAwayAfter(4);
            assertThatThrownBy(() -> datastore.bulkWriter().write(WriteRequest.append(TableRef.of("t")), rows))
                    .isInstanceOfSatisfying(DatastoreException.class, e -> {
                        assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.CONNECTION);
                        assertThat(e.getMessage()).contains("127.0.0.1:");
                    });
        }
        assertThat(((Number) direct.query("SELECT count(*) FROM t").scalar()).intValue())
                .as("the stream's transaction never committed")
                .isZero();
    }

    @Test
    void aBatchOverTheParameterLimitIsSplitIntoStatementsThatFit() throws Exception {
        int columns = 40;
        StringBuilder ddl = new StringBuilder("CREATE TABLE wide (id INTEGER PRIMARY KEY");
        for (int c = 1; c < columns; c++) {
            ddl.append(", c").append(c).append(" REAL");
        }
        direct.execute(ddl.append(')').toString());
        // 1,000 rows × 40 columns = 40,000 values, over sqld's 32,766 bound parameters a statement.
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader rows = rows(allocator, columns, 1000, 1)) {
            assertThat(direct.bulkWriter()
                            .write(WriteRequest.append(TableRef.of("wide")), rows)
                            .rows())
                    .isEqualTo(1000);
        }
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader back =
                        direct.bulkReader().read(ReadRequest.query("SELECT sum(id), sum(c39) FROM wide"), allocator)) {
            assertThat(back.loadNextBatch()).isTrue();
            assertThat(((BigIntVector) back.getVectorSchemaRoot().getVector(0)).get(0))
                    .isEqualTo(999L * 1000 / 2);
            assertThat(((Float8Vector) back.getVectorSchemaRoot().getVector(1)).get(0))
                    .isEqualTo(999.0 * 1000 / 2 * 39);
        }
    }

    @Test
    void aNanIsRefusedByColumnBeforeAnythingCommits() throws Exception {
        direct.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, c1 REAL)");
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader rows = rows(allocator, 2, 10, 1)) {
            rows.loadNextBatch();
            VectorSchemaRoot batch = rows.getVectorSchemaRoot();
            ((Float8Vector) batch.getVector(1)).set(5, Double.NaN);
            try (ArrowReader withNan = TestingArrow.reader(allocator, batch)) {
                assertThatThrownBy(() -> direct.bulkWriter().write(WriteRequest.append(TableRef.of("t")), withNan))
                        .isInstanceOfSatisfying(
                                DatastoreException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                        .hasMessageContaining("'c1'")
                        .hasMessageContaining("NaN");
            }
        }
        assertThat(((Number) direct.query("SELECT count(*) FROM t").scalar()).intValue())
                .isZero();
    }

    private static ArrowReader rows(BufferAllocator allocator, int columns, int perBatch, int batches) {
        return EnvelopeFaultsTest.rows(allocator, columns, perBatch, batches);
    }
}
