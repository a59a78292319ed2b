package io.datastores.benchmarks;

import io.datastores.api.TableRef;
import org.openjdk.jmh.annotations.Benchmark;

/** PostgreSQL → MySQL/MariaDB: each contender copies the whole lineitem table; see {@link BaseScenario}. */
public class BenchmarkPostgresToMysql extends BaseScenario {
    public BenchmarkPostgresToMysql() {
        super(End.POSTGRES, End.MYSQL);
    }

    /** The SDK: {@code datastores.copy("pg", …, "mysql", …)} through the providers' bulk paths. */
    @Benchmark
    public long sdk() {
        return sdkCopy("pg", TableRef.of("bench", "lineitem"), "mysql", TableRef.of("lineitem_copy"));
    }

    /** arrow-jdbc {@code JdbcToArrow} plus the best writer for the target. */
    @Benchmark
    public long arrowJdbc() throws Exception {
        return arrowJdbcCopy();
    }

    /** ResultSet loop into PreparedStatement {@code addBatch} with the driver's rewrite flag. */
    @Benchmark
    public long handWritten() throws Exception {
        return handWrittenCopy();
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
