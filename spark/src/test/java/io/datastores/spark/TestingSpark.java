package io.datastores.spark;

import io.datastores.api.Datastore;
import io.datastores.core.Datastores;
import io.datastores.jdbc.TestingServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One Spark session per test class ({@code local[2,2]}: two threads, and a failed task is retried
 * once) with the event log on, and a {@code datastores.yaml} in a temporary folder naming {@code pg}
 * (the test PostgreSQL, in a schema of its own; its password comes from the {@code .env} beside the
 * file) and {@code duck} (a DuckDB file in that folder), and when asked {@code ch} (the test
 * ClickHouse, whose tables the test names in a database of its own, {@link #chDatabase}). Closing
 * drops the schema (and that database), stops the session and deletes the folder (the connector
 * keeps its datastores open until the JVM exits).
 */
final class TestingSpark implements AutoCloseable {
    final SparkSession spark;
    final Path dir;
    final Path config;
    final Path eventLog;
    final String schema;
    /** The PostgreSQL password the configuration carries: the server's, or a marker the trusting local server ignores. */
    final String secret;

    final Datastores datastores;
    /** The ClickHouse database of the test, or {@code null} when it asked for no ClickHouse. */
    final String chDatabase;

    TestingSpark(String prefix) throws IOException {
        this(prefix, false);
    }

    /**
     * @param prefix names the folder, the schema and the application
     * @param clickhouse whether the configuration names {@code ch} too (skipped, or failed under CI=true, when
     *     no ClickHouse answers: provider-clickhouse/src/test/clickhouse/start.sh starts one)
     */
    TestingSpark(String prefix, boolean clickhouse) throws IOException {
        TestingServers.Server ch = clickhouse ? TestingServers.clickhouse() : null;
        TestingServers.Server server = TestingServers.postgres();
        dir = Files.createTempDirectory(prefix);
        eventLog = Files.createDirectory(dir.resolve("events"));
        secret = server.password().isEmpty() ? "Pw-" + UUID.randomUUID() : server.password();
        config = dir.resolve("datastores.yaml");
        Files.writeString(dir.resolve(".env"), "SPARK_TEST_PG_PASSWORD=" + secret + "\n");
        Files.writeString(
                config,
                "datastores:\n"
                        + "  pg:\n    type: postgres\n    connection:\n      host: '" + server.host()
                        + "'\n      port: "
                        + server.port() + "\n      user: '" + server.user()
                        + "'\n      password: '${SPARK_TEST_PG_PASSWORD}'\n"
                        + "      database: '" + server.database() + "'\n      max_pool_size: 12\n"
                        + "  duck:\n    type: duckdb\n    connection:\n      database: '" + dir.resolve("t.duckdb")
                        + "'\n"
                        + (ch == null ? "" : clickhouse(ch)));
        // The connector's own instance: a second DuckDB instance on the same file in one JVM would clash.
        datastores = ShippedConfig.read(config).open();
        schema = TestingServers.uniqueName(prefix);
        pg().execute("CREATE SCHEMA \"" + schema + "\"");
        chDatabase = ch == null ? null : TestingServers.uniqueName(prefix);
        if (ch != null) {
            datastores.get("ch").execute("CREATE DATABASE " + chDatabase);
        }
        spark = SparkSession.builder()
                .master("local[2,2]")
                .appName(prefix)
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                // Rows carry java.time values: java.sql.Timestamp needs sun.util.calendar opened on JDK 17.
                .config("spark.sql.datetime.java8API.enabled", "true")
                .config("spark.eventLog.enabled", "true")
                .config("spark.eventLog.dir", eventLog.toUri().toString())
                // Spark 4 compresses event logs (zstd) by default: kept plain so the secrets test can read them.
                .config("spark.eventLog.compress", "false")
                .getOrCreate();
    }

    Datastore pg() {
        return datastores.get("pg");
    }

    /** The loopback chDB shim cannot compress: responses come plain. */
    private static String clickhouse(TestingServers.Server ch) {
        return "  ch:\n    type: clickhouse\n    connection:\n      host: '" + ch.host() + "'\n      port: " + ch.port()
                + "\n      user: '" + ch.user() + "'\n      password: '" + ch.password() + "'\n      database: '"
                + ch.database() + "'\n      properties: {compress: 'false'}\n";
    }

    Datastore ch() {
        return datastores.get("ch");
    }

    Datastore duck() {
        return datastores.get("duck");
    }

    /** @return a reader of {@code format("datastores")} on this configuration and datastore */
    DataFrameReader read(String datastore) {
        return spark.read()
                .format("datastores")
                .option("config", config.toString())
                .option("datastore", datastore);
    }

    /** @return a writer of {@code format("datastores")} on this configuration and datastore */
    DataFrameWriter<Row> write(Dataset<Row> rows, String datastore) {
        return rows.write()
                .format("datastores")
                .option("config", config.toString())
                .option("datastore", datastore);
    }

    /** @return {@code schema.name} in the test's PostgreSQL schema */
    String pgTable(String name) {
        return schema + "." + name;
    }

    @Override
    public void close() throws IOException {
        try {
            pg().execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            if (chDatabase != null) {
                ch().execute("DROP DATABASE IF EXISTS " + chDatabase);
            }
        } finally {
            spark.stop();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
