package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.datastores.api.TableRef;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.core.Datastores;
import io.datastores.jdbc.TestingBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Not a test: the benchmark. The deterministic lineitem rows ({@code benchmarks/lineitem.sh},
 * loaded into PostgreSQL by {@code provider-cassandra/bench.sh}) are copied PostgreSQL → Cassandra and
 * Cassandra → DuckDB through the SDK ({@code Datastores.copy}) and by hand: a JDBC ResultSet loop binding
 * the same prepared INSERT asynchronously with the same 256 in flight, and a paged SELECT loop feeding
 * DuckDB's appender. The Cassandra node is the in-process one of the tests. Prints one table.
 *
 * <p>Arguments: PostgreSQL host, port, user, database (holding {@code bench.lineitem}), rows, iterations,
 * a scratch directory for the DuckDB files.
 */
public final class BenchmarkCassandraBulk {
    private static final int IN_FLIGHT = 256;
    /** The order Cassandra returns the columns of the table the copy creates: key, then by name. */
    private static final List<String> COLUMNS = List.of(
            "l_orderkey",
            "l_linenumber",
            "l_comment",
            "l_commitdate",
            "l_discount",
            "l_extendedprice",
            "l_linestatus",
            "l_partkey",
            "l_quantity",
            "l_receiptdate",
            "l_returnflag",
            "l_shipdate",
            "l_shipinstruct",
            "l_shipmode",
            "l_suppkey",
            "l_tax");

    private static final String DUCK_DDL = "CREATE TABLE lineitem (l_orderkey BIGINT, l_linenumber INTEGER,"
            + " l_comment VARCHAR, l_commitdate DATE, l_discount DECIMAL(15,2), l_extendedprice DECIMAL(15,2),"
            + " l_linestatus VARCHAR, l_partkey BIGINT, l_quantity DECIMAL(15,2), l_receiptdate DATE,"
            + " l_returnflag VARCHAR, l_shipdate DATE, l_shipinstruct VARCHAR, l_shipmode VARCHAR,"
            + " l_suppkey BIGINT, l_tax DECIMAL(15,2))";

    private BenchmarkCassandraBulk() {}

    public static void main(String[] args) throws Exception {
        String pgUrl = "jdbc:postgresql://" + args[0] + ":" + args[1] + "/" + args[3] + "?user=" + args[2];
        long rows = Long.parseLong(args[4]);
        int iterations = Integer.parseInt(args[5]);
        Path scratch = Path.of(args[6]);
        DatastoreConfig config = TestingCassandra.freshKeyspace("bench");
        String keyspace = config.value("keyspace").orElseThrow();
        CqlSession session = TestingCassandra.admin();
        String yaml = "datastores:\n"
                + "  postgres: {type: postgres, connection: {host: '" + args[0] + "', port: " + args[1]
                + ", user: '" + args[2] + "', password: '', database: '" + args[3] + "'}}\n"
                + "  cassandra: {type: cassandra, connection: {host: '"
                + config.value("host").orElseThrow()
                + "', port: " + config.value("port").orElseThrow() + ", local_datacenter: datacenter1, keyspace: '"
                + keyspace + "', user: '" + config.value("user").orElseThrow() + "', password: '${PW}'}}\n"
                + "  duckdb: {type: duckdb, connection: {database: '" + scratch.resolve("sdk.duckdb") + "'}}\n";
        int status = 0;
        try (Datastores datastores = Datastores.fromYaml(
                        yaml, Map.of("PW", config.value("password").orElseThrow()));
                Connection duck = DriverManager.getConnection("jdbc:duckdb:" + scratch.resolve("loop.duckdb"))) {
            try (Statement ddl = duck.createStatement()) {
                ddl.execute(DUCK_DDL);
            }
            // The first copy creates the Cassandra table (partition key = the copy's key); both contenders then
            // write into it, emptied before each run.
            datastores
                    .copy("postgres", TableRef.of("bench", "lineitem"), "cassandra", TableRef.of("lineitem"))
                    .key("l_orderkey", "l_linenumber")
                    .run();
            TestingBench bench = new TestingBench(rows, iterations);
            bench.measure(
                    "PostgreSQL → Cassandra (SDK copy / JDBC read + async prepared INSERTs, 256 in flight)",
                    () -> session.execute("TRUNCATE " + keyspace + ".lineitem"),
                    () -> {
                        datastores
                                .copy(
                                        "postgres",
                                        TableRef.of("bench", "lineitem"),
                                        "cassandra",
                                        TableRef.of("lineitem"))
                                .key("l_orderkey", "l_linenumber")
                                .run();
                        TestingBench.check(rows, count(session, keyspace));
                    },
                    () -> {
                        loopWrite(pgUrl, session, keyspace);
                        TestingBench.check(rows, count(session, keyspace));
                    });
            bench.measure(
                    "Cassandra → DuckDB (SDK copy / paged SELECT + DuckDB appender)",
                    () -> {
                        datastores.get("duckdb").execute("DROP TABLE IF EXISTS main.lineitem");
                        try (Statement delete = duck.createStatement()) {
                            delete.execute("DELETE FROM lineitem");
                        }
                    },
                    () -> TestingBench.check(
                            rows,
                            datastores
                                    .copy(
                                            "cassandra",
                                            TableRef.of("lineitem"),
                                            "duckdb",
                                            TableRef.of("main", "lineitem"))
                                    .run()
                                    .rows()),
                    () -> TestingBench.check(rows, loopRead(session, keyspace, (DuckDBConnection) duck)));
            System.out.println();
            System.out.println(bench.table(String.format(
                    "%,d lineitem rows (16 columns), PostgreSQL 15 local, in-process Cassandra 5.0.9, DuckDB file",
                    rows)));
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        } finally {
            TestingCassandra.dropKeyspace(config);
            Files.deleteIfExists(scratch.resolve("sdk.duckdb"));
            Files.deleteIfExists(scratch.resolve("loop.duckdb"));
            System.exit(status);
        }
    }

    /**
     * The rows stored, counted by a paged scan: a server-side {@code count(*)} over the whole table is one
     * read that the loaded machine let time out (ReadFailureException at 1,000,000 rows).
     */
    private static long count(CqlSession session, String keyspace) {
        long count = 0;
        for (Row ignored :
                session.execute(SimpleStatement.newInstance("SELECT l_orderkey FROM " + keyspace + ".lineitem")
                        .setPageSize(5_000)
                        .setTimeout(Duration.ofMinutes(1)))) {
            count++;
        }
        return count;
    }

    /** What people write without the SDK: a streamed JDBC read, the same prepared INSERT, 256 in flight. */
    private static void loopWrite(String pgUrl, CqlSession session, String keyspace) throws Exception {
        PreparedStatement insert = session.prepare("INSERT INTO " + keyspace + ".lineitem ("
                + String.join(", ", COLUMNS) + ") VALUES (" + "?, ".repeat(COLUMNS.size() - 1) + "?)");
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (Connection pg = DriverManager.getConnection(pgUrl)) {
            pg.setAutoCommit(false);
            try (Statement select = pg.createStatement()) {
                select.setFetchSize(10_000);
                try (ResultSet rs =
                        select.executeQuery("SELECT " + String.join(", ", COLUMNS) + " FROM bench.lineitem")) {
                    while (rs.next() && failure.get() == null) {
                        Object[] values = new Object[COLUMNS.size()];
                        for (int c = 0; c < values.length; c++) {
                            values[c] = value(rs, c + 1, COLUMNS.get(c));
                        }
                        inFlight.acquire();
                        session.executeAsync(insert.bind(values)).whenComplete((r, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                            inFlight.release();
                        });
                    }
                }
            }
        }
        inFlight.acquire(IN_FLIGHT);
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
    }

    private static Object value(ResultSet rs, int column, String name) throws Exception {
        return switch (name) {
            case "l_orderkey", "l_partkey", "l_suppkey" -> rs.getLong(column);
            case "l_linenumber" -> rs.getInt(column);
            case "l_quantity", "l_extendedprice", "l_discount", "l_tax" -> rs.getBigDecimal(column);
            case "l_shipdate", "l_commitdate", "l_receiptdate" -> rs.getObject(column, LocalDate.class);
            default -> rs.getString(column);
        };
    }

    /** Every column of every row, read by a paged SELECT and appended to DuckDB through its appender. */
    private static long loopRead(CqlSession session, String keyspace, DuckDBConnection duck) throws Exception {
        long count = 0;
        try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "lineitem")) {
            for (Row row : session.execute(SimpleStatement.newInstance(
                            "SELECT " + String.join(", ", COLUMNS) + " FROM " + keyspace + ".lineitem")
                    .setPageSize(5_000))) {
                appender.beginRow();
                for (int c = 0; c < COLUMNS.size(); c++) {
                    switch (COLUMNS.get(c)) {
                        case "l_orderkey", "l_partkey", "l_suppkey" -> appender.append(row.getLong(c));
                        case "l_linenumber" -> appender.append(row.getInt(c));
                        case "l_quantity", "l_extendedprice", "l_discount", "l_tax" ->
                            appender.append(row.getBigDecimal(c));
                        case "l_shipdate", "l_commitdate", "l_receiptdate" -> appender.append(row.getLocalDate(c));
                        default -> appender.append(row.getString(c));
                    }
                }
                appender.endRow();
                count++;
            }
        }
        return count;
    }
}
