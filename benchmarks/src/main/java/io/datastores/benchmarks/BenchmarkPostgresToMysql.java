package io.datastores.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;

/** PostgreSQL → MySQL/MariaDB: each contender copies the whole lineitem table; see {@link BaseScenario}. */
public class BenchmarkPostgresToMysql extends BaseScenario {
    public BenchmarkPostgresToMysql() {
        super(End.POSTGRES, End.MYSQL);
    }

    /** Physical limit: the native client, through a file. */
    @Benchmark
    public void limitPsqlCopyTo() throws Exception {
        psqlCopyTo();
    }

    /** Physical limit: the native client, through a file. */
    @Benchmark
    public void limitMysqlLoadData() throws Exception {
        mysqlLoadData();
    }
}
