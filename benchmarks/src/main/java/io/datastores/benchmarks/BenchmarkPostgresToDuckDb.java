package io.datastores.benchmarks;

import io.datastores.api.TableRef;
import org.openjdk.jmh.annotations.Benchmark;

/** PostgreSQL → DuckDB: each contender copies the whole lineitem table; see {@link BaseScenario}. */
public class BenchmarkPostgresToDuckDb extends BaseScenario {
    public BenchmarkPostgresToDuckDb() {
        super(End.POSTGRES, End.DUCKDB);
    }

    /** The SDK: {@code datastores.copy("pg", …, "duck_target", …)} through the providers' bulk paths. */
    @Benchmark
    public long sdk() {
        return sdkCopy("pg", TableRef.of("bench", "lineitem"), "duck_target", TableRef.of("lineitem"));
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
    public void limitDuckDbReadCsv() throws Exception {
        duckDbReadCsv();
    }
}
