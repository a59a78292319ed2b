package io.datastores.benchmarks;

import io.datastores.api.TableRef;
import org.openjdk.jmh.annotations.Benchmark;

/** PostgreSQL → PostgreSQL: each contender copies the whole lineitem table; see {@link BaseScenario}. */
public class BenchmarkPostgresToPostgres extends BaseScenario {
    public BenchmarkPostgresToPostgres() {
        super(End.POSTGRES, End.POSTGRES);
    }

    /** The SDK: {@code datastores.copy("pg", …, "pg", …)} through the providers' bulk paths. */
    @Benchmark
    public long sdk() {
        return sdkCopy("pg", TableRef.of("bench", "lineitem"), "pg", TableRef.of("bench", "lineitem_copy"));
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
    public void limitPsqlCopyFrom() throws Exception {
        psqlCopyFrom();
    }

    /** Physical limit of a pipelined copy: {@code psql \\copy TO STDOUT | psql \\copy FROM STDIN}, binary. */
    @Benchmark
    public void limitPsqlPipe() throws Exception {
        psqlPipe();
    }
}
