package io.datastores.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads of a 20,000-row PostgreSQL table (and its DuckDB copy): filters and columns pushed into the
 * structured read and shown in the plan, the same rows with pushdown off; a columnar scan with no
 * row-to-column step; 1 to 8 partitions reading the same rows, each once.
 */
class ReadTest {
    private static final int ROWS = 20_000;
    private static TestingSpark testing;
    private static String table;

    @BeforeAll
    static void start() throws Exception {
        testing = new TestingSpark("spark_read");
        table = testing.pgTable("items");
        String qualified = "\"" + testing.schema + "\".items";
        testing.pg()
                .execute("CREATE TABLE " + qualified
                        + " (id bigint PRIMARY KEY, name text, ref uuid, amount numeric(12,2))");
        testing.pg()
                .execute("INSERT INTO " + qualified + " SELECT g, 'n' || (g % 100), md5(g::text)::uuid, g / 7.0"
                        + " FROM generate_series(1, " + ROWS + ") g");
        testing.duck().execute("CREATE TABLE main.items (id BIGINT PRIMARY KEY, name VARCHAR, amount DECIMAL(12,2))");
        testing.duck()
                .execute("INSERT INTO main.items SELECT g, 'n' || (g % 100), round(g / 7.0, 2)" + " FROM range(1, "
                        + (ROWS + 1) + ") t(g)");
    }

    @AfterAll
    static void stop() throws Exception {
        testing.close();
    }

    @Test
    void filtersAndColumnsArePushedAndTheRestStaysWithSpark() {
        Dataset<Row> pushed = query(true);
        String plan = pushed.queryExecution().executedPlan().toString();
        assertThat(plan)
                .contains("DatastoresScan pg." + table + " columns=[id, name]")
                .contains("pushedFilter=And[parts=[IsNotNull[column=id]")
                .contains("Compare[column=id, op=GT, value=19000]")
                .contains("Compare[column=amount, op=LE, value=2800.00]")
                // LIKE 'n1%' is not a predicate: Spark filters it after the scan.
                .contains("StartsWith(name")
                .doesNotContain("RowToColumnar");
        Dataset<Row> unpushed = query(false);
        assertThat(unpushed.queryExecution().executedPlan().toString())
                .contains("pushedFilter=none")
                .contains("columns=[id, name, ref, amount]");
        List<Row> rows = pushed.collectAsList();
        // ids 19001..19600 (amount = id / 7 <= 2800) named n1, n10..n19: 11 in each hundred
        assertThat(rows).hasSize(66).containsExactlyElementsOf(unpushed.collectAsList());
    }

    private static Dataset<Row> query(boolean pushdown) {
        return testing.read("pg")
                .option("table", table)
                .option("pushdown", pushdown)
                .load()
                .filter("id > 19000 AND amount <= 2800 AND name LIKE 'n1%'")
                .select("id", "name")
                .orderBy("id");
    }

    @Test
    void aFilterOnAConvertedColumnIsLeftToSpark() {
        Dataset<Row> byUuid = testing.read("pg")
                .option("table", table)
                .load()
                .filter("ref = 'c4ca4238-a0b9-2382-0dcc-509a6f75849b'")
                .select("id");
        assertThat(byUuid.queryExecution().executedPlan().toString()).contains("pushedFilter=none");
        assertThat(byUuid.collectAsList()).extracting(r -> r.getLong(0)).containsExactly(1L);
    }

    @Test
    void duckDbPushdownGivesTheSameRowsAsSpark() {
        Dataset<Row> pushed = testing.read("duck")
                .option("table", "main.items")
                .load()
                .filter("id > 19000 AND amount <= 2800 AND name LIKE 'n1%'")
                .select("id", "name")
                .orderBy("id");
        Dataset<Row> unpushed = testing.read("duck")
                .option("table", "main.items")
                .option("pushdown", "false")
                .load()
                .filter("id > 19000 AND amount <= 2800 AND name LIKE 'n1%'")
                .select("id", "name")
                .orderBy("id");
        assertThat(pushed.queryExecution().executedPlan().toString()).contains("columns=[id, name]");
        assertThat(pushed.collectAsList()).hasSize(66).containsExactlyElementsOf(unpushed.collectAsList());
    }

    @Test
    void everyPartitionCountReadsEveryRowOnce() {
        List<Long> all = LongStream.rangeClosed(1, ROWS).boxed().toList();
        for (int partitions = 1; partitions <= 8; partitions++) {
            for (String datastore : List.of("pg", "duck")) {
                Dataset<Row> read = testing.read(datastore)
                        .option("table", datastore.equals("pg") ? table : "main.items")
                        .option("partitions", partitions)
                        .load()
                        .select("id");
                if (datastore.equals("pg")) {
                    assertThat(read.rdd().getNumPartitions())
                            .as("pg partitions")
                            .isEqualTo(partitions);
                }
                List<Long> ids = read.collectAsList().stream()
                        .map(r -> r.getLong(0))
                        .sorted()
                        .toList();
                assertThat(ids)
                        .as(datastore + " in " + partitions + " partitions")
                        .isEqualTo(all);
            }
        }
    }

    @Test
    void aMissingTableOrDatastoreIsNamed() {
        assertThatThrownBy(() -> testing.read("pg")
                        .option("table", testing.pgTable("missing"))
                        .load()
                        .collectAsList())
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> testing.read("nowhere").option("table", table).load())
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("Datastore 'nowhere' not found");
    }

    @Test
    void aCountReadsNoColumns() {
        assertThat(testing.read("pg")
                        .option("table", table)
                        .option("partitions", 3)
                        .load()
                        .count())
                .isEqualTo(ROWS);
    }
}
