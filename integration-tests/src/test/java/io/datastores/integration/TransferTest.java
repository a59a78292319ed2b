package io.datastores.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.WriteMode;
import io.datastores.core.Datastores;
import io.datastores.core.RunningTransfer;
import io.datastores.core.Transfer;
import io.datastores.core.TransferPlan;
import io.datastores.core.TransferProgress;
import io.datastores.core.TransferResult;
import io.datastores.jdbc.TestingServers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transfer engine against a real PostgreSQL: two datastores, two schemas, real COPY paths. */
class TransferTest {
    private static final int ROWS = 50_000;

    private Datastores datastores;
    private Datastore source;
    private String from;
    private String to;

    @BeforeEach
    void setUp() {
        TestingServers.Server server = TestingServers.postgres();
        String connection = "{host: '" + server.host() + "', port: " + server.port() + ", user: '" + server.user()
                + "', password: '${PW}', database: '" + server.database() + "', max_pool_size: 4}";
        datastores = Datastores.fromYaml(
                "datastores:\n  src: {type: postgres, connection: " + connection + "}\n"
                        + "  dst: {type: postgresql, connection: " + connection + "}\n",
                Map.of("PW", server.password()));
        source = datastores.get("src");
        from = TestingServers.uniqueName("from");
        to = TestingServers.uniqueName("to");
        source.execute("CREATE SCHEMA \"" + from + "\"");
        source.execute("CREATE SCHEMA \"" + to + "\"");
        source.execute("CREATE TABLE \"" + from + "\".orders (id bigint PRIMARY KEY, customer text NOT NULL, "
                + "amount numeric(12, 2), placed timestamptz, doc jsonb, note varchar(40))");
        source.execute(
                "INSERT INTO \"" + from + "\".orders SELECT i, 'customer ' || (i % 97), (i * 1.25)::numeric(12, 2), "
                        + "timestamptz '2024-01-01 00:00:00.123456+00' + i * interval '1 minute', "
                        + "jsonb_build_object('i', i), CASE WHEN i % 10 = 0 THEN NULL ELSE 'n' || i END "
                        + "FROM generate_series(1, " + ROWS + ") i");
    }

    @AfterEach
    void tearDown() {
        try {
            source.execute("DROP SCHEMA IF EXISTS \"" + from + "\" CASCADE");
            source.execute("DROP SCHEMA IF EXISTS \"" + to + "\" CASCADE");
        } finally {
            datastores.close();
        }
    }

    private Transfer copy() {
        return datastores
                .copy("src", TableRef.of(from, "orders"), "dst", TableRef.of(to, "orders"))
                .batchSize(8_192);
    }

    private String fingerprint(String schema) {
        return String.valueOf(source.query("SELECT count(*) || ':' || md5(string_agg(id || '|' || customer || '|' "
                        + "|| coalesce(amount::text, '-') || '|' || coalesce(placed::text, '-') || '|' || coalesce(doc::text, '-') "
                        + "|| '|' || coalesce(note, '-'), ',' ORDER BY id)) FROM \"" + schema + "\".orders")
                .scalar());
    }

    @Test
    void copiesIntoANewTableExactlyWithProgress() {
        List<TransferProgress> reports = new CopyOnWriteArrayList<>();

        TransferResult result = copy().onProgress(reports::add).run();

        assertThat(result.rows()).isEqualTo(ROWS);
        assertThat(result.batches()).isGreaterThanOrEqualTo(ROWS / 8_192);
        assertThat(fingerprint(to)).isEqualTo(fingerprint(from));
        assertThat(result.plan().createsTable()).isTrue();
        assertThat(reports).isNotEmpty();
        assertThat(reports.get(reports.size() - 1).rows()).isEqualTo(ROWS);
        assertThat(reports).extracting(TransferProgress::rows).isSorted();
        assertThat(datastores.get("dst").describe(TableRef.of(to, "orders")).columns())
                .extracting(c -> c.name() + " " + c.typeName())
                .containsExactly(
                        "id int8", "customer text", "amount numeric", "placed timestamptz", "doc jsonb", "note text");
    }

    @Test
    void planNamesEveryColumnAndLossWithoutMovingRows() {
        // Unconstrained numeric has no scale an Arrow decimal could take: it travels as its exact text.
        source.execute("ALTER TABLE \"" + from + "\".orders ADD COLUMN total numeric");
        TransferPlan plan = copy().columnType("note", "varchar(40)").plan();

        assertThat(plan.columns())
                .extracting(TransferPlan.ColumnPlan::name)
                .containsExactly("id", "customer", "amount", "placed", "doc", "note", "total");
        assertThat(plan.columns().get(4).sourceType()).isEqualTo("jsonb");
        assertThat(plan.columns().get(4).targetType()).as("jsonb stays jsonb").isEqualTo("JSONB");
        assertThat(plan.losses()).containsExactly("total: numeric arrives as text");
        assertThat(plan.columns().get(5).overridden()).isTrue();
        assertThat(plan.describe())
                .contains("table will be created")
                .contains("numeric arrives as text")
                .contains("varchar(40) (override)");
        assertThatThrownBy(() -> datastores.get("dst").describe(TableRef.of(to, "orders")))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void aDescriptionTheCallerGivesSparesThePlanTheCatalogAndMustBeOfTheTargetTable() {
        copy().run();
        Datastore target = datastores.get("dst");
        TableInfo described = target.describe(TableRef.of(to, "orders"));
        source.execute("ALTER TABLE \"" + to + "\".orders RENAME COLUMN note TO remark");

        assertThat(copy().targetDescribed(Optional.of(described)).plan().describe())
                .as("the given description is trusted")
                .contains("note")
                .doesNotContain("table will be created");
        assertThatThrownBy(() -> copy().plan())
                .as("the catalog, asked, knows better")
                .isInstanceOfSatisfying(
                        DatastoreException.class,
                        e -> assertThat(e.getMessage()).contains("no column 'note'"));
        assertThat(copy().targetDescribed(Optional.empty()).plan().createsTable())
                .isTrue();
        TableInfo other = new TableInfo(TableRef.of(to, "other"), described.columns(), List.of());
        assertThatThrownBy(() -> copy().targetDescribed(Optional.of(other)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other");
    }

    @Test
    void appendOverwriteAndUpsert() {
        copy().run();
        copy().run();
        assertThat(count(to)).isEqualTo(2L * ROWS);

        copy().mode(WriteMode.OVERWRITE).run();
        assertThat(fingerprint(to)).isEqualTo(fingerprint(from));

        source.execute("UPDATE \"" + from + "\".orders SET customer = 'changed' WHERE id <= 10");
        source.execute("INSERT INTO \"" + from + "\".orders (id, customer) VALUES (" + (ROWS + 1) + ", 'new')");
        source.execute("ALTER TABLE \"" + to + "\".orders ADD PRIMARY KEY (id)");
        copy().mode(WriteMode.UPSERT).key("id").run();
        assertThat(fingerprint(to)).isEqualTo(fingerprint(from));
    }

    @Test
    void upsertIntoAMissingTableCreatesItWithThatPrimaryKey() {
        copy().mode(WriteMode.UPSERT).key("id").run();
        copy().mode(WriteMode.UPSERT).key("id").run();
        assertThat(count(to)).isEqualTo(ROWS);
        assertThat(datastores.get("dst").describe(TableRef.of(to, "orders")).primaryKey())
                .containsExactly("id");
    }

    @Test
    void aSourceThatFailsHalfWayLeavesTheTargetAsItWas() {
        source.execute("CREATE TABLE \"" + to + "\".orders (id bigint, customer text)");
        source.execute("INSERT INTO \"" + to + "\".orders VALUES (1, 'kept')");
        Transfer failing = datastores
                .copyQuery(
                        "src",
                        "SELECT i::bigint AS id, (100 / (i - 30000))::text AS customer "
                                + "FROM generate_series(1, 60000) i",
                        List.of(),
                        "dst",
                        TableRef.of(to, "orders"))
                .batchSize(4_096);

        assertThatThrownBy(failing::run)
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                .hasMessageContaining("division by zero")
                .satisfies(e -> assertThat(e.getSuppressed())
                        .extracting(Throwable::getMessage)
                        .noneMatch(m -> m.contains("leaked")));
        assertThat(source.query("SELECT id || ':' || customer FROM \"" + to + "\".orders")
                        .rows())
                .extracting(row -> row.values().iterator().next())
                .containsExactly("1:kept");
    }

    @Test
    void cancellingRollsTheTargetBack() {
        source.execute("CREATE TABLE \"" + to + "\".orders (LIKE \"" + from + "\".orders)");
        RunningTransfer[] running = new RunningTransfer[1];
        running[0] = copy().batchSize(1_000)
                .onProgress(p -> {
                    if (p.batches() == 3) {
                        running[0].cancel();
                    }
                })
                .start();

        assertThatThrownBy(running[0]::await)
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED))
                .satisfies(e -> assertThat(e.getSuppressed())
                        .as("nothing leaked or failed while stopping")
                        .isEmpty());
        assertThat(running[0].isDone()).isTrue();
        assertThat(count(to)).isZero();
    }

    @Test
    void aTooSmallMemoryLimitFailsWithTheKnobsToTurn() {
        assertThatThrownBy(() -> copy().batchSize(65_536).memoryLimit(64 * 1024).run())
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining("memory limit")
                .hasMessageContaining("lower batchSize");
    }

    @Test
    void upsertNeedsAKeyThatTheSourceHas() {
        assertThatThrownBy(() -> copy().mode(WriteMode.UPSERT).run())
                .hasMessageContaining("An upsert needs key columns");
        assertThatThrownBy(() -> copy().mode(WriteMode.UPSERT).key("nope").run())
                .hasMessageContaining("Key column 'nope' is not among the source's columns");
    }

    @Test
    void aParallelCopyIsExactAndStaysAllOrNothing() {
        TransferResult result = copy().parallelism(4).run();

        assertThat(result.rows()).isEqualTo(ROWS);
        assertThat(fingerprint(to)).isEqualTo(fingerprint(from));

        source.execute("TRUNCATE \"" + to + "\".orders");
        source.execute("ALTER TABLE \"" + to + "\".orders ADD PRIMARY KEY (id)");
        source.execute("INSERT INTO \"" + to + "\".orders (id, customer) VALUES (" + (ROWS - 7) + ", 'kept')");
        assertThatThrownBy(() -> copy().parallelism(3).run())
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY));
        assertThat(source.query("SELECT id || ':' || customer FROM \"" + to + "\".orders")
                        .rows())
                .extracting(row -> row.values().iterator().next())
                .containsExactly((ROWS - 7) + ":kept");
    }

    @Test
    void aParallelCopyIntoDuckDbReadsEveryRowOnce(@TempDir Path dir) {
        try (Datastores lake = Datastores.fromYaml("datastores:\n  lake: {type: duckdb, connection: {database: '"
                + dir.resolve("lake.duckdb") + "'}}\n")) {
            TransferResult result = Transfer.of(
                            source,
                            io.datastores.api.bulk.ReadRequest.table(TableRef.of(from, "orders")),
                            lake.get("lake"),
                            TableRef.of("orders"))
                    .parallelism(2)
                    .batchSize(4_096)
                    .run();

            assertThat(result.rows()).isEqualTo(ROWS);
            assertThat(lake.get("lake")
                            .query("SELECT count(DISTINCT id) || ':' || sum(id) || ':' || sum(amount) " + "FROM orders")
                            .scalar())
                    .isEqualTo(source.query("SELECT count(*) || ':' || sum(id) || ':' || sum(amount) " + "FROM \""
                                    + from + "\".orders")
                            .scalar());
        }
    }

    private long count(String schema) {
        return ((Number) source.query("SELECT count(*) FROM \"" + schema + "\".orders")
                        .scalar())
                .longValue();
    }
}
