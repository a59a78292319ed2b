package io.datastores.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;

/** MySQL/MariaDB → PostgreSQL: each contender copies the whole lineitem table; see {@link BaseScenario}. */
public class BenchmarkMysqlToPostgres extends BaseScenario {
    public BenchmarkMysqlToPostgres() {
        super(End.MYSQL, End.POSTGRES);
    }

    /** Physical limit: the native client, through a file. */
    @Benchmark
    public void limitMysqlSelect() throws Exception {
        mysqlSelect();
    }

    /** Physical limit: the native client, through a file. */
    @Benchmark
    public void limitPsqlCopyFrom() throws Exception {
        psqlCopyFrom();
    }
}
