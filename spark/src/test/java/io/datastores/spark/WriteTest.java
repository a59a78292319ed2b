package io.datastores.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Writes into PostgreSQL and DuckDB, both staged: a task that fails once midway and is retried leaves
 * no duplicate and no staging table; a job whose task fails on every attempt leaves the target as it
 * was; overwrite replaces the rows in one transaction; upsert is idempotent by key.
 */
class WriteTest {
    private static final int ROWS = 10_000;
    // Tasks run in this JVM (local mode): the count of injected failures is visible to the test.
    private static final AtomicInteger FAILURES = new AtomicInteger();
    private static TestingSpark testing;

    @BeforeAll
    static void start() throws Exception {
        testing = new TestingSpark("spark_write");
    }

    @AfterAll
    static void stop() throws Exception {
        testing.close();
    }

    /** 10,000 ids in 4 partitions; partition 1 fails at id 4000 on the attempts {@code failing} says. */
    private static Dataset<Row> ids(boolean everyAttempt) {
        UserDefinedFunction failOnce = udf(
                        (UDF1<Long, Long>) id -> {
                            TaskContext task = TaskContext.get();
                            if (id == 4000 && task.partitionId() == 1 && (everyAttempt || task.attemptNumber() == 0)) {
                                FAILURES.incrementAndGet();
                                throw new IllegalStateException("injected failure of attempt " + task.attemptNumber());
                            }
                            return id;
                        },
                        DataTypes.LongType)
                .asNondeterministic();
        return testing.spark
                .range(0, ROWS, 1, 4)
                .select(
                        failOnce.apply(col("id")).as("id"),
                        col("id").cast("string").as("label"));
    }

    @Test
    void aRetriedTaskLeavesNoDuplicateInPostgres() {
        assertRetriedTaskLeavesNoDuplicate("pg", testing.pgTable("retried"), testing.pg(), testing.schema);
    }

    @Test
    void aRetriedTaskLeavesNoDuplicateInDuckDb() {
        assertRetriedTaskLeavesNoDuplicate("duck", "main.retried", testing.duck(), "main");
    }

    private static void assertRetriedTaskLeavesNoDuplicate(
            String datastore, String table, Datastore target, String schema) {
        int before = FAILURES.get();
        testing.write(ids(false), datastore)
                .option("table", table)
                .option("batchSize", 1000)
                .mode("append")
                .save();
        assertThat(FAILURES.get() - before).as("injected failures").isEqualTo(1);
        Row counts = testing.read(datastore)
                .option("table", table)
                .load()
                .selectExpr("count(*)", "count(DISTINCT id)", "min(id)", "max(id)")
                .first();
        assertThat(List.of(counts.getLong(0), counts.getLong(1), counts.getLong(2), counts.getLong(3)))
                .containsExactly((long) ROWS, (long) ROWS, 0L, ROWS - 1L);
        assertNoStagingTables(target, schema);
    }

    @Test
    void aJobThatFailsLeavesTheTargetAsItWas() {
        String table = testing.pgTable("kept");
        testing.write(testing.spark.range(0, 5).selectExpr("id", "'old' AS label"), "pg")
                .option("table", table)
                .mode("append")
                .save();
        assertThatThrownBy(() -> testing.write(ids(true), "pg")
                        .option("table", table)
                        .mode("append")
                        .save())
                .hasStackTraceContaining("injected failure");
        assertThat(testing.read("pg")
                        .option("table", table)
                        .load()
                        .filter("label = 'old'")
                        .count())
                .isEqualTo(5);
        assertThat(testing.read("pg").option("table", table).load().count()).isEqualTo(5);
        assertNoStagingTables(testing.pg(), testing.schema);
    }

    @Test
    void overwriteReplacesTheRows() {
        for (String datastore : List.of("pg", "duck")) {
            String table = datastore.equals("pg") ? testing.pgTable("replaced") : "main.replaced";
            testing.write(testing.spark.range(0, 5).selectExpr("id", "'old' AS label"), datastore)
                    .option("table", table)
                    .mode("append")
                    .save();
            testing.write(testing.spark.range(100, 200, 1, 3).selectExpr("id", "'new' AS label"), datastore)
                    .option("table", table)
                    .mode("overwrite")
                    .save();
            Dataset<Row> now = testing.read(datastore).option("table", table).load();
            assertThat(now.count()).as(datastore).isEqualTo(100);
            assertThat(now.filter("label = 'old'").count()).as(datastore).isZero();
        }
    }

    @Test
    void upsertByKeyIsIdempotent() {
        String qualified = "\"" + testing.schema + "\".upserted";
        testing.pg().execute("CREATE TABLE " + qualified + " (id bigint PRIMARY KEY, label text)");
        for (int run = 0; run < 2; run++) {
            testing.write(testing.spark.range(0, 1000, 1, 3).selectExpr("id", "'v' || id AS label"), "pg")
                    .option("table", testing.pgTable("upserted"))
                    .option("mode", "upsert")
                    .option("key", "id")
                    .mode("append")
                    .save();
        }
        testing.write(testing.spark.range(0, 10).selectExpr("id", "'changed' AS label"), "pg")
                .option("table", testing.pgTable("upserted"))
                .option("mode", "upsert")
                .option("key", "id")
                .mode("append")
                .save();
        Dataset<Row> rows =
                testing.read("pg").option("table", testing.pgTable("upserted")).load();
        assertThat(rows.count()).isEqualTo(1000);
        assertThat(rows.filter("label = 'changed'").count()).isEqualTo(10);
    }

    private static void assertNoStagingTables(Datastore target, String schema) {
        assertThat(target.tables(schema)).extracting(TableRef::name).noneMatch(name -> name.startsWith("dss_"));
    }
}
