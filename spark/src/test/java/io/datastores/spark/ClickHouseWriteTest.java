package io.datastores.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;
import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.QueryResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Writes into ClickHouse (no transactions: each task inserts into the target directly, each batch
 * with an {@code insert_deduplication_token} scoped by the partition's write id), on the test
 * ClickHouse (the loopback chDB shim of provider-clickhouse/src/test/clickhouse/start.sh here), in
 * tables the connector creates (MergeTree with {@code non_replicated_deduplication_window}): two
 * partitions holding equal rows are both kept, and a task that fails once after some of its batches
 * landed, then is retried, leaves no duplicate.
 */
class ClickHouseWriteTest {
    private static final int ROWS = 10_000;
    private static final AtomicInteger FAILURES = new AtomicInteger();
    private static TestingSpark testing;

    @BeforeAll
    static void start() throws Exception {
        testing = new TestingSpark("spark_ch", true);
    }

    @AfterAll
    static void stop() throws Exception {
        // Null when no ClickHouse could be had: the tests were skipped, and nothing was made.
        if (testing != null) {
            testing.close();
        }
    }

    private static String table(String name) {
        return testing.chDatabase + "." + name;
    }

    private static List<Long> counts(String table) {
        QueryResult result = testing.ch()
                .query("SELECT count() AS n, uniqExact(id) AS ids, uniqExact(id, label) AS pairs FROM " + table(table));
        Map<String, Object> row = result.rows().get(0);
        return Stream.of("n", "ids", "pairs")
                .map(c -> ((Number) row.get(c)).longValue())
                .toList();
    }

    @Test
    void twoPartitionsHoldingEqualRowsAreBothKept() {
        // Partitions 0 and 1 hold the same 1,000 rows in the same order: byte-equal batches at equal positions.
        Dataset<Row> twice = testing.spark.range(0, 2000, 1, 2).selectExpr("id % 1000 AS id", "'same' AS label");
        testing.write(twice, "ch")
                .option("table", table("equal_parts"))
                .option("batchSize", 500)
                .mode("append")
                .save();
        assertThat(counts("equal_parts")).containsExactly(2000L, 1000L, 1000L);
    }

    @Test
    void theSameRowsWrittenByTwoJobsAreBothKept() {
        for (int job = 0; job < 2; job++) {
            testing.write(testing.spark.range(0, 1000, 1, 2).selectExpr("id", "'again' AS label"), "ch")
                    .option("table", table("two_jobs"))
                    .mode("append")
                    .save();
        }
        assertThat(counts("two_jobs")).containsExactly(2000L, 1000L, 1000L);
    }

    @Test
    void aTaskRetriedAfterItsFirstBatchesLandedLeavesNoDuplicate() {
        String table = table("retried");
        // The target exists before the job so that the failing attempt can watch its own rows land.
        testing.ch()
                .execute("CREATE TABLE " + table + " (id Int64, label String) ENGINE = MergeTree ORDER BY id"
                        + " SETTINGS non_replicated_deduplication_window = 1000");
        int before = FAILURES.get();
        UserDefinedFunction failOnce = udf(
                        (UDF1<Long, Long>) id -> {
                            TaskContext task = TaskContext.get();
                            if (id == 4000 && task.partitionId() == 1 && task.attemptNumber() == 0) {
                                // Partition 1 holds ids 2500..4999: wait until its first two batches are stored.
                                awaitRows(table, "id >= 2500 AND id < 3500", 1000);
                                FAILURES.incrementAndGet();
                                throw new IllegalStateException("injected failure after two stored batches");
                            }
                            return id;
                        },
                        DataTypes.LongType)
                .asNondeterministic();
        testing.write(
                        testing.spark
                                .range(0, ROWS, 1, 4)
                                .select(
                                        failOnce.apply(col("id")).as("id"),
                                        col("id").cast("string").as("label")),
                        "ch")
                .option("table", table)
                .option("batchSize", 500)
                .mode("append")
                .save();
        assertThat(FAILURES.get() - before).as("injected failures").isEqualTo(1);
        assertThat(counts("retried")).containsExactly((long) ROWS, (long) ROWS, (long) ROWS);
    }

    private static void awaitRows(String table, String where, long rows) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Object count = testing.ch()
                    .query("SELECT count() AS n FROM " + table + " WHERE " + where)
                    .rows()
                    .get(0)
                    .get("n");
            if (((Number) count).longValue() >= rows) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("The first attempt's batches never landed in " + table);
    }
}
