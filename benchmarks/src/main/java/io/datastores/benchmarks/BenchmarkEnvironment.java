package io.datastores.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Where the data and the servers are, read from system properties that {@link RunScenarios}
 * passes to every forked JVM. The servers are the local ones run.sh checks: PostgreSQL at
 * 127.0.0.1:5432 (user postgres) and MariaDB at 127.0.0.1:3306 (user root), both holding a
 * database {@value #DATABASE} that run.sh creates and drops.
 */
final class BenchmarkEnvironment {
    /** {@code $BENCH_DB}, set by run.sh, so that two runs on one machine keep apart. */
    static final String DATABASE = System.getenv().getOrDefault("BENCH_DB", "datastores_bench");

    static final String PG_SOURCE = "bench.lineitem";
    static final String PG_TARGET = "bench.lineitem_copy";
    static final String MYSQL_SOURCE = "lineitem";
    static final String MYSQL_TARGET = "lineitem_copy";
    static final String DUCKDB_TABLE = "lineitem";
    static final String CLICKHOUSE_TARGET = "lineitem_copy";
    /** ClickHouse's HTTP interface: the loopback chDB shim by default (run.sh starts it), or $BENCH_CLICKHOUSE. */
    static final String CLICKHOUSE = System.getenv().getOrDefault("BENCH_CLICKHOUSE", "127.0.0.1:18123");
    /** Rows per {@code executeBatch} and per arrow-jdbc batch in the baselines. */
    static final int JDBC_BATCH = 10_000;

    static final int FETCH_SIZE = 10_000;

    final long rows = Long.getLong("bench.rows", 1_000_000L);
    final Path dir =
            Path.of(System.getProperty("bench.dir", "target/bench-data")).toAbsolutePath();
    /** DuckDB takes ~1,300 prepared inserts a second: its hand-written baseline moves fewer rows. */
    final long duckDbBaselineRows = Long.getLong("bench.duckdbBaselineRows", 10_000L);

    final int sdkBatchSize = Integer.getInteger("bench.batchSize", 65_536);

    Path binaryFile() {
        return dir.resolve("lineitem.bin");
    }

    Path csvFile() {
        return dir.resolve("lineitem.csv");
    }

    Path sourceDuckDb() {
        return dir.resolve("source.duckdb");
    }

    Path targetDuckDb() {
        return dir.resolve("target.duckdb");
    }

    Path scratch(String name) {
        return dir.resolve("scratch").resolve(name);
    }

    static Connection postgres(boolean rewriteBatches) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DATABASE
                + "?user=postgres&reWriteBatchedInserts=" + rewriteBatches);
        // pgjdbc streams a result set with a fetch size only outside autocommit.
        connection.setAutoCommit(false);
        return connection;
    }

    static Connection mysql(boolean rewriteBatches) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/" + DATABASE
                + "?user=root&password=&rewriteBatchedStatements=" + rewriteBatches);
    }

    static Connection clickHouse() throws SQLException {
        // No compression: the chDB shim cannot; batches go as one multi-row INSERT per executeBatch.
        return DriverManager.getConnection(
                "jdbc:clickhouse://" + CLICKHOUSE + "/" + DATABASE + "?compress=false"
                        // The hand-written copy brackets its batches with setAutoCommit/commit, which ClickHouse has no
                        // use for.
                        + "&jdbc_ignore_unsupported_values=true",
                "default",
                "");
    }

    static Connection duckDb(Path file, boolean readOnly) throws SQLException {
        Properties properties = new Properties();
        if (readOnly) {
            properties.setProperty("duckdb.read_only", "true");
        }
        return DriverManager.getConnection("jdbc:duckdb:" + file, properties);
    }

    static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void deleteDuckDb(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + ".wal"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Leaves the peak resident set of one benchmark where {@link RunScenarios} reads it. */
    void recordPeakRss(String benchmark, long kilobytes, String whose) {
        try {
            Path file = dir.resolve("rss").resolve(benchmark);
            Files.createDirectories(file.getParent());
            Files.writeString(file, kilobytes + " " + whose);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends one iteration's CPU time (this JVM, its children and PostgreSQL), for RunScenarios. */
    void recordCpu(String benchmark, long nanos) {
        try {
            Path file = dir.resolve("cpu").resolve(benchmark);
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    nanos + "\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return this JVM's peak resident set (VmHWM) in KiB */
    static long selfPeakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
