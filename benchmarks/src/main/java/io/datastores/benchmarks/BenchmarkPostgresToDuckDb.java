package io.datastores.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;

/** PostgreSQL → DuckDB: each contender copies the whole lineitem table; see {@link BaseScenario}. */
public class BenchmarkPostgresToDuckDb extends BaseScenario {
    public BenchmarkPostgresToDuckDb() {
        super(End.POSTGRES, End.DUCKDB);
    }

    /** Physical limit: the native client, through a file. */
    @Benchmark
    public void limitPsqlCopyTo() throws Exception {
        psqlCopyTo();
    }

    /** Physical limit: the native client, through a file. */
    @Benchmark
    public void limitDuckDbReadCsv() throws Exception {
        duckDbReadCsv();
    }
}
