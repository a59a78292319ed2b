package io.datastores.benchmarks.providers;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import io.datastores.clickhouse.ClickHouseDatastoreProvider;
import io.datastores.mysql.MySqlDatastoreProvider;
import io.datastores.postgres.PostgresDatastoreProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * Measures every bulk path of the PostgreSQL and MySQL providers on the lineitem shape against
 * the physical limits (psql {@code \copy}, a server-side {@code LOAD DATA}) and plain-JDBC
 * {@code addBatch} loops, and prints a table of medians. A program, not a test: run it with
 * {@code benchmarks/run.sh [rows] [runs]}; {@code mvn verify} never runs it.
 *
 * <p>Servers: PostgreSQL at 127.0.0.1:5432 (user postgres, database test) and MySQL/MariaDB at
 * 127.0.0.1:3306 (root, database test); override with {@code -Dpg.host}, {@code -Dmysql.host} …
 */
public final class BenchmarkBulkPaths {
    private static final String PG_HOST = System.getProperty("pg.host", "127.0.0.1");
    private static final String PG_PORT = System.getProperty("pg.port", "5432");
    private static final String PG_USER = System.getProperty("pg.user", "postgres");
    private static final String PG_DB = System.getProperty("pg.database", "test");
    private static final String MY_HOST = System.getProperty("mysql.host", "127.0.0.1");
    private static final String MY_PORT = System.getProperty("mysql.port", "3306");
    private static final String MY_USER = System.getProperty("mysql.user", "root");
    private static final String MY_DB = System.getProperty("mysql.database", "test");
    private static final String TABLE = "bench_lineitem";

    private final int rows;
    private final int runs;
    private final byte[] data;
    private final BufferAllocator allocator;
    private final List<String[]> results = new ArrayList<>();

    private BenchmarkBulkPaths(int rows, int runs, byte[] data, BufferAllocator allocator) {
        this.rows = rows;
        this.runs = runs;
        this.data = data;
        this.allocator = allocator;
    }

    /**
     * @param args rows (default 1,000,000), runs per path (default 3), and optionally
     *     {@code postgres} or {@code mysql} to measure one server only
     * @throws Exception when a server or tool is missing
     */
    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String only = args.length > 2 ? args[2] : "";
        try (BufferAllocator allocator = new RootAllocator()) {
            BenchmarkBulkPaths benchmark =
                    new BenchmarkBulkPaths(rows, runs, Lineitem.generate(allocator, rows), allocator);
            if (only.isEmpty() || only.equals("postgres")) {
                benchmark.postgres();
            }
            if (!only.equals("postgres") && !only.equals("clickhouse")) {
                benchmark.mysql();
            }
            if (only.equals("clickhouse")) {
                benchmark.clickhouse();
            }
            benchmark.print();
        }
    }

    private void postgres() throws Exception {
        Path file = Files.createTempFile("lineitem", ".pgbin");
        try (Datastore pg = new PostgresDatastoreProvider()
                .open(ByHand.config("bench_pg", "postgres", PG_HOST, PG_PORT, PG_USER, PG_DB, Map.of()))) {
            String table = "public." + TABLE;
            pg.execute("DROP TABLE IF EXISTS " + table);
            pg.execute("CREATE TABLE " + table + " (" + Lineitem.COLUMNS.replace("DECIMAL", "numeric") + ")");
            String psql = "psql -X -q -h " + PG_HOST + " -p " + PG_PORT + " -U " + PG_USER + " -d " + PG_DB + " -c ";
            Runnable truncate = () -> pg.execute("TRUNCATE " + table);
            double copyIn = measure(
                    "PostgreSQL",
                    "psql \\copy FROM binary file (limit)",
                    truncate,
                    () -> ByHand.shell(psql + "\"\\copy " + table + " FROM '" + file + "' (FORMAT binary)\""),
                    () -> {
                        // The file must hold the rows before psql can load them.
                        write(pg, TableRef.of("public", TABLE));
                        ByHand.shell(psql + "\"\\copy " + table + " TO '" + file + "' (FORMAT binary)\"");
                    });
            measure(
                    "PostgreSQL",
                    "bulkWriter: COPY FROM STDIN binary",
                    truncate,
                    () -> {
                        write(pg, TableRef.of("public", TABLE));
                        return null;
                    },
                    null,
                    copyIn);
            measure(
                    "PostgreSQL",
                    "JDBC addBatch, reWriteBatchedInserts=true",
                    truncate,
                    () -> addBatch(
                            "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + PG_DB
                                    + "?reWriteBatchedInserts=true",
                            PG_USER,
                            table),
                    null,
                    copyIn);
            write(pg, TableRef.of("public", TABLE));
            double copyOut = measure(
                    "PostgreSQL",
                    "psql \\copy TO binary file (limit)",
                    null,
                    () -> ByHand.shell(psql + "\"\\copy " + table + " TO '" + file + "' (FORMAT binary)\""),
                    null);
            measure(
                    "PostgreSQL",
                    "bulkReader: COPY TO STDOUT binary → Arrow",
                    null,
                    () -> drain(pg.bulkReader().read(ReadRequest.table(TableRef.of("public", TABLE)), allocator)),
                    null,
                    copyOut);
            measure(
                    "PostgreSQL",
                    "bulkReader: ResultSet → Arrow (bound query)",
                    null,
                    () -> drain(pg.bulkReader()
                            .read(
                                    ReadRequest.query("SELECT * FROM " + table + " WHERE l_orderkey >= ?", 0L),
                                    allocator)),
                    null,
                    copyOut);
            pg.execute("DROP TABLE " + table);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void mysql() throws Exception {
        // mysqld writes and reads this file itself (server-side LOAD DATA); it must be outside any private /tmp.
        Path file = Path.of(
                "/var/tmp", "datastores_bench_" + ProcessHandle.current().pid() + ".tsv");
        Map<String, String> insert = Map.of("local_infile", "false");
        try (Datastore my = new MySqlDatastoreProvider()
                        .open(ByHand.config("bench_mysql", "mysql", MY_HOST, MY_PORT, MY_USER, MY_DB, Map.of()));
                Datastore myInsert = new MySqlDatastoreProvider()
                        .open(ByHand.config("bench_mysql_insert", "mysql", MY_HOST, MY_PORT, MY_USER, MY_DB, insert))) {
            String table = "`" + MY_DB + "`." + TABLE;
            my.execute("DROP TABLE IF EXISTS " + table);
            my.execute("CREATE TABLE " + table + " (" + Lineitem.COLUMNS + ") ENGINE=InnoDB");
            Runnable truncate = () -> my.execute("TRUNCATE " + table);
            write(my, TableRef.of(MY_DB, TABLE));
            Files.deleteIfExists(file);
            my.execute("SELECT * INTO OUTFILE '" + file + "' FROM " + table);
            double server = measure(
                    "MySQL",
                    "server-side LOAD DATA INFILE of the TSV (limit)",
                    truncate,
                    () -> {
                        my.execute("LOAD DATA INFILE '" + file + "' INTO TABLE " + table);
                        return null;
                    },
                    null);
            measure(
                    "MySQL",
                    "mysql client LOAD DATA LOCAL of the TSV",
                    truncate,
                    () -> ByHand.shell("mysql --local-infile=1 -h "
                            + MY_HOST + " -P " + MY_PORT + " -u " + MY_USER + " " + MY_DB
                            + " -e \"LOAD DATA LOCAL INFILE '"
                            + file + "' INTO TABLE " + TABLE + "\""),
                    null,
                    server);
            measure(
                    "MySQL",
                    "bulkWriter: LOAD DATA LOCAL streamed from Arrow",
                    truncate,
                    () -> {
                        write(my, TableRef.of(MY_DB, TABLE));
                        return null;
                    },
                    null,
                    server);
            measure(
                    "MySQL",
                    "bulkWriter: multi-row INSERT fallback",
                    truncate,
                    () -> {
                        write(myInsert, TableRef.of(MY_DB, TABLE));
                        return null;
                    },
                    null,
                    server);
            measure(
                    "MySQL",
                    "JDBC addBatch, rewriteBatchedStatements=true",
                    truncate,
                    () -> addBatch(
                            "jdbc:mysql://" + MY_HOST + ":" + MY_PORT + "/" + MY_DB + "?rewriteBatchedStatements=true",
                            MY_USER,
                            table),
                    null,
                    server);
            write(my, TableRef.of(MY_DB, TABLE));
            measure(
                    "MySQL",
                    "bulkReader: streaming ResultSet → Arrow",
                    null,
                    () -> drain(my.bulkReader().read(ReadRequest.table(TableRef.of(MY_DB, TABLE)), allocator)),
                    null);
            my.execute("DROP TABLE " + table);
        } finally {
            ByHand.shell("rm -f " + file);
        }
    }

    /**
     * ClickHouse at {@code -Dch.host}/{@code -Dch.port} (default the loopback chDB shim, 127.0.0.1:18123,
     * which writes every INSERT body to a temporary file: the numbers describe that, not a server).
     */
    private void clickhouse() throws Exception {
        String port = System.getProperty("ch.port", "18123");
        DatastoreConfig config = new DatastoreConfig(
                "bench_ch",
                "clickhouse",
                "",
                List.of(),
                true,
                Map.of(
                        "host",
                        System.getProperty("ch.host", "127.0.0.1"),
                        "port",
                        port,
                        "user",
                        "default",
                        "database",
                        "default"),
                Map.of("compress", "false"),
                new PoolSettings(1, 4, Duration.ofSeconds(10)),
                Map.of());
        try (Datastore ch = new ClickHouseDatastoreProvider().open(config)) {
            String table = TABLE;
            ch.execute("DROP TABLE IF EXISTS " + table);
            ch.execute("CREATE TABLE " + table + " (" + Lineitem.COLUMNS + ") ENGINE = MergeTree ORDER BY tuple()");
            Runnable truncate = () -> ch.execute("TRUNCATE TABLE " + table);
            double arrow = measure(
                    "ClickHouse",
                    "bulkWriter: FORMAT ArrowStream, one INSERT per 65,536-row batch, token",
                    truncate,
                    () -> {
                        write(ch, TableRef.of(TABLE));
                        return null;
                    },
                    null);
            measure(
                    "ClickHouse",
                    "client-v2 by hand: FORMAT ArrowStream, one INSERT per batch",
                    truncate,
                    () -> ClickHouseByHand.arrowStream(ch, table, source()),
                    null,
                    arrow);
            measure(
                    "ClickHouse",
                    "client-v2 by hand: FORMAT RowBinary (RowBinaryFormatWriter), one INSERT per batch",
                    truncate,
                    () -> ClickHouseByHand.rowBinary(ch, table, source()),
                    null,
                    arrow);
            write(ch, TableRef.of(TABLE));
            measure(
                    "ClickHouse",
                    "bulkReader: FORMAT ArrowStream → Arrow",
                    null,
                    () -> drain(ch.bulkReader().read(ReadRequest.table(TableRef.of(TABLE)), allocator)),
                    null);
            ch.execute("DROP TABLE " + table);
        }
    }

    private double measure(String server, String path, Runnable before, Callable<?> work, ThrowingRunnable setUp)
            throws Exception {
        return measure(server, path, before, work, setUp, Double.NaN);
    }

    /** Runs the work {@code runs} times (each after {@code before}, untimed) and records the median. */
    private double measure(
            String server, String path, Runnable before, Callable<?> work, ThrowingRunnable setUp, double baselineRate)
            throws Exception {
        if (setUp != null) {
            if (before != null) {
                before.run();
            }
            setUp.run();
        }
        double[] seconds = new double[runs];
        for (int run = 0; run < runs; run++) {
            if (before != null) {
                before.run();
            }
            long start = System.nanoTime();
            work.call();
            seconds[run] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        double median = seconds[runs / 2];
        double rate = rows / median;
        results.add(new String[] {
            server,
            path,
            String.format(Locale.ROOT, "%.2f", median),
            String.format(Locale.ROOT, "%,.0f", rate),
            Double.isNaN(baselineRate) ? "—" : String.format(Locale.ROOT, "%.2f×", rate / baselineRate)
        });
        System.err.printf(Locale.ROOT, "%s | %s | %.2f s%n", server, path, median);
        return rate;
    }

    private void print() {
        System.out.printf(Locale.ROOT, "%n%,d rows of lineitem (16 columns), median of %d runs%n%n", rows, runs);
        System.out.println("| server | path | seconds | rows/s | vs limit |");
        System.out.println("|---|---|---:|---:|---:|");
        for (String[] row : results) {
            System.out.println("| " + String.join(" | ", row) + " |");
        }
    }

    /** Appends every row to the table; the reader is closed here, as its owner must. */
    private void write(Datastore datastore, TableRef table) throws IOException {
        try (ArrowReader source = source()) {
            datastore.bulkWriter().write(WriteRequest.append(table), source);
        }
    }

    private ArrowReader source() {
        return new ArrowStreamReader(new ByteArrayInputStream(data), allocator);
    }

    private static long drain(ArrowReader reader) throws IOException {
        long count = 0;
        try (reader) {
            while (reader.loadNextBatch()) {
                count += reader.getVectorSchemaRoot().getRowCount();
            }
        }
        return count;
    }

    /** The plain-JDBC baseline: one prepared INSERT, values bound from Arrow, executeBatch per 1,000 rows. */
    private Object addBatch(String url, String user, String table) throws SQLException, IOException {
        return ByHand.addBatch(url, user, table, source());
    }

    /** Set-up work that may fail. */
    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
