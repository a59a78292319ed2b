package io.datastores.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.datastores.api.Capability;
import io.datastores.api.ColumnInfo;
import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.QueryResult;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.BoundStatement;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import io.datastores.api.spi.DatastoreProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite every SQL provider passes: discovery, query and execute semantics, bound parameters,
 * error codes (bad SQL, missing tables, bad credentials), introspection, connection tests,
 * lifecycle (idempotent, from many threads, after a failure), concurrency, secrets, and the bulk
 * capabilities both ways: a declared one round-trips and fails atomically, an undeclared one is
 * refused with the fixed message. A provider's test extends it in a few lines and supplies a fresh,
 * empty datastore; tables are created in its default schema.
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

    /**
     * @return a datastore of this provider whose credentials the server refuses, or empty for
     *     databases without credentials (the authentication test is then skipped, and says why)
     */
    protected Optional<Datastore> createDatastoreWithBadCredentials() {
        return Optional.empty();
    }

    /**
     * @return the secret (password) the datastore under test was configured with, or empty when it
     *     has none; the suite checks it never appears in a message or {@code toString()}
     */
    protected Optional<String> secret() {
        return Optional.empty();
    }

    /**
     * @return whether the database keeps -0.0, NaN and ±Infinity (the type zoo leaves them out
     *     when not)
     */
    protected boolean supportsFloatSpecials() {
        return true;
    }

    /**
     * @return whether the database stores dates from year 1000 to 9999 (the type zoo uses 1900-01-01
     *     and 2299-12-31 instead when not, ClickHouse's range)
     */
    protected boolean supportsExtremeDates() {
        return true;
    }

    /**
     * @return whether an UPDATE or DELETE reports the rows it changed (ClickHouse's lightweight
     *     UPDATE and DELETE report none; the suite then checks their effect only)
     */
    protected boolean countsRowsOfUpdates() {
        return true;
    }

    /**
     * @param kind a portable kind of column: {@code integer}, {@code text}, {@code decimal}
     * @return this database's name for it (defaults: {@code INTEGER}, {@code VARCHAR(200)},
     *     {@code DECIMAL(12, 2)})
     */
    protected String columnType(String kind) {
        return switch (kind) {
            case "integer" -> "INTEGER";
            case "text" -> "VARCHAR(200)";
            case "decimal" -> "DECIMAL(12, 2)";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /**
     * @return what the suite appends to each {@code CREATE TABLE} it writes in plain SQL, for
     *     databases whose defaults differ from the SQL standard's (ClickHouse needs table settings for
     *     UPDATE and for nullable key columns); empty by default
     */
    protected String tableOptions() {
        return "";
    }

    /**
     * @return whether the database refuses a second row with the same primary key; ClickHouse, for
     *     one, keeps both (its primary key orders and indexes, it does not constrain)
     */
    protected boolean enforcesPrimaryKeys() {
        return true;
    }

    /**
     * @return what the suite appends to the {@code CREATE TABLE} of the table it upserts into;
     *     {@link #tableOptions()} by default (ClickHouse upserts only into a ReplacingMergeTree)
     */
    protected String upsertTableOptions() {
        return tableOptions();
    }

    private void createTable(String ddl) {
        datastore.execute(ddl + tableOptions());
    }

    @BeforeEach
    void openDatastore() {
        datastore = createDatastore(workDir);
    }

    @AfterEach
    void closeDatastore() {
        // Null when createDatastore skipped the test (no server): the skip must stay a skip.
        if (datastore != null) {
            datastore.close();
        }
    }

    @Test
    void declaresSql() {
        assertThat(datastore.capabilities()).contains(Capability.SQL);
        assertThat(datastore.isConnected()).as("a new datastore must not connect by itself").isFalse();
    }

    @Test
    void queryReturnsColumnsAndRowsInOrder() {
        createTable("CREATE TABLE people (id INTEGER PRIMARY KEY, name VARCHAR(100), age INTEGER)");
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
        createTable("CREATE TABLE counters (id INTEGER, n INTEGER)");
        for (int i = 0; i < 5; i++) {
            assertThat(datastore.execute("INSERT INTO counters VALUES (?, ?)", i, i * 10)).isEqualTo(1);
        }
        long updated = datastore.execute("UPDATE counters SET n = n + 1 WHERE id < ?", 3);
        long deleted = datastore.execute("DELETE FROM counters WHERE n > ?", 30);
        if (countsRowsOfUpdates()) {
            assertThat(updated).isEqualTo(3);
            assertThat(deleted).isEqualTo(1);
        }
        assertThat(((Number) datastore.query("SELECT sum(n) AS s FROM counters").scalar()).intValue())
                .as("0+1, 10+1, 20+1 and 30 kept; 40 deleted").isEqualTo(63);
        assertThat(((Number) datastore.query("SELECT count(*) AS c FROM counters").scalar()).intValue()).isEqualTo(4);
    }

    @Test
    void parametersAreBoundNeverSpliced() {
        createTable("CREATE TABLE notes (body VARCHAR(200))");
        String hostile = "x'); DROP TABLE notes; -- \" ? '' \\";
        datastore.execute("INSERT INTO notes VALUES (?)", hostile);

        assertThat(datastore.query("SELECT body FROM notes WHERE body = ?", hostile).scalar()).isEqualTo(hostile);
    }

    @Test
    void hostileIdentifiersAreTakenLiterally() {
        String table = "we\"ird ta_ble select";
        String column = "col \"with\" quotes";
        createTable("CREATE TABLE " + quote(table) + " (" + quote(column) + " INTEGER)");
        createTable("CREATE TABLE " + quote("weXird ta_ble select") + " (other INTEGER)");

        TableInfo info = datastore.describe(TableRef.of(table));

        assertThat(info.columns()).extracting(ColumnInfo::name).containsExactly(column);
        assertThat(datastore.tables(null)).extracting(TableRef::name).contains(table, "weXird ta_ble select");
    }

    @Test
    void describeReportsColumnsNullabilityAndPrimaryKeyOrder() {
        createTable("CREATE TABLE orders (region VARCHAR(10) NOT NULL, id INTEGER NOT NULL, "
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
        createTable("CREATE TABLE keyed (id INTEGER PRIMARY KEY)");
        datastore.execute("INSERT INTO keyed VALUES (1)");
        if (!enforcesPrimaryKeys()) {
            datastore.execute("INSERT INTO keyed VALUES (1)");
            assertThat(((Number) datastore.query("SELECT count(*) AS c FROM keyed WHERE id = 1").scalar()).intValue())
                    .as("a database that declares it does not enforce primary keys keeps both rows").isEqualTo(2);
            return;
        }
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
        createTable("CREATE TABLE hits (thread INTEGER, n INTEGER)");
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

    @Test
    void providerIsFoundByServiceLoaderWithTheSameCapabilities() {
        List<DatastoreProvider> matching = ServiceLoader.load(DatastoreProvider.class, getClass().getClassLoader())
                .stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.type().equals(datastore.type()))
                .toList();
        assertThat(matching).as("providers of type %s in META-INF/services", datastore.type()).hasSize(1);
        assertThat(matching.get(0).capabilities()).isEqualTo(datastore.capabilities());
        assertThat(matching.get(0).category()).isNotNull();
    }

    @Test
    void badCredentialsAreAuthenticationErrorsWithoutTheSecret() {
        Optional<Datastore> refused = createDatastoreWithBadCredentials();
        assumeTrue(refused.isPresent(), "this provider's database has no credentials to refuse");
        try (Datastore bad = refused.get()) {
            assertThatThrownBy(bad::connect)
                    .isInstanceOfSatisfying(DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION));
            ConnectionTest test = bad.test();
            assertThat(test.success()).isFalse();
            assertThat(test.error()).isNotBlank();
            assertThat(bad.isConnected()).isFalse();
        }
    }

    @Test
    void secretsNeverAppearInMessagesOrToString() {
        assumeTrue(secret().isPresent() && !secret().get().isEmpty(), "this datastore is configured without a secret");
        String secret = secret().get();
        assertThat(datastore.toString()).doesNotContain(secret);
        Throwable failure = catchThrowable(() -> datastore.query("SELECT * FROM " + quote("missing " + secret)));
        assertThat(failure).isInstanceOf(DatastoreException.class);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
        }
    }

    @Test
    void aFailedConnectLeavesTheDatastoreUsable() {
        Optional<Datastore> refused = createDatastoreWithBadCredentials();
        assumeTrue(refused.isPresent(), "this provider's database has no credentials to refuse");
        try (Datastore bad = refused.get()) {
            assertThatThrownBy(bad::connect).isInstanceOf(DatastoreException.class);
            assertThatThrownBy(bad::connect).as("a second attempt fails the same way, not with a stale state")
                    .isInstanceOfSatisfying(DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION));
            bad.close();
        }
        assertThat(datastore.test().success()).isTrue();
    }

    @Test
    void bulkWriteThenReadRoundTrips() throws Exception {
        assumeTrue(datastore.supports(Capability.BULK_READ) && datastore.supports(Capability.BULK_WRITE),
                "declares neither BULK_READ nor BULK_WRITE (checked both ways elsewhere)");
        createBulkTable("bulk_round_trip", false);
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader rows = TckBatches.reader(allocator, 0, 250, 100)) {
            WriteResult result = datastore.bulkWriter().write(WriteRequest.append(TableRef.of("bulk_round_trip")), rows);
            assertThat(result.rows()).isEqualTo(250);
        }
        try (BufferAllocator allocator = new RootAllocator()) {
            List<List<Object>> back = TckBatches.rows(datastore.bulkReader().read(ReadRequest.query(
                    "SELECT id, name, amount FROM " + quote("bulk_round_trip") + " ORDER BY id").withBatchSize(64), allocator));
            assertThat(back).isEqualTo(TckBatches.expected(0, 250));
        }
    }

    @Test
    void aBulkWriteThatFailsHalfWayLeavesTheTableAsItWas() throws Exception {
        assumeTrue(datastore.supports(Capability.BULK_WRITE), "does not declare BULK_WRITE (checked both ways elsewhere)");
        if (!datastore.supports(Capability.TRANSACTIONS)) {
            aBulkWriteThatFailsHalfWayKeepsWholeBatchesOnly();
            return;
        }
        createBulkTable("bulk_atomic", true);
        datastore.execute("INSERT INTO " + quote("bulk_atomic") + " (id, name, amount) VALUES (?, ?, ?)", 150, "kept", null);
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader rows = TckBatches.reader(allocator, 0, 300, 100)) {
            // Row 150 collides with the primary key in the second batch.
            assertThatThrownBy(() -> datastore.bulkWriter().write(WriteRequest.append(TableRef.of("bulk_atomic")), rows))
                    .isInstanceOf(DatastoreException.class);
        }
        assertThat(datastore.query("SELECT id, name FROM " + quote("bulk_atomic")).rows())
                .extracting(row -> ((Number) row.get("id")).intValue() + ":" + row.get("name")).containsExactly("150:kept");
    }

    @Test
    void statementsBeforeCommitCommitWithTheRowsOrNotAtAll() throws Exception {
        assumeTrue(datastore.supports(Capability.BULK_WRITE), "does not declare BULK_WRITE (checked both ways elsewhere)");
        createBulkTable("bulk_rows", true);
        createBulkTable("bulk_state", true);
        // The state row's id is fixed, so a second write's statement collides with the first's.
        LongFunction<List<BoundStatement>> state = rows -> List.of(BoundStatement.of("INSERT INTO " + quote("bulk_state")
                + " (id, name, amount) VALUES (?, ?, ?)", 1, "rows=" + rows, null));
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader first = TckBatches.reader(allocator, 0, 120, 50);
                ArrowReader second = TckBatches.reader(allocator, 120, 200, 50)) {
            WriteRequest request = WriteRequest.append(TableRef.of("bulk_rows")).withBeforeCommit(state);
            if (!datastore.supports(Capability.TRANSACTIONS)) {
                assertThatThrownBy(() -> datastore.bulkWriter().write(request, first))
                        .isInstanceOfSatisfying(DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
                return;
            }
            datastore.bulkWriter().write(request, first);
            assertThatThrownBy(() -> datastore.bulkWriter().write(request, second)).isInstanceOf(DatastoreException.class);
        }
        assertThat(((Number) datastore.query("SELECT count(*) AS n FROM " + quote("bulk_rows")).scalar()).intValue())
                .as("rows of the write whose statement failed are rolled back").isEqualTo(120);
        assertThat(datastore.query("SELECT id, name FROM " + quote("bulk_state")).rows())
                .extracting(row -> ((Number) row.get("id")).intValue() + ":" + row.get("name")).containsExactly("1:rows=120");
    }

    @Test
    void upsertIsHonouredBothWays() throws Exception {
        assumeTrue(datastore.supports(Capability.BULK_WRITE), "does not declare BULK_WRITE (checked both ways elsewhere)");
        datastore.execute("CREATE TABLE " + quote("bulk_upsert") + " (id " + columnType("integer") + " NOT NULL, name "
                + columnType("text") + ", amount " + columnType("decimal") + ", PRIMARY KEY (id))" + upsertTableOptions());
        WriteRequest upsert = new WriteRequest(TableRef.of("bulk_upsert"), WriteMode.UPSERT, List.of("id"));
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader first = TckBatches.reader(allocator, 0, 10, 10);
                ArrowReader again = TckBatches.reader(allocator, 5, 15, 10)) {
            if (!datastore.supports(Capability.UPSERT)) {
                assertThatThrownBy(() -> datastore.bulkWriter().write(upsert, first))
                        .hasMessage("Datastore '" + datastore.name() + "' (" + datastore.type() + ") does not support UPSERT");
                return;
            }
            datastore.bulkWriter().write(upsert, first);
            datastore.bulkWriter().write(upsert, again);
        }
        assertThat(((Number) datastore.query("SELECT count(*) AS n FROM " + quote("bulk_upsert")).scalar()).intValue())
                .isEqualTo(15);
    }

    @Test
    void typeZooRoundTripsExceptForTheLossesItsColumnTypesName() throws Exception {
        Optional<TableCreator> creator = datastore.feature(TableCreator.class);
        assumeTrue(datastore.supports(Capability.BULK_READ) && datastore.supports(Capability.BULK_WRITE)
                && creator.isPresent(), "needs BULK_READ, BULK_WRITE and a TableCreator (checked both ways elsewhere)");
        Map<String, List<String>> losses = new HashMap<>();
        List<TableCreator.ColumnDefinition> columns = new ArrayList<>();
        for (Field field : TckZoo.SCHEMA.getFields()) {
            TableCreator.TargetType type = creator.get().columnType(field)
                    .orElseThrow(() -> new AssertionError("no column type for " + field));
            losses.put(field.getName(), type.losses());
            columns.add(new TableCreator.ColumnDefinition(field.getName(), type.ddl(), field.isNullable()));
        }
        creator.get().createTable(TableRef.of("type_zoo"), columns, List.of("id"));
        List<List<Object>> expected;
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot zoo = TckZoo.create(allocator, supportsFloatSpecials(), supportsExtremeDates());
                ArrowReader source = TckZoo.reader(allocator, zoo)) {
            expected = TckZoo.rows(zoo);
            datastore.bulkWriter().write(WriteRequest.append(TableRef.of("type_zoo")), source);
        }
        List<List<Object>> actual;
        try (BufferAllocator allocator = new RootAllocator()) {
            actual = TckZoo.rows(datastore.bulkReader().read(ReadRequest.query("SELECT * FROM " + quote("type_zoo")
                    + " ORDER BY " + quote("id")), allocator));
        }
        assertThat(actual).hasSameSizeAs(expected);
        List<Field> fields = TckZoo.SCHEMA.getFields();
        for (int row = 0; row < expected.size(); row++) {
            for (int column = 0; column < fields.size(); column++) {
                String name = fields.get(column).getName();
                Object want = expected.get(row).get(column);
                for (String loss : losses.get(name)) {
                    UnaryOperator<Object> effect = TckZoo.LOSSES.entrySet().stream()
                            .filter(e -> loss.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst()
                            .orElseThrow(() -> new AssertionError("the kit does not know the loss '" + loss + "' of "
                                    + name + "; name it after one of " + TckZoo.LOSSES.keySet()));
                    want = want == null ? null : effect.apply(want);
                }
                assertThat(actual.get(row).get(column)).as("row %d, column %s (declared losses: %s)", row, name,
                        losses.get(name)).isEqualTo(want);
            }
        }
    }

    @Test
    void anAddedColumnIsNullForTheRowsAlreadyThere() {
        Optional<TableCreator> creator = datastore.feature(TableCreator.class);
        assumeTrue(creator.isPresent(), "needs a TableCreator");
        createBulkTable("grows", false);
        datastore.execute("INSERT INTO " + quote("grows") + " (id, name) VALUES (1, 'before')");
        Field email = new Field("e mail", FieldType.nullable(new ArrowType.Utf8()), null);
        String type = creator.get().columnType(email).orElseThrow().ddl();
        try {
            creator.get().addColumn(TableRef.of("grows"), new TableCreator.ColumnDefinition("e mail", type, true));
        } catch (DatastoreException e) {
            assumeTrue(e.code() != ErrorCode.UNSUPPORTED, "this datastore's tables cannot gain columns: " + e.getMessage());
            throw e;
        }
        datastore.execute("INSERT INTO " + quote("grows") + " (id, name, " + quote("e mail") + ") VALUES (2, 'after', 'a@b')");

        assertThat(datastore.describe(TableRef.of("grows")).column("e mail")).hasValueSatisfying(c ->
                assertThat(c.nullable()).isTrue());
        assertThat(datastore.query("SELECT id, " + quote("e mail") + " AS email FROM " + quote("grows") + " ORDER BY id")
                .rows()).extracting(row -> row.get("email")).containsExactly(null, "a@b");
    }

    /**
     * Without transactions a write cannot be undone, so the promise is per batch: the batches before
     * the failing one are stored whole, nothing of the failing batch is, and nothing after it is sent.
     * The second batch breaks a CHECK constraint on row 150.
     */
    private void aBulkWriteThatFailsHalfWayKeepsWholeBatchesOnly() throws Exception {
        createTable("CREATE TABLE " + quote("bulk_atomic") + " (id " + columnType("integer") + " NOT NULL, name "
                + columnType("text") + ", amount " + columnType("decimal") + ", CONSTRAINT no_150 CHECK (id <> 150))");
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader rows = TckBatches.reader(allocator, 0, 300, 100)) {
            assertThatThrownBy(() -> datastore.bulkWriter().write(WriteRequest.append(TableRef.of("bulk_atomic")), rows))
                    .isInstanceOf(DatastoreException.class);
        }
        assertThat(datastore.query("SELECT id FROM " + quote("bulk_atomic") + " ORDER BY id").rows())
                .extracting(row -> ((Number) row.get("id")).intValue())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).boxed().toList());
    }

    private void createBulkTable(String table, boolean primaryKey) {
        createTable("CREATE TABLE " + quote(table) + " (id " + columnType("integer") + " NOT NULL, name "
                + columnType("text") + ", amount " + columnType("decimal") + (primaryKey ? ", PRIMARY KEY (id)" : "") + ")");
    }
}
