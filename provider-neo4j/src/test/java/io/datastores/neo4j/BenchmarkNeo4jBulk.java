package io.datastores.neo4j;

import io.datastores.api.TableRef;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.core.Datastores;
import io.datastores.jdbc.TestingBench;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Session;

/**
 * Not a test: the Neo4j benchmark. The deterministic lineitem rows ({@code benchmarks/lineitem.sh},
 * loaded into PostgreSQL by {@code provider-neo4j/bench.sh}) become nodes of label {@code Lineitem} keyed by
 * {@code (l_orderkey, l_linenumber)}, through the SDK ({@code Datastores.copy} as an upsert, which created
 * the uniqueness constraint) and by hand: a JDBC ResultSet loop sending the same
 * {@code UNWIND $rows AS row MERGE (n:Lineitem {key}) SET n += row} in managed transactions of the same
 * 5,000 rows, after creating the same constraint (each run starts from an empty database: an empty
 * label whose constraint is left describes as its key alone, and a copy then refuses the other columns). The server is the in-process one of the tests. Prints one table.
 *
 * <p>Arguments: PostgreSQL host, port, user, database (holding {@code bench.lineitem}), rows, iterations.
 */
public final class BenchmarkNeo4jBulk {
    private static final int BATCH = 5_000;
    private static final String MERGE = "UNWIND $rows AS row MERGE (n:Lineitem"
            + " {l_orderkey: row.l_orderkey, l_linenumber: row.l_linenumber}) SET n += row";

    private BenchmarkNeo4jBulk() {}

    public static void main(String[] args) throws Exception {
        String pgUrl = "jdbc:postgresql://" + args[0] + ":" + args[1] + "/" + args[3] + "?user=" + args[2];
        long rows = Long.parseLong(args[4]);
        int iterations = Integer.parseInt(args[5]);
        DatastoreConfig neo4j = TestingNeo4j.config("bench", Map.of());
        String yaml = "datastores:\n"
                + "  postgres: {type: postgres, connection: {host: '" + args[0] + "', port: " + args[1]
                + ", user: '" + args[2] + "', password: '', database: '" + args[3] + "'}}\n"
                + "  neo4j: {type: neo4j, connection: {uri: '"
                + neo4j.value("uri").orElseThrow() + "', user: '"
                + neo4j.value("user").orElseThrow() + "', password: '${PW}', batch_size: " + BATCH + "}}\n";
        int status = 0;
        try (Datastores datastores =
                Datastores.fromYaml(yaml, Map.of("PW", neo4j.value("password").orElseThrow()))) {
            TestingBench bench = new TestingBench(rows, iterations);
            bench.measure(
                    "PostgreSQL → Neo4j nodes (SDK upsert copy / JDBC read + UNWIND … MERGE … SET n += row)",
                    () -> {
                        try (Session session = TestingNeo4j.admin().session()) {
                            session.run("MATCH (n:Lineitem) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS")
                                    .consume();
                        }
                        TestingNeo4j.clean();
                    },
                    () -> {
                        datastores
                                .copy("postgres", TableRef.of("bench", "lineitem"), "neo4j", TableRef.of("Lineitem"))
                                .key("l_orderkey", "l_linenumber")
                                .mode(WriteMode.UPSERT)
                                .run();
                        TestingBench.check(rows, count());
                    },
                    () -> {
                        try (Session session = TestingNeo4j.admin().session()) {
                            session.run("CREATE CONSTRAINT IF NOT EXISTS FOR (n:Lineitem)"
                                            + " REQUIRE (n.l_orderkey, n.l_linenumber) IS UNIQUE")
                                    .consume();
                        }
                        loop(pgUrl);
                        TestingBench.check(rows, count());
                    });
            System.out.println();
            System.out.println(bench.table(String.format(
                    "%,d lineitem rows (16 columns) as nodes, PostgreSQL 15 local, in-process Neo4j 5.26.12", rows)));
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        } finally {
            TestingNeo4j.clean();
            System.exit(status);
        }
    }

    private static long count() {
        return TestingNeo4j.admin()
                .executableQuery("MATCH (n:Lineitem) RETURN count(n) AS c")
                .execute()
                .records()
                .get(0)
                .get("c")
                .asLong();
    }

    /** What people write without the SDK: a streamed JDBC read, batches of maps, one managed transaction each. */
    private static void loop(String pgUrl) throws Exception {
        try (Connection pg = DriverManager.getConnection(pgUrl);
                Session session = TestingNeo4j.admin().session()) {
            pg.setAutoCommit(false);
            try (Statement select = pg.createStatement()) {
                select.setFetchSize(10_000);
                try (ResultSet rs = select.executeQuery("SELECT * FROM bench.lineitem")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    List<Map<String, Object>> batch = new ArrayList<>(BATCH);
                    while (rs.next()) {
                        Map<String, Object> row = new HashMap<>();
                        for (int c = 1; c <= meta.getColumnCount(); c++) {
                            row.put(meta.getColumnName(c), value(rs, c, meta.getColumnType(c)));
                        }
                        batch.add(row);
                        if (batch.size() == BATCH) {
                            write(session, batch);
                            batch = new ArrayList<>(BATCH);
                        }
                    }
                    if (!batch.isEmpty()) {
                        write(session, batch);
                    }
                }
            }
        }
    }

    private static void write(Session session, List<Map<String, Object>> batch) {
        session.executeWrite(tx -> tx.run(MERGE, Map.of("rows", batch)).consume());
    }

    /** The same property types the SDK stores: integers, decimals as doubles, dates, text. */
    private static Object value(ResultSet rs, int column, int type) throws Exception {
        return switch (type) {
            case Types.BIGINT, Types.INTEGER -> rs.getLong(column);
            case Types.NUMERIC, Types.DECIMAL -> rs.getDouble(column);
            case Types.DATE -> rs.getObject(column, LocalDate.class);
            default -> rs.getString(column);
        };
    }
}
