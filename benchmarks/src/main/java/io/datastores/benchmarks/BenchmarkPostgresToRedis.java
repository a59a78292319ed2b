package io.datastores.benchmarks;

import io.datastores.api.TableRef;
import io.datastores.core.Datastores;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * PostgreSQL → Redis: the SDK's copy into the table {@code lineitem} of the datastore {@code cache} (hashes
 * {@code <BENCH_DB>:lineitem:<n>} in database {@value #DATABASE} of the local redis-server) beside the loop
 * people write with the same driver: a streaming ResultSet, each row's non-NULL columns as text into a
 * pipelined {@code HSET}, the pipeline synced every {@value #PIPELINE} rows. Not a JDBC target, so it does
 * not use {@link BaseScenario}; each iteration starts from an empty namespace and checks the key count.
 */
@State(Scope.Benchmark)
public class BenchmarkPostgresToRedis {
    static final int DATABASE = 12;
    static final String NAMESPACE = BenchmarkEnvironment.DATABASE + ":";
    private static final int PIPELINE = 1_000;
    private final BenchmarkEnvironment env = new BenchmarkEnvironment();
    private RedisClient redis;
    private long cpuAtStart;

    static RedisClient client() {
        return RedisClient.builder()
                .hostAndPort("127.0.0.1", 6379)
                .clientConfig(
                        DefaultJedisClientConfig.builder().database(DATABASE).build())
                .build();
    }

    @Setup(Level.Iteration)
    public void emptyNamespace() {
        redis = client();
        clear(redis);
        cpuAtStart = CpuTime.selfNanos() + CpuTime.postgresNanos();
    }

    @TearDown(Level.Iteration)
    public void checkRows(BenchmarkParams params) {
        env.recordCpu(params.getBenchmark(), CpuTime.selfNanos() + CpuTime.postgresNanos() - cpuAtStart);
        long rows = 0;
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams scan = new ScanParams().match(NAMESPACE + "lineitem:*").count(10_000);
        do {
            ScanResult<String> page = redis.scan(cursor, scan, "hash");
            rows += page.getResult().size();
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        clear(redis);
        redis.close();
        if (rows != env.rows) {
            throw new IllegalStateException(params.getBenchmark() + " left " + rows + " rows, expected " + env.rows);
        }
    }

    @TearDown(Level.Trial)
    public void recordPeakRss(BenchmarkParams params) {
        env.recordPeakRss(params.getBenchmark(), BenchmarkEnvironment.selfPeakRssKb(), "jvm");
    }

    @Benchmark
    public void sdk() {
        try (Datastores datastores = SdkEndpoints.open(env)) {
            datastores
                    .copy("pg", TableRef.of("bench", "lineitem"), "cache", TableRef.of("lineitem"))
                    .batchSize(env.sdkBatchSize)
                    .run();
        }
    }

    @Benchmark
    public void handWritten() throws Exception {
        try (Connection pg = BenchmarkEnvironment.postgres(false);
                RedisClient client = client()) {
            pg.setAutoCommit(false);
            try (Statement statement = pg.createStatement()) {
                statement.setFetchSize(BenchmarkEnvironment.FETCH_SIZE);
                try (ResultSet rs = statement.executeQuery("SELECT * FROM " + BenchmarkEnvironment.PG_SOURCE)) {
                    int columns = rs.getMetaData().getColumnCount();
                    String[] names = new String[columns + 1];
                    for (int i = 1; i <= columns; i++) {
                        names[i] = rs.getMetaData().getColumnLabel(i);
                    }
                    long row = 0;
                    AbstractPipeline pipe = client.pipelined();
                    while (rs.next()) {
                        Map<String, String> hash = new HashMap<>();
                        for (int i = 1; i <= columns; i++) {
                            String value = rs.getString(i);
                            if (value != null) {
                                hash.put(names[i], value);
                            }
                        }
                        pipe.hset(NAMESPACE + "lineitem:" + ++row, hash);
                        if (row % PIPELINE == 0) {
                            pipe.sync();
                        }
                    }
                    pipe.sync();
                    pipe.close();
                }
            }
        }
    }

    /** Deletes every key of this benchmark's namespace (the rows and the SDK's schema entry and sequence). */
    static void clear(RedisClient client) {
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams scan = new ScanParams().match(NAMESPACE + "*").count(10_000);
        do {
            ScanResult<String> page = client.scan(cursor, scan);
            if (!page.getResult().isEmpty()) {
                client.unlink(page.getResult().toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
}
