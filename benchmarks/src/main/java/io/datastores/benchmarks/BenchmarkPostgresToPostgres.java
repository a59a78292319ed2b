package io.datastores.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;

/** PostgreSQL → PostgreSQL: each contender copies the whole lineitem table; see {@link BaseScenario}. */
public class BenchmarkPostgresToPostgres extends BaseScenario {
    public BenchmarkPostgresToPostgres() {
        super(End.POSTGRES, End.POSTGRES);
    }

    /** Physical limit: the native client, through a file. */
    @Benchmark
    public void limitPsqlCopyTo() throws Exception {
        psqlCopyTo();
    }

    /** Physical limit: the native client, through a file. */
    @Benchmark
    public void limitPsqlCopyFrom() throws Exception {
        psqlCopyFrom();
    }

    /** Physical limit of a pipelined copy: {@code psql \\copy TO STDOUT | psql \\copy FROM STDIN}, binary. */
    @Benchmark
    public void limitPsqlPipe() throws Exception {
        psqlPipe();
    }
}
