package io.datastores.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * PostgreSQL → ClickHouse: each contender copies the whole lineitem table; see {@link BaseScenario}.
 * The target is the ClickHouse at {@link BenchmarkEnvironment#CLICKHOUSE}: by default chDB behind
 * the test shim, which writes every INSERT body to a temporary file first, so the numbers describe
 * that set-up, not a ClickHouse server.
 */
public class BenchmarkPostgresToClickHouse extends BaseScenario {
    public BenchmarkPostgresToClickHouse() {
        super(End.POSTGRES, End.CLICKHOUSE);
    }

    /** Physical limit of the source: the native client, through a file. */
    @Benchmark
    public void limitPsqlCopyTo() throws Exception {
        psqlCopyTo();
    }
}
