package io.datastores.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;

/** DuckDB → PostgreSQL: each contender copies the whole lineitem table; see {@link BaseScenario}. */
public class BenchmarkDuckDbToPostgres extends BaseScenario {
    public BenchmarkDuckDbToPostgres() {
        super(End.DUCKDB, End.POSTGRES);
    }

    /** Physical limit: the native client, through a file. */
    @Benchmark
    public void limitPsqlCopyFrom() throws Exception {
        psqlCopyFrom();
    }
}
