package io.datastores.benchmarks;

import io.datastores.api.TableRef;
import org.openjdk.jmh.annotations.Benchmark;

/** MySQL/MariaDB → PostgreSQL: each contender copies the whole lineitem table; see {@link BaseScenario}. */
public class BenchmarkMysqlToPostgres extends BaseScenario {
    public BenchmarkMysqlToPostgres() {
        super(End.MYSQL, End.POSTGRES);
    }

    /** The SDK: {@code datastores.copy("mysql", …, "pg", …)} through the providers' bulk paths. */
    @Benchmark
    public long sdk() {
        return sdkCopy("mysql", TableRef.of("lineitem"), "pg", TableRef.of("bench", "lineitem_copy"));
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
    public void limitMysqlSelect() throws Exception {
        mysqlSelect();
    }

    /** Physical limit: the native client, through a file. */
    @Benchmark
    public void limitPsqlCopyFrom() throws Exception {
        psqlCopyFrom();
    }
}
