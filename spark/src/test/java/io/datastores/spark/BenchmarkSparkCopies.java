package io.datastores.spark;

import io.datastores.api.Datastore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private static final String MEMORY = "memory";

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
        Map<String, Supplier<Dataset<Row>>> sources = new LinkedHashMap<>();
        sources.put("spark jdbc", sparkJdbc);
        sources.put("datastores", connector);
        // The two halves of a copy apart: each source read into Spark's no-op sink (the read alone), and the
        // same rows written from memory (the write alone, which both contenders of a copy share).
        for (Map.Entry<String, Supplier<Dataset<Row>>> source : sources.entrySet()) {
            table.add(run(
                    source.getKey() + " -> noop (read only)",
                    rows,
                    iterations,
                    () -> {},
                    () -> source.getValue()
                            .get()
                            .write()
                            .format("noop")
                            .mode("overwrite")
                            .save(),
                    () -> rows));
        }
        Dataset<Row> cached = connector.get().cache();
        if (cached.count() != rows) {
            throw new IllegalStateException("the cached read holds " + cached.count() + " rows, not " + rows);
        }
        Map<String, Supplier<Dataset<Row>>> inputs = new LinkedHashMap<>();
        inputs.put(MEMORY, () -> cached);
        inputs.putAll(sources);
        for (Map.Entry<String, Supplier<Dataset<Row>>> input : inputs.entrySet()) {
            boolean memory = input.getKey().equals(MEMORY);
            table.add(run(
                    input.getKey() + " -> Parquet" + (memory ? " (write only)" : ""),
                    rows,
                    iterations,
                    () -> delete(parquet),
                    () -> input.getValue().get().write().parquet(parquet.toString()),
                    () -> spark.read().parquet(parquet.toString()).count()));
            table.add(run(
                    input.getKey() + " -> DuckDB" + (memory ? " (write only)" : " (datastores write)"),
                    rows,
                    iterations,
                    () -> duck.execute("DROP TABLE IF EXISTS main.lineitem"),
                    () -> input.getValue()
                            .get()
                            .write()
                            .format("datastores")
                            .option("config", config)
                            .option("datastore", "duck")
                            .option("table", "main.lineitem")
                            .mode("append")
                            .save(),
                    () -> duck.query("SELECT count(*) FROM main.lineitem").scalar() instanceof Number n
                            ? n.longValue()
                            : -1));
        }
        cached.unpersist(true);
        System.out.printf("%n%,d rows, parallelism %d, median of %d%n", rows, parallelism, iterations);
        System.out.printf("| %-45s | %10s | %12s |%n", "path", "seconds", "rows/s");
        System.out.printf("|%s|%s|%s|%n", "-".repeat(47), "-".repeat(12), "-".repeat(14));
        for (String[] line : table) {
            System.out.printf("| %-45s | %10s | %12s |%n", (Object[]) line);
        }
        spark.stop();
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
