package io.datastores.spark;

import io.datastores.api.Datastore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Not a test (surefire never runs it; {@code spark/bench/run.sh} does): copies {@code bench.lineitem}
 * from PostgreSQL into Parquet files and into DuckDB, through the connector and through Spark's own
 * JDBC source ({@code partitionColumn}/{@code numPartitions}), both at the same parallelism, and
 * prints a table of medians. Every copy's row count is checked. It also times the two halves of a copy
 * apart: each source read into Spark's {@code noop} sink (which keeps nothing, so those rows are not
 * counted; the copies below count the same reads), and the rows written from a cached DataFrame, the
 * write alone that both contenders of a copy share — the floor under any read's copy.
 *
 * <p>Arguments: {@code config.yaml jdbcUrl rows parallelism iterations scratchDir}.
 */
final class BenchmarkSparkCopies {
    private BenchmarkSparkCopies() {}

    public static void main(String[] args) throws Exception {
        String config = args[0];
        String jdbcUrl = args[1];
        long rows = Long.parseLong(args[2]);
        int parallelism = Integer.parseInt(args[3]);
        int iterations = Integer.parseInt(args[4]);
        Path scratch = Path.of(args[5]);
        SparkSession spark = SparkSession.builder()
                .master("local[" + parallelism + "]")
                .appName("datastores-bench")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", String.valueOf(parallelism))
                .getOrCreate();
        Supplier<Dataset<Row>> connector = () -> spark.read()
                .format("datastores")
                .option("config", config)
                .option("datastore", "pg")
                .option("table", "bench.lineitem")
                .option("partitions", parallelism)
                .load();
        Properties jdbc = new Properties();
        jdbc.setProperty("fetchsize", "10000");
        // l_orderkey = i / 4 + 1: evenly spread from 1 to rows / 4.
        Supplier<Dataset<Row>> sparkJdbc =
                () -> spark.read().jdbc(jdbcUrl, "bench.lineitem", "l_orderkey", 1, rows / 4 + 1, parallelism, jdbc);
        Datastore duck = ShippedConfig.read(Path.of(config)).open().require("duck");
        List<String[]> table = new ArrayList<>();
        Path parquet = scratch.resolve("parquet");
        // The two halves of a copy apart: each source read into Spark's no-op sink (the read alone), and the
        // same rows written from memory (the write alone, which both contenders of a copy share).
        for (String source : List.of("spark jdbc", "datastores")) {
            Supplier<Dataset<Row>> read = source.equals("datastores") ? connector : sparkJdbc;
            table.add(run(
                    source + " -> noop (read only)",
                    rows,
                    iterations,
                    () -> {},
                    () -> read.get().write().format("noop").mode("overwrite").save(),
                    () -> rows));
        }
        Dataset<Row> cached = connector.get().cache();
        if (cached.count() != rows) {
            throw new IllegalStateException("the cached read holds " + cached.count() + " rows, not " + rows);
        }
        table.add(run(
                "memory -> Parquet (write only)",
                rows,
                iterations,
                () -> delete(parquet),
                () -> cached.write().parquet(parquet.toString()),
                () -> spark.read().parquet(parquet.toString()).count()));
        table.add(run(
                "memory -> DuckDB (write only)",
                rows,
                iterations,
                () -> duck.execute("DROP TABLE IF EXISTS main.lineitem"),
                () -> toDuckDb(cached, config),
                () -> duckRows(duck)));
        cached.unpersist(true);
        for (String source : List.of("spark jdbc", "datastores")) {
            Supplier<Dataset<Row>> read = source.equals("datastores") ? connector : sparkJdbc;
            table.add(run(
                    source + " -> Parquet",
                    rows,
                    iterations,
                    () -> delete(parquet),
                    () -> read.get().write().parquet(parquet.toString()),
                    () -> spark.read().parquet(parquet.toString()).count()));
            table.add(run(
                    source + " -> DuckDB (datastores write)",
                    rows,
                    iterations,
                    () -> duck.execute("DROP TABLE IF EXISTS main.lineitem"),
                    () -> toDuckDb(read.get(), config),
                    () -> duckRows(duck)));
        }
        System.out.printf("%n%,d rows, parallelism %d, median of %d%n", rows, parallelism, iterations);
        System.out.printf("| %-45s | %10s | %12s |%n", "path", "seconds", "rows/s");
        System.out.printf("|%s|%s|%s|%n", "-".repeat(47), "-".repeat(12), "-".repeat(14));
        for (String[] line : table) {
            System.out.printf("| %-45s | %10s | %12s |%n", (Object[]) line);
        }
        spark.stop();
    }

    private static void toDuckDb(Dataset<Row> rows, String config) {
        rows.write()
                .format("datastores")
                .option("config", config)
                .option("datastore", "duck")
                .option("table", "main.lineitem")
                .mode("append")
                .save();
    }

    private static long duckRows(Datastore duck) {
        return duck.query("SELECT count(*) FROM main.lineitem").scalar() instanceof Number n ? n.longValue() : -1;
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Times {@code copy} alone; {@code reset} before it and {@code count} after it are not timed. */
    private static String[] run(String name, long rows, int iterations, Step reset, Step copy, LongSupplier count)
            throws Exception {
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            reset.run();
            long started = System.nanoTime();
            copy.run();
            seconds.add((System.nanoTime() - started) / 1e9);
            long copied = count.getAsLong();
            if (copied != rows) {
                throw new IllegalStateException(name + " copied " + copied + " rows, not " + rows);
            }
        }
        seconds.sort(Comparator.naturalOrder());
        double median = seconds.get(seconds.size() / 2);
        return new String[] {name, String.format("%.2f", median), String.format("%,.0f", rows / median)};
    }

    private static void delete(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
