package io.datastores.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Later actions on the very same {@code Dataset} of a PostgreSQL table read in 4 partitions on one
 * exported snapshot: Spark launches the partitions it planned for the first action again, after that
 * action's end released the snapshot, and the connector plans the read again for them. Each gives the
 * same rows as the first: {@code collect()} twice, {@code count()} then {@code collect()}, and the same
 * {@code Dataset} written twice. A plan made outside any action ({@code cache()}, a look at the
 * executed plan) holds no snapshot, and still runs.
 */
class SecondActionTest {
    private static final int ROWS = 5_000;
    private static TestingSpark testing;
    private static String table;

    @BeforeAll
    static void start() throws Exception {
        testing = new TestingSpark("spark_again");
        table = testing.pgTable("items");
        String qualified = "\"" + testing.schema + "\".items";
        testing.pg().execute("CREATE TABLE " + qualified + " (id bigint PRIMARY KEY, name text)");
        testing.pg()
                .execute("INSERT INTO " + qualified + " SELECT g, 'n' || g FROM generate_series(1, " + ROWS + ") g");
    }

    @AfterAll
    static void stop() throws Exception {
        testing.close();
    }

    private static Dataset<Row> items() {
        return testing.read("pg").option("table", table).option("partitions", 4).load();
    }

    private static List<String> sorted(List<Row> rows) {
        return rows.stream()
                .sorted(Comparator.comparingLong(r -> r.getLong(0)))
                .map(Row::toString)
                .toList();
    }

    /**
     * Waits until no connection of this test still holds an exported snapshot: the first action's end
     * (delivered to the connector's listener asynchronously) has released it, so a later action cannot
     * reuse it by luck.
     */
    private static void awaitSnapshotReleased() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Object holding = testing.pg()
                    .query("SELECT count(*) AS n FROM pg_stat_activity WHERE state = 'idle in transaction'"
                            + " AND query LIKE '%pg_relation_size%' AND pid <> pg_backend_pid()")
                    .rows()
                    .get(0)
                    .get("n");
            if (((Number) holding).longValue() == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("The first action's snapshot was never released");
    }

    @Test
    void collectTwiceGivesTheSameRows() throws Exception {
        Dataset<Row> items = items();
        List<String> first = sorted(items.collectAsList());
        assertThat(first).hasSize(ROWS).first().isEqualTo("[1,n1]");
        awaitSnapshotReleased();
        assertThat(sorted(items.collectAsList())).isEqualTo(first);
        awaitSnapshotReleased();
        assertThat(sorted(items.collectAsList())).isEqualTo(first);
    }

    @Test
    void countThenCollectGiveTheSameRows() throws Exception {
        Dataset<Row> items = items();
        assertThat(items.count()).isEqualTo(ROWS);
        awaitSnapshotReleased();
        assertThat(sorted(items.collectAsList())).hasSize(ROWS);
        awaitSnapshotReleased();
        assertThat(items.count()).isEqualTo(ROWS);
    }

    @Test
    void aCachedDatasetHoldsNoSnapshotOnceItIsBuilt() throws Exception {
        Dataset<Row> cached = items().cache();
        try {
            assertThat(cached.count()).isEqualTo(ROWS);
            awaitSnapshotReleased();
            assertThat(sorted(cached.collectAsList())).hasSize(ROWS);
        } finally {
            cached.unpersist(true);
        }
    }

    @Test
    void aPlanLookedAtHoldsNoSnapshotAndStillRuns() throws Exception {
        Dataset<Row> items = items();
        assertThat(items.queryExecution().executedPlan().toString()).contains("BatchScan");
        awaitSnapshotReleased();
        assertThat(sorted(items.collectAsList())).hasSize(ROWS).first().isEqualTo("[1,n1]");
        awaitSnapshotReleased();
    }

    @Test
    void theSameDatasetWrittenTwiceWritesItsRowsTwice() throws Exception {
        Dataset<Row> items = items();
        List<String> read = sorted(items.collectAsList());
        for (int run = 0; run < 2; run++) {
            awaitSnapshotReleased();
            testing.write(items, "duck")
                    .option("table", "main.twice")
                    .mode("append")
                    .save();
        }
        List<Row> written =
                testing.read("duck").option("table", "main.twice").load().collectAsList();
        assertThat(sorted(written)).hasSize(2 * ROWS);
        assertThat(sorted(written).stream().distinct().toList()).isEqualTo(read);
    }
}
