package io.datastores.benchmarks;

import io.datastores.api.TableRef;
import io.datastores.core.Datastores;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One source → target scenario. Every benchmark method is one whole copy (single shot, seconds per
 * copy). Before each iteration, outside the timing, the target is dropped and, for every method
 * but the SDK's (which creates its own), created again empty; connections are opened. After
 * each iteration the target's row count is checked, so a copy that loses rows fails the run.
 *
 * <p>Method names are the contract with {@link RunScenarios}: {@code sdk}, {@code arrowJdbc},
 * {@code handWritten}, and {@code limit*} for the native clients.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx256m"})
public abstract class BaseScenario {
    /** Where a scenario's rows come from or go. */
    enum End {
        POSTGRES,
        MYSQL,
        DUCKDB,
        CLICKHOUSE
    }

    protected final BenchmarkEnvironment env = new BenchmarkEnvironment();
    private final End sourceEnd;
    private final End targetEnd;
    protected String method;
    protected Connection source;
    protected Connection target;
    protected Datastores datastores;
    private long cpuAtStart;

    protected BaseScenario(End sourceEnd, End targetEnd) {
        this.sourceEnd = sourceEnd;
        this.targetEnd = targetEnd;
    }

    @Setup(Level.Iteration)
    public void setUpIteration(BenchmarkParams params) throws Exception {
        String benchmark = params.getBenchmark();
        method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        Files.createDirectories(env.dir.resolve("scratch"));
        boolean sourceSideLimit = method.equals("limitPsqlCopyTo") || method.equals("limitMysqlSelect");
        if (!sourceSideLimit) {
            freshTarget(!method.startsWith("sdk"));
        }
        if (method.startsWith("sdk")) {
            datastores = SdkEndpoints.open(env);
        } else if (!method.startsWith("limit")) {
            source = open(sourceEnd, false, true);
            if (target == null) {
                target = open(targetEnd, true, false);
            }
        }
        cpuAtStart = CpuTime.selfNanos() + CpuTime.postgresNanos();
    }

    @TearDown(Level.Iteration)
    public void tearDownIteration(BenchmarkParams params) throws Exception {
        closeAll();
        // After closing, so the backends that served this copy have been counted.
        env.recordCpu(params.getBenchmark(), CpuTime.selfNanos() + CpuTime.postgresNanos() - cpuAtStart);
        long expected = expectedRows();
        if (expected >= 0) {
            long copied;
            try (Connection check = open(targetEnd, false, false)) {
                copied = BenchmarkEnvironment.count(check, targetTable());
            }
            if (copied != expected) {
                throw new IllegalStateException(
                        method + " left " + copied + " rows in the target, expected " + expected);
            }
        }
    }

    @TearDown(Level.Trial)
    public void recordPeakRss(BenchmarkParams params) {
        // DuckDB's read_csv runs inside this JVM; the other limits are separate client processes.
        if (method.startsWith("limit") && !method.equals("limitDuckDbReadCsv")) {
            env.recordPeakRss(params.getBenchmark(), NativeTools.peakRssKb(), "client");
        } else {
            env.recordPeakRss(params.getBenchmark(), BenchmarkEnvironment.selfPeakRssKb(), "jvm");
        }
    }

    /** @return rows the target must hold after this method, or -1 when the target is a file */
    protected long expectedRows() {
        if (method.equals("limitPsqlCopyTo") || method.equals("limitMysqlSelect")) {
            return -1;
        }
        return handWrittenRows();
    }

    protected long handWrittenRows() {
        if (method.equals("handWritten") && targetEnd == End.DUCKDB) {
            return Math.min(env.rows, env.duckDbBaselineRows);
        }
        return env.rows;
    }

    protected String sourceTable() {
        return switch (sourceEnd) {
            case POSTGRES -> BenchmarkEnvironment.PG_SOURCE;
            case MYSQL -> BenchmarkEnvironment.MYSQL_SOURCE;
            case DUCKDB -> BenchmarkEnvironment.DUCKDB_TABLE;
            case CLICKHOUSE -> throw new UnsupportedOperationException("ClickHouse is only a target here");
        };
    }

    protected String targetTable() {
        return switch (targetEnd) {
            case POSTGRES -> BenchmarkEnvironment.PG_TARGET;
            case MYSQL -> BenchmarkEnvironment.MYSQL_TARGET;
            case DUCKDB -> BenchmarkEnvironment.DUCKDB_TABLE;
            case CLICKHOUSE -> BenchmarkEnvironment.CLICKHOUSE_TARGET;
        };
    }

    protected int sourceFetchSize() {
        // Connector/J streams row by row only with this sentinel; otherwise it buffers the whole result.
        return sourceEnd == End.MYSQL ? Integer.MIN_VALUE : BenchmarkEnvironment.FETCH_SIZE;
    }

    // ---- the contenders every scenario runs (JMH runs inherited benchmark methods in each subclass) ----

    /** The SDK: {@code datastores.copy(...)} through the two providers' bulk paths. */
    @Benchmark
    public long sdk() {
        return datastores
                .copy(
                        sdkName(sourceEnd, true),
                        sdkTable(sourceEnd, true),
                        sdkName(targetEnd, false),
                        sdkTable(targetEnd, false))
                .batchSize(env.sdkBatchSize)
                .run()
                .rows();
    }

    /** The SDK's copy reading two partitions at once (PostgreSQL: page ranges on one snapshot). */
    @Benchmark
    public long sdkParallel2() {
        return datastores
                .copy(
                        sdkName(sourceEnd, true),
                        sdkTable(sourceEnd, true),
                        sdkName(targetEnd, false),
                        sdkTable(targetEnd, false))
                .batchSize(env.sdkBatchSize)
                .parallelism(2)
                .run()
                .rows();
    }

    /**
     * arrow-jdbc {@code JdbcToArrow} plus the best writer for the target: DuckDB's Arrow import,
     * client-v2's ArrowStream insert for ClickHouse, else the generic JDBC batch writer.
     */
    @Benchmark
    public long arrowJdbc() throws Exception {
        String select = Lineitem.select(sourceTable(), 0);
        if (targetEnd == End.DUCKDB) {
            return ArrowJdbc.toDuckDb(source, select, sourceFetchSize(), target, targetTable());
        }
        if (targetEnd == End.CLICKHOUSE) {
            return ArrowJdbc.toClickHouse(source, select, sourceFetchSize(), target, targetTable());
        }
        return ArrowJdbc.toJdbc(source, select, sourceFetchSize(), target, Lineitem.insert(targetTable()));
    }

    /** ResultSet loop into PreparedStatement {@code addBatch}, with the driver's rewrite flag where it has one. */
    @Benchmark
    public long handWritten() throws SQLException {
        long limit = targetEnd == End.DUCKDB ? handWrittenRows() : 0;
        return HandWritten.copy(
                source,
                Lineitem.select(sourceTable(), limit),
                sourceFetchSize(),
                target,
                Lineitem.insert(targetTable()));
    }

    /** The datastore names {@link SdkEndpoints} declares: DuckDB has one file to read and one to write. */
    private static String sdkName(End end, boolean reading) {
        return switch (end) {
            case POSTGRES -> "pg";
            case MYSQL -> "mysql";
            case DUCKDB -> reading ? "duck_source" : "duck_target";
            case CLICKHOUSE -> "ch";
        };
    }

    private static TableRef sdkTable(End end, boolean reading) {
        return switch (end) {
            case POSTGRES -> TableRef.of("bench", reading ? "lineitem" : "lineitem_copy");
            case MYSQL -> TableRef.of(reading ? "lineitem" : "lineitem_copy");
            case DUCKDB -> TableRef.of("lineitem");
            case CLICKHOUSE -> TableRef.of(BenchmarkEnvironment.CLICKHOUSE_TARGET);
        };
    }

    protected void psqlCopyTo() {
        NativeTools.psql("\\copy " + BenchmarkEnvironment.PG_SOURCE + " TO '" + env.scratch("lineitem.bin")
                + "' (FORMAT binary)");
    }

    protected void psqlCopyFrom() {
        NativeTools.psql(
                "\\copy " + BenchmarkEnvironment.PG_TARGET + " FROM '" + env.binaryFile() + "' (FORMAT binary)");
    }

    protected void psqlPipe() {
        NativeTools.psqlPipe(
                "\\copy " + BenchmarkEnvironment.PG_SOURCE + " TO STDOUT (FORMAT binary)",
                "\\copy " + BenchmarkEnvironment.PG_TARGET + " FROM STDIN (FORMAT binary)");
    }

    protected void mysqlLoadData() {
        NativeTools.mysql(
                "LOAD DATA LOCAL INFILE '" + env.csvFile() + "' INTO TABLE " + BenchmarkEnvironment.MYSQL_TARGET
                        + " FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\\n'");
    }

    protected void mysqlSelect() {
        NativeTools.mysqlSelect(Lineitem.select(BenchmarkEnvironment.MYSQL_SOURCE, 0), env.scratch("lineitem.tsv"));
    }

    protected void duckDbReadCsv() throws SQLException {
        BenchmarkEnvironment.execute(
                target,
                "INSERT INTO " + BenchmarkEnvironment.DUCKDB_TABLE + " SELECT * FROM read_csv('" + env.csvFile()
                        + "', header = false, auto_detect = false, columns = " + Lineitem.duckDbCsvColumns() + ")");
    }

    // ---- plumbing ----

    private void freshTarget(boolean create) throws SQLException {
        if (targetEnd == End.DUCKDB) {
            BenchmarkEnvironment.deleteDuckDb(env.targetDuckDb());
            if (create) {
                target = open(End.DUCKDB, false, false);
                BenchmarkEnvironment.execute(target, Lineitem.createTable(targetTable()));
            }
            return;
        }
        try (Connection connection = open(targetEnd, false, false)) {
            BenchmarkEnvironment.execute(connection, "DROP TABLE IF EXISTS " + targetTable());
            if (create) {
                BenchmarkEnvironment.execute(connection, Lineitem.createTable(targetTable()));
            }
        }
    }

    private Connection open(End end, boolean rewriteBatches, boolean asSource) throws SQLException {
        return switch (end) {
            case POSTGRES -> BenchmarkEnvironment.postgres(rewriteBatches);
            case MYSQL -> BenchmarkEnvironment.mysql(rewriteBatches);
            case DUCKDB ->
                asSource
                        ? BenchmarkEnvironment.duckDb(env.sourceDuckDb(), true)
                        : BenchmarkEnvironment.duckDb(env.targetDuckDb(), false);
            case CLICKHOUSE -> BenchmarkEnvironment.clickHouse();
        };
    }

    private void closeAll() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {source, target, datastores}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        source = null;
        target = null;
        datastores = null;
    }
}
