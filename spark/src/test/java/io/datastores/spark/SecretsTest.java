package io.datastores.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.ExtendedMode$;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL password (from the {@code .env} beside {@code datastores.yaml}) reaches the
 * executors, so reads and writes work, yet appears in none of what Spark shows: plans, the event log
 * (what the UI and history server replay), the driver and executor log, the partitions' and
 * configuration's {@code toString()}.
 */
class SecretsTest {
    private static TestingSpark testing;

    @BeforeAll
    static void start() throws Exception {
        testing = new TestingSpark("spark_secret");
    }

    @AfterAll
    static void stop() throws Exception {
        testing.close();
    }

    @Test
    void thePasswordIsInNoPlanEventLogOrLog() throws IOException {
        String table = testing.pgTable("secret");
        testing.write(testing.spark.range(0, 100, 1, 2).selectExpr("id", "'x' AS label"), "pg")
                .option("table", table)
                .mode("append")
                .save();
        Dataset<Row> read = testing.read("pg")
                .option("table", table)
                .option("partitions", 2)
                .load()
                .filter("id < 50");
        assertThat(read.count()).isEqualTo(50);
        String plans = read.queryExecution().toString() + read.queryExecution().explainString(ExtendedMode$.MODULE$);
        DatastoresScan scan = (DatastoresScan) new DatastoresScanBuilder(
                        ConnectorOptions.parse(
                                Map.of("config", testing.config.toString(), "datastore", "pg", "table", table)),
                        ShippedConfig.read(testing.config),
                        read.schema())
                .build();
        String partitions = List.of(scan.planInputPartitions()).toString();
        testing.spark.stop(); // flushes the event log
        String events = readAll(testing.eventLog);
        String log = Files.readString(Path.of("target/spark-test.log"));

        // Each place was really looked at: it names the scan or the configuration file.
        assertThat(plans).contains("DatastoresScan pg.");
        assertThat(events).contains("DatastoresScan pg.").contains("AppendData");
        assertThat(log).contains("datastores");
        assertThat(partitions).contains("datastores configuration " + testing.config.toAbsolutePath());
        for (String place : List.of(plans, events, log, partitions)) {
            assertThat(place).doesNotContain(testing.secret);
        }
    }

    private static String readAll(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        }
        assertThat(all).as("event log in " + dir).isNotEmpty();
        return all.toString();
    }
}
