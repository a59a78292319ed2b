package io.datastores.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every scenario's contenders, each in its own forked JVM through JMH, and prints one
 * table. Started by {@code benchmarks/run.sh}, which loads the data first; see the README.
 *
 * <p>Arguments: {@code --rows N} (rows loaded, default 1,000,000), {@code --iterations N}
 * (measured copies, default 3), {@code --warmup N} (warm-up copies of the SDK and the limits,
 * default 1), {@code --jdbc-warmup N} (of the arrow-jdbc and hand-written contenders, default 0:
 * one of their copies takes 10–40 s at 1M rows, and the median of three already drops a cold
 * first copy), {@code --dir PATH} (data files), {@code --only TEXT} (scenarios whose class name
 * contains it), {@code --methods a,b} (contenders whose method name starts with one of these:
 * sdk, arrowJdbc, handWritten, limit), {@code --duckdb-baseline-rows N}.
 */
public final class RunScenarios {
    private record Row(
            String scenario,
            Scenarios.Contender contender,
            long rows,
            double seconds,
            String note,
            String rss,
            double cpuMicrosPerRow) {
        boolean measured() {
            return note == null;
        }

        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    private RunScenarios() {}

    public static void main(String[] args) throws Exception {
        long rows = 1_000_000;
        int iterations = 3;
        int warmup = 1;
        int jdbcWarmup = 0;
        String only = "";
        List<String> methods = List.of("");
        String dir = "target/bench-data";
        long duckDbBaselineRows = 10_000;
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(value);
                case "--iterations" -> iterations = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--jdbc-warmup" -> jdbcWarmup = Integer.parseInt(value);
                case "--methods" -> methods = List.of(value.split(","));
                case "--only" -> only = value;
                case "--dir" -> dir = value;
                case "--duckdb-baseline-rows" -> duckDbBaselineRows = Long.parseLong(value);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
            }
        }
        System.setProperty("bench.rows", Long.toString(rows));
        System.setProperty("bench.dir", Path.of(dir).toAbsolutePath().toString());
        System.setProperty("bench.duckdbBaselineRows", Long.toString(duckDbBaselineRows));
        BenchmarkEnvironment env = new BenchmarkEnvironment();
        long started = System.nanoTime();
        String loadAtStart = loadAverage();
        prepareDuckDbSource(env);

        List<String> jvmArgs = new ArrayList<>(List.of(
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-Xmx256m",
                "-Dbench.rows=" + rows,
                "-Dbench.dir=" + env.dir,
                "-Dbench.duckdbBaselineRows=" + duckDbBaselineRows,
                "-Dbench.batchSize=" + env.sdkBatchSize,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        if (Runtime.version().feature() >= 23) {
            jvmArgs.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
        }
        Path logs = env.dir.resolve("logs");
        Files.createDirectories(logs);

        List<Row> table = new ArrayList<>();
        boolean failed = false;
        for (Scenarios.Scenario scenario : Scenarios.all()) {
            if (!scenario.type().getSimpleName().toLowerCase(Locale.ROOT).contains(only.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (Scenarios.Contender contender : scenario.contenders()) {
                if (methods.stream().noneMatch(contender.method()::startsWith)) {
                    continue;
                }
                // The JDBC baseline into DuckDB copies fewer rows; Redis's baseline uses DuckDB's appender and copies
                // all.
                long copied = contender.method().equals("handWritten")
                                && scenario.target().startsWith("duck")
                                && !scenario.source().equals("cache")
                        ? Math.min(rows, duckDbBaselineRows)
                        : rows;
                if (contender.method().startsWith("sdk")) {
                    Optional<String> why = SdkEndpoints.unavailable(env, scenario.source(), scenario.target());
                    if (why.isPresent()) {
                        table.add(new Row(scenario.title(), contender, copied, 0, "n/a (" + why.get() + ")", "", 0));
                        continue;
                    }
                }
                String benchmark = scenario.type().getName() + "." + contender.method();
                System.err.printf("[%s] %s ...%n", elapsed(started), benchmark);
                Path log = logs.resolve(benchmark + ".log");
                boolean jdbc = contender.method().equals("arrowJdbc")
                        || contender.method().equals("handWritten");
                Files.deleteIfExists(env.dir.resolve("cpu").resolve(benchmark));
                OptionalDouble seconds = measure(benchmark, iterations, jdbc ? jdbcWarmup : warmup, jvmArgs, log);
                if (seconds.isEmpty()) {
                    failed = true;
                    table.add(new Row(scenario.title(), contender, copied, 0, "FAILED (see " + log + ")", "", 0));
                } else {
                    table.add(new Row(
                            scenario.title(),
                            contender,
                            copied,
                            seconds.getAsDouble(),
                            null,
                            peakRss(env, benchmark),
                            cpuMicrosPerRow(env, benchmark, iterations, copied)));
                }
            }
        }
        print(table, iterations, warmup, jdbcWarmup);
        System.out.printf(
                "%nRun took %s (including JVM forks, warm-up, target set-up and row-count checks).%n",
                elapsed(started));
        // Two cores shared with the database servers: anything else running skews every row.
        System.out.println("Load average (1/5/15 min) at start: " + loadAtStart + "; at end: " + loadAverage() + " on "
                + Runtime.getRuntime().availableProcessors() + " CPUs.");
        System.exit(failed ? 1 : 0);
    }

    private static OptionalDouble measure(
            String benchmark, int iterations, int warmup, List<String> jvmArgs, Path log) {
        Options options = new OptionsBuilder()
                .include(Pattern.quote(benchmark) + "$")
                .mode(Mode.SingleShotTime)
                .timeUnit(TimeUnit.SECONDS)
                .warmupIterations(warmup)
                .measurementIterations(iterations)
                .forks(1)
                .jvmArgs(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(true)
                .output(log.toString())
                .build();
        try {
            Collection<RunResult> results = new Runner(options).run();
            if (results.isEmpty()) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(
                    results.iterator().next().getPrimaryResult().getStatistics().getPercentile(50));
        } catch (Exception e) {
            System.err.println(benchmark + " failed: " + e.getMessage());
            return OptionalDouble.empty();
        }
    }

    private static void print(List<Row> table, int iterations, int warmup, int jdbcWarmup) {
        System.out.println();
        System.out.println(
                "| scenario | rows | seconds | rows/s | ratio to limit | ratio to hand-written baseline | peak RSS "
                        + "| CPU µs/row |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Row row : table) {
            String scenario = row.scenario() + ": " + row.contender().label();
            if (!row.measured()) {
                System.out.printf("| %s | %d | %s | | | | | |%n", scenario, row.rows(), row.note());
                continue;
            }
            List<Row> same = table.stream()
                    .filter(r -> r.scenario().equals(row.scenario()) && r.measured())
                    .toList();
            OptionalDouble limit = same.stream()
                    .filter(r -> r.contender().method().startsWith("limit"))
                    .mapToDouble(Row::rowsPerSecond)
                    .min();
            OptionalDouble baseline = same.stream()
                    .filter(r -> r.contender().method().equals("handWritten"))
                    .mapToDouble(Row::rowsPerSecond)
                    .findFirst();
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d | %.3f | %,.0f | %s | %s | %s | %s |%n",
                    scenario,
                    row.rows(),
                    row.seconds(),
                    row.rowsPerSecond(),
                    ratio(row.rowsPerSecond(), limit),
                    ratio(row.rowsPerSecond(), baseline),
                    row.rss(),
                    row.cpuMicrosPerRow() > 0 ? String.format(Locale.ROOT, "%.2f", row.cpuMicrosPerRow()) : "?");
        }
        System.out.println();
        System.out.println(
                "seconds: median of " + iterations + " single-shot copies after " + warmup + " warm-up copies ("
                        + jdbcWarmup + " for arrow-jdbc and hand-written). ratio to limit: rows/s over the "
                        + "slowest 'limit' row of the same scenario (a copy cannot beat its slowest end). peak RSS: VmHWM of the "
                        + "forked JVM (-Xmx256m) over its whole trial, or the native client's maximum RSS (client). CPU µs/row: "
                        + "median over the measured copies of the CPU time of the forked JVM (with DuckDB inside it and the "
                        + "psql/mysql clients it waits for) plus every PostgreSQL process, from /proc, per row copied; MariaDB "
                        + "and ClickHouse server CPU is not counted.");
        pairCpu(table, "PostgreSQL → DuckDB", "limitPsqlCopyTo", "limitDuckDbReadCsv");
    }

    /** The CPU of two limits added (export, then import of the same rows), beside the SDK rows of that scenario. */
    private static void pairCpu(List<Row> table, String scenario, String export, String load) {
        List<Row> same = table.stream()
                .filter(r -> r.scenario().equals(scenario) && r.cpuMicrosPerRow() > 0)
                .toList();
        OptionalDouble pair = OptionalDouble.empty();
        double sum = 0;
        int found = 0;
        for (Row row : same) {
            if (row.contender().method().equals(export)
                    || row.contender().method().equals(load)) {
                sum += row.cpuMicrosPerRow();
                found++;
            }
        }
        if (found == 2) {
            pair = OptionalDouble.of(sum);
        }
        if (pair.isEmpty()) {
            return;
        }
        System.out.printf(Locale.ROOT, "%s CPU: %s + %s = %.2f µs/row;", scenario, export, load, pair.getAsDouble());
        for (Row row : same) {
            if (row.contender().method().startsWith("sdk")) {
                System.out.printf(
                        Locale.ROOT,
                        " %s %.2f (%.2f×)",
                        row.contender().method(),
                        row.cpuMicrosPerRow(),
                        row.cpuMicrosPerRow() / pair.getAsDouble());
            }
        }
        System.out.println();
    }

    /** @return the median CPU time per row of the measured copies (the last ones recorded), or 0 */
    private static double cpuMicrosPerRow(BenchmarkEnvironment env, String benchmark, int iterations, long rows) {
        try {
            List<String> lines = Files.readAllLines(env.dir.resolve("cpu").resolve(benchmark));
            List<Long> measured = lines.subList(Math.max(0, lines.size() - iterations), lines.size()).stream()
                    .map(Long::parseLong)
                    .sorted()
                    .toList();
            return measured.isEmpty() ? 0 : measured.get(measured.size() / 2) / 1000.0 / rows;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String ratio(double value, OptionalDouble reference) {
        return reference.isPresent() ? String.format(Locale.ROOT, "%.2f×", value / reference.getAsDouble()) : "";
    }

    private static String peakRss(BenchmarkEnvironment env, String benchmark) {
        try {
            String[] recorded = Files.readString(env.dir.resolve("rss").resolve(benchmark))
                    .strip()
                    .split(" ");
            long kilobytes = Long.parseLong(recorded[0]);
            return kilobytes < 0 ? "?" : kilobytes / 1024 + " MiB" + (recorded[1].equals("client") ? " (client)" : "");
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** Builds the DuckDB source file from the CSV export run.sh made, once per row count. */
    private static void prepareDuckDbSource(BenchmarkEnvironment env) throws Exception {
        Path file = env.sourceDuckDb();
        if (Files.exists(file)) {
            try (Connection connection = BenchmarkEnvironment.duckDb(file, true)) {
                if (BenchmarkEnvironment.count(connection, BenchmarkEnvironment.DUCKDB_TABLE) == env.rows) {
                    return;
                }
            } catch (java.sql.SQLException e) {
                // Rebuilt below.
            }
        }
        BenchmarkEnvironment.deleteDuckDb(file);
        try (Connection connection = BenchmarkEnvironment.duckDb(file, false)) {
            BenchmarkEnvironment.execute(
                    connection,
                    Lineitem.createTable(BenchmarkEnvironment.DUCKDB_TABLE),
                    "INSERT INTO " + BenchmarkEnvironment.DUCKDB_TABLE + " SELECT * FROM read_csv('" + env.csvFile()
                            + "', header = false, auto_detect = false, columns = " + Lineitem.duckDbCsvColumns() + ")");
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String elapsed(long started) {
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        return seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s";
    }
}
