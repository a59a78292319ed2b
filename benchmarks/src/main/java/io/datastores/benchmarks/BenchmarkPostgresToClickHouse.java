package io.datastores.benchmarks;

import io.datastores.api.TableRef;
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

    /** The SDK: COPY BINARY out of PostgreSQL, one FORMAT ArrowStream insert per batch into ClickHouse. */
    @Benchmark
    public long sdk() {
        return sdkCopy("pg", TableRef.of("bench", "lineitem"), "ch", TableRef.of(BenchmarkEnvironment.CLICKHOUSE_TARGET));
    }

    /** client-v2 by hand in the same format: arrow-jdbc batches streamed as one ArrowStream insert. */
    @Benchmark
    public long arrowJdbc() throws Exception {
        return arrowJdbcCopy();
    }

    /** ResultSet loop into clickhouse-jdbc {@code addBatch}. */
    @Benchmark
    public long handWritten() throws Exception {
        return handWrittenCopy();
    }

    /** Physical limit of the source: the native client, through a file. */
    @Benchmark
    public void limitPsqlCopyTo() throws Exception {
        psqlCopyTo();
    }
}
