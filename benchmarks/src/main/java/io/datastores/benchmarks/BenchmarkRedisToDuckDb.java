package io.datastores.benchmarks;

import io.datastores.api.TableRef;
import io.datastores.core.Datastores;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Redis → DuckDB: the lineitem rows, copied once per trial from PostgreSQL into the Redis table
 * {@code lineitem} (untimed), read by the SDK's copy into DuckDB beside the loop people write with the
 * same drivers: {@code SCAN MATCH … TYPE hash}, a pipelined {@code HGETALL} per page, each field parsed to
 * its column's type and appended with DuckDB's appender. Each iteration starts from an empty DuckDB table
 * and checks its row count.
 */
@State(Scope.Benchmark)
public class BenchmarkRedisToDuckDb {
    private static final String DDL = "CREATE TABLE lineitem (l_orderkey BIGINT, l_partkey BIGINT, l_suppkey BIGINT, "
            + "l_linenumber INTEGER, l_quantity DECIMAL(15,2), l_extendedprice DECIMAL(15,2), l_discount DECIMAL(15,2), "
            + "l_tax DECIMAL(15,2), l_returnflag VARCHAR, l_linestatus VARCHAR, l_shipdate DATE, l_commitdate DATE, "
            + "l_receiptdate DATE, l_shipinstruct VARCHAR, l_shipmode VARCHAR, l_comment VARCHAR)";
    private static final String[] COLUMNS = {
        "l_orderkey",
        "l_partkey",
        "l_suppkey",
        "l_linenumber",
        "l_quantity",
        "l_extendedprice",
        "l_discount",
        "l_tax",
        "l_returnflag",
        "l_linestatus",
        "l_shipdate",
        "l_commitdate",
        "l_receiptdate",
        "l_shipinstruct",
        "l_shipmode",
        "l_comment"
    };
    private final BenchmarkEnvironment env = new BenchmarkEnvironment();
    private long cpuAtStart;
    private String method;

    @Setup(Level.Trial)
    public void fillRedis() {
        try (RedisClient redis = BenchmarkPostgresToRedis.client()) {
            BenchmarkPostgresToRedis.clear(redis);
        }
        try (Datastores datastores = SdkEndpoints.open(env)) {
            datastores
                    .copy("pg", TableRef.of("bench", "lineitem"), "cache", TableRef.of("lineitem"))
                    .run();
        }
    }

    @TearDown(Level.Trial)
    public void emptyRedis(BenchmarkParams params) {
        env.recordPeakRss(params.getBenchmark(), BenchmarkEnvironment.selfPeakRssKb(), "jvm");
        try (RedisClient redis = BenchmarkPostgresToRedis.client()) {
            BenchmarkPostgresToRedis.clear(redis);
        }
    }

    @Setup(Level.Iteration)
    public void emptyTarget(BenchmarkParams params) throws Exception {
        method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        try (Connection duck = BenchmarkEnvironment.duckDb(env.targetDuckDb(), false)) {
            BenchmarkEnvironment.execute(duck, "DROP TABLE IF EXISTS lineitem");
            if (method.equals("handWritten")) {
                BenchmarkEnvironment.execute(duck, DDL);
            }
        }
        cpuAtStart = CpuTime.selfNanos() + CpuTime.postgresNanos();
    }

    @TearDown(Level.Iteration)
    public void checkRows(BenchmarkParams params) throws Exception {
        env.recordCpu(params.getBenchmark(), CpuTime.selfNanos() + CpuTime.postgresNanos() - cpuAtStart);
        try (Connection duck = BenchmarkEnvironment.duckDb(env.targetDuckDb(), false)) {
            long rows = BenchmarkEnvironment.count(duck, "lineitem");
            if (rows != env.rows) {
                throw new IllegalStateException(method + " left " + rows + " rows, expected " + env.rows);
            }
        }
    }

    @Benchmark
    public void sdk() {
        try (Datastores datastores = SdkEndpoints.open(env)) {
            datastores
                    .copy("cache", TableRef.of("lineitem"), "duck_target", TableRef.of("lineitem"))
                    .batchSize(env.sdkBatchSize)
                    .run();
        }
    }

    @Benchmark
    public void handWritten() throws Exception {
        try (RedisClient redis = BenchmarkPostgresToRedis.client();
                DuckDBConnection duck = (DuckDBConnection) BenchmarkEnvironment.duckDb(env.targetDuckDb(), false);
                DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "lineitem")) {
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams scan = new ScanParams()
                    .match(BenchmarkPostgresToRedis.NAMESPACE + "lineitem:*")
                    .count(1_000);
            do {
                ScanResult<String> page = redis.scan(cursor, scan, "hash");
                List<Response<Map<String, String>>> rows =
                        new ArrayList<>(page.getResult().size());
                try (AbstractPipeline pipe = redis.pipelined()) {
                    page.getResult().forEach(key -> rows.add(pipe.hgetAll(key)));
                    pipe.sync();
                }
                for (Response<Map<String, String>> row : rows) {
                    append(appender, row.get());
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }

    private static void append(DuckDBAppender appender, Map<String, String> row) throws Exception {
        appender.beginRow();
        for (int i = 0; i < COLUMNS.length; i++) {
            String value = row.get(COLUMNS[i]);
            if (value == null) {
                appender.appendNull();
            } else if (i < 3) {
                appender.append(Long.parseLong(value));
            } else if (i == 3) {
                appender.append(Integer.parseInt(value));
            } else if (i < 8) {
                appender.append(new BigDecimal(value));
            } else if (i >= 10 && i < 13) {
                appender.append(LocalDate.parse(value));
            } else {
                appender.append(value);
            }
        }
        appender.endRow();
    }
}
