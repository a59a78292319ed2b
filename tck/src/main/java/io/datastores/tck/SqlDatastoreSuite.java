package io.datastores.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Capability;
import io.datastores.api.ColumnInfo;
import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.QueryResult;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite every SQL provider passes: query and execute semantics, bound parameters, error
 * codes, introspection, connection tests, lifecycle and concurrency. A provider's test extends it
 * and supplies a fresh, empty datastore; tables are created in its default schema.
 */
public abstract class SqlDatastoreSuite {
    /** Threads that share one datastore in the concurrency test. */
    protected static final int THREADS = 32;

    @TempDir
    private Path workDir;

    /** The datastore under test, fresh for each test and closed after it. */
    protected Datastore datastore;

    /**
     * @param workDir an empty folder the datastore may keep files in
     * @return a new, unconnected, empty datastore that declares {@link Capability#SQL}
     */
    protected abstract Datastore createDatastore(Path workDir);

    /**
     * @param identifier a name
     * @return the name quoted for this database (double quotes by default)
     */
    protected String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @BeforeEach
    void openDatastore() {
        datastore = createDatastore(workDir);
    }

    @AfterEach
    void closeDatastore() {
        datastore.close();
    }

    @Test
    void declaresSql() {
        assertThat(datastore.capabilities()).contains(Capability.SQL);
        assertThat(datastore.isConnected()).as("a new datastore must not connect by itself").isFalse();
    }

    @Test
    void queryReturnsColumnsAndRowsInOrder() {
        datastore.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name VARCHAR(100), age INTEGER)");
        datastore.execute("INSERT INTO people (id, name, age) VALUES (?, ?, ?)", 1, "Ada", 36);
        datastore.execute("INSERT INTO people (id, name, age) VALUES (?, ?, ?)", 2, "Grace", null);

        QueryResult result = datastore.query("SELECT age, name, id FROM people ORDER BY id");

        assertThat(result.columns()).containsExactly("age", "name", "id");
        assertThat(result.rowCount()).isEqualTo(2);
        assertThat(result.rows()).hasSize(2);
        assertThat(result.rows().get(0).keySet()).containsExactly("age", "name", "id");
        assertThat(result.rows().get(0).get("name")).isEqualTo("Ada");
        assertThat(((Number) result.rows().get(0).get("age")).intValue()).isEqualTo(36);
        assertThat(result.rows().get(1).get("age")).isNull();
        assertThat(result.executionMillis()).isGreaterThanOrEqualTo(0);
        assertThat(datastore.isConnected()).isTrue();
    }

    @Test
    void executeReturnsRowsAffected() {
        datastore.execute("CREATE TABLE counters (id INTEGER, n INTEGER)");
        for (int i = 0; i < 5; i++) {
            assertThat(datastore.execute("INSERT INTO counters VALUES (?, ?)", i, i * 10)).isEqualTo(1);
        }
        assertThat(datastore.execute("UPDATE counters SET n = n + 1 WHERE id < ?", 3)).isEqualTo(3);
        assertThat(datastore.execute("DELETE FROM counters WHERE n > ?", 30)).isEqualTo(1);
        assertThat(((Number) datastore.query("SELECT count(*) AS c FROM counters").scalar()).intValue()).isEqualTo(4);
    }

    @Test
    void parametersAreBoundNeverSpliced() {
        datastore.execute("CREATE TABLE notes (body VARCHAR(200))");
        String hostile = "x'); DROP TABLE notes; -- \" ? '' \\";
        datastore.execute("INSERT INTO notes VALUES (?)", hostile);

        assertThat(datastore.query("SELECT body FROM notes WHERE body = ?", hostile).scalar()).isEqualTo(hostile);
    }

    @Test
    void hostileIdentifiersAreTakenLiterally() {
        String table = "we\"ird ta_ble select";
        String column = "col \"with\" quotes";
        datastore.execute("CREATE TABLE " + quote(table) + " (" + quote(column) + " INTEGER)");
        datastore.execute("CREATE TABLE " + quote("weXird ta_ble select") + " (other INTEGER)");

        TableInfo info = datastore.describe(TableRef.of(table));

        assertThat(info.columns()).extracting(ColumnInfo::name).containsExactly(column);
        assertThat(datastore.tables(null)).extracting(TableRef::name).contains(table, "weXird ta_ble select");
    }

    @Test
    void describeReportsColumnsNullabilityAndPrimaryKeyOrder() {
        datastore.execute("CREATE TABLE orders (region VARCHAR(10) NOT NULL, id INTEGER NOT NULL, "
                + "total DECIMAL(12, 2), note VARCHAR(50), PRIMARY KEY (id, region))");

        TableInfo info = datastore.describe(TableRef.of("orders"));

        assertThat(info.columns()).extracting(ColumnInfo::name).containsExactly("region", "id", "total", "note");
        assertThat(info.column("id").orElseThrow().nullable()).isFalse();
        assertThat(info.column("note").orElseThrow().nullable()).isTrue();
        assertThat(info.column("total").orElseThrow().typeName()).isNotBlank();
        assertThat(info.primaryKey()).containsExactly("id", "region");
        assertThat(datastore.tables(null)).extracting(TableRef::name).contains("orders");
        assertThat(datastore.schemas()).isNotEmpty();
    }

    @Test
    void missingTableIsNotFound() {
        assertThatThrownBy(() -> datastore.describe(TableRef.of("no_such_table")))
                .isInstanceOfSatisfying(DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("no_such_table");
        assertThatThrownBy(() -> datastore.query("SELECT * FROM no_such_table"))
                .isInstanceOfSatisfying(DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("no_such_table")
                .hasMessageStartingWith("[" + datastore.name() + "/" + datastore.type() + "]");
    }

    @Test
    void badSqlIsInvalidData() {
        assertThatThrownBy(() -> datastore.execute("CREATE TABLEE oops (id INTEGER)"))
                .isInstanceOfSatisfying(DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA));
    }

    @Test
    void duplicateKeyIsIntegrity() {
        datastore.execute("CREATE TABLE keyed (id INTEGER PRIMARY KEY)");
        datastore.execute("INSERT INTO keyed VALUES (1)");
        assertThatThrownBy(() -> datastore.execute("INSERT INTO keyed VALUES (1)"))
                .isInstanceOfSatisfying(DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY));
    }

    @Test
    void connectionTestReportsVersionAndLatency() {
        ConnectionTest test = datastore.test();

        assertThat(test.success()).as("error: %s", test.error()).isTrue();
        assertThat(test.serverVersion()).isNotBlank();
        assertThat(test.responseMillis()).isGreaterThanOrEqualTo(0);
        assertThat(test.connectedAt()).isNotNull();
        assertThat(test.error()).isNull();
    }

    @Test
    void connectAndCloseAreIdempotentAndReconnect() {
        datastore.connect();
        datastore.connect();
        assertThat(datastore.isConnected()).isTrue();
        datastore.close();
        datastore.close();
        assertThat(datastore.isConnected()).isFalse();
        assertThat(((Number) datastore.query("SELECT 1 AS one").scalar()).intValue()).isEqualTo(1);
        assertThat(datastore.isConnected()).isTrue();
    }

    @Test
    void connectFromManyThreadsAtOnceCreatesOnePool() throws Exception {
        List<Future<?>> calls = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int i = 0; i < THREADS; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    datastore.connect();
                    return datastore.query("SELECT 1 AS one").scalar();
                }));
            }
            start.countDown();
            for (Future<?> call : calls) {
                assertThat(((Number) call.get(60, TimeUnit.SECONDS)).intValue()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(datastore.isConnected()).isTrue();
    }

    @Test
    void threadsShareOneDatastore() throws Exception {
        datastore.execute("CREATE TABLE hits (thread INTEGER, n INTEGER)");
        int perThread = 20;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                calls.add(pool.submit(() -> {
                    for (int n = 0; n < perThread; n++) {
                        datastore.execute("INSERT INTO hits VALUES (?, ?)", thread, n);
                    }
                    return ((Number) datastore.query("SELECT count(*) AS c FROM hits WHERE thread = ?", thread)
                            .scalar()).intValue();
                }));
            }
            for (Future<Integer> call : calls) {
                assertThat(call.get(120, TimeUnit.SECONDS)).isEqualTo(perThread);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(((Number) datastore.query("SELECT count(*) AS c FROM hits").scalar()).intValue())
                .isEqualTo(THREADS * perThread);
    }

    @Test
    void bulkCapabilitiesAreHonouredBothWays() {
        if (datastore.supports(Capability.BULK_READ)) {
            assertThat(datastore.bulkReader()).isNotNull();
        } else {
            assertThatThrownBy(datastore::bulkReader)
                    .isInstanceOfSatisfying(DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                    .hasMessage("Datastore '" + datastore.name() + "' (" + datastore.type() + ") does not support BULK_READ");
        }
        if (datastore.supports(Capability.BULK_WRITE)) {
            assertThat(datastore.bulkWriter()).isNotNull();
        } else {
            assertThatThrownBy(datastore::bulkWriter)
                    .isInstanceOfSatisfying(DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                    .hasMessage("Datastore '" + datastore.name() + "' (" + datastore.type() + ") does not support BULK_WRITE");
        }
    }
}
