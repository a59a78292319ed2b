package io.datastores.mongodb;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import io.datastores.api.TableRef;
import io.datastores.core.Datastores;
import io.datastores.jdbc.TestingBench;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Not a test: the MongoDB benchmark, on the tests' in-process mongo-java-server (memory backend,
 * in this JVM; not a mongod). The deterministic lineitem rows ({@code benchmarks/lineitem.sh}, loaded into
 * PostgreSQL by {@code provider-mongodb/bench.sh}) travel PostgreSQL → MongoDB through the SDK
 * ({@code Datastores.copy}, append: ordered {@code bulkWrite}s of 1,000 inserts, the driver generating
 * ObjectIds) and by hand (a streamed JDBC ResultSet loop building one document per row, the same BSON types,
 * {@code insertMany} every 1,000); and MongoDB → DuckDB through the SDK and by hand (a {@code find} cursor in
 * batches of 10,000, each field into DuckDB's appender). Each run starts from an empty target. Prints one
 * table.
 *
 * <p>Arguments: PostgreSQL host, port, user, database (holding {@code bench.lineitem}), rows, iterations.
 */
public final class BenchmarkMongoBulk {
    private static final int BATCH = 1_000;
    private static final String DDL = "CREATE TABLE lineitem (l_orderkey BIGINT, l_partkey BIGINT, l_suppkey BIGINT,"
            + " l_linenumber INTEGER, l_quantity DECIMAL(15,2), l_extendedprice DECIMAL(15,2),"
            + " l_discount DECIMAL(15,2), l_tax DECIMAL(15,2), l_returnflag VARCHAR, l_linestatus VARCHAR,"
            + " l_shipdate DATE, l_commitdate DATE, l_receiptdate DATE, l_shipinstruct VARCHAR, l_shipmode VARCHAR,"
            + " l_comment VARCHAR)";

    private BenchmarkMongoBulk() {}

    public static void main(String[] args) throws Exception {
        String pgUrl = "jdbc:postgresql://" + args[0] + ":" + args[1] + "/" + args[3] + "?user=" + args[2];
        long rows = Long.parseLong(args[4]);
        int iterations = Integer.parseInt(args[5]);
        Path dir = Files.createTempDirectory("mongo-bench");
        int status = 0;
        try (TestingMongo mongo = TestingMongo.open("bench");
                Datastores datastores = Datastores.fromYaml(
                        "datastores:\n"
                                + "  postgres: {type: postgres, connection: {host: '" + args[0] + "', port: "
                                + args[1] + ", user: '" + args[2] + "', password: '', database: '" + args[3]
                                + "'}}\n"
                                + "  mongo: {type: mongodb, connection: " + mongo.yaml() + "}\n"
                                + "  duck: {type: duckdb, connection: {database: '" + dir.resolve("sdk.duckdb")
                                + "'}}\n",
                        Map.of())) {
            TestingBench bench = new TestingBench(rows, iterations);
            MongoCollection<Document> lineitem =
                    mongo.client().getDatabase(mongo.database).getCollection("lineitem");
            bench.measure(
                    "PostgreSQL → MongoDB (SDK copy / JDBC read + insertMany of 1,000)",
                    () -> mongo.client().getDatabase(mongo.database).drop(),
                    () -> {
                        datastores
                                .copy("postgres", TableRef.of("bench", "lineitem"), "mongo", TableRef.of("lineitem"))
                                .run();
                        TestingBench.check(rows, lineitem.countDocuments());
                    },
                    () -> {
                        toMongo(pgUrl, lineitem);
                        TestingBench.check(rows, lineitem.countDocuments());
                    });

            // The source of the second path: the SDK's copy, as the first path left it (its types recorded).
            mongo.client().getDatabase(mongo.database).drop();
            datastores
                    .copy("postgres", TableRef.of("bench", "lineitem"), "mongo", TableRef.of("lineitem"))
                    .run();
            int[] run = {0};
            bench.measure(
                    "MongoDB → DuckDB (SDK copy / find cursor + DuckDB appender)",
                    () -> {
                        datastores.get("duck").execute("DROP TABLE IF EXISTS lineitem");
                        Files.deleteIfExists(dir.resolve("loop" + run[0] + ".duckdb"));
                        run[0]++;
                    },
                    () -> {
                        datastores
                                .copy("mongo", TableRef.of("lineitem"), "duck", TableRef.of("main", "lineitem"))
                                .run();
                        TestingBench.check(
                                rows,
                                ((Number) datastores
                                                .get("duck")
                                                .query("SELECT count(*) FROM lineitem")
                                                .scalar())
                                        .longValue());
                    },
                    () -> TestingBench.check(rows, toDuckDb(lineitem, dir.resolve("loop" + run[0] + ".duckdb"))));
            System.out.println();
            System.out.println(bench.table(String.format(
                    "%,d lineitem rows (16 columns), PostgreSQL 15 local, in-process mongo-java-server 1.47.0"
                            + " (memory backend, not mongod), DuckDB file",
                    rows)));
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
            System.exit(status);
        }
    }

    /** What people write without the SDK: a streamed JDBC read, a document per row, insertMany in batches. */
    private static void toMongo(String pgUrl, MongoCollection<Document> target) throws Exception {
        try (Connection pg = DriverManager.getConnection(pgUrl)) {
            pg.setAutoCommit(false);
            try (Statement select = pg.createStatement()) {
                select.setFetchSize(10_000);
                try (ResultSet rs = select.executeQuery("SELECT * FROM bench.lineitem")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    int columns = meta.getColumnCount();
                    String[] names = new String[columns];
                    int[] types = new int[columns];
                    for (int c = 0; c < columns; c++) {
                        names[c] = meta.getColumnName(c + 1);
                        types[c] = meta.getColumnType(c + 1);
                    }
                    List<Document> batch = new ArrayList<>(BATCH);
                    while (rs.next()) {
                        Document row = new Document();
                        for (int c = 0; c < columns; c++) {
                            Object value = value(rs, c + 1, types[c]);
                            if (value != null) {
                                row.append(names[c], value);
                            }
                        }
                        batch.add(row);
                        if (batch.size() == BATCH) {
                            target.insertMany(batch);
                            batch = new ArrayList<>(BATCH);
                        }
                    }
                    if (!batch.isEmpty()) {
                        target.insertMany(batch);
                    }
                }
            }
        }
    }

    /** The BSON types the SDK stores: int64, int32, Decimal128, dates at midnight UTC, strings. */
    private static Object value(ResultSet rs, int column, int type) throws Exception {
        Object value = switch (type) {
            case Types.BIGINT -> rs.getLong(column);
            case Types.INTEGER -> rs.getInt(column);
            case Types.NUMERIC, Types.DECIMAL -> {
                BigDecimal d = rs.getBigDecimal(column);
                yield d == null ? null : new Decimal128(d);
            }
            case Types.DATE -> {
                LocalDate d = rs.getObject(column, LocalDate.class);
                yield d == null
                        ? null
                        : Date.from(d.atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            default -> rs.getString(column);
        };
        return rs.wasNull() ? null : value;
    }

    /** By hand: a find cursor, each field appended in column order; @return the rows in the DuckDB table */
    private static long toDuckDb(MongoCollection<Document> source, Path file) throws Exception {
        try (DuckDBConnection duck = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file)) {
            try (Statement ddl = duck.createStatement()) {
                ddl.execute(DDL);
            }
            try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "lineitem");
                    MongoCursor<Document> cursor =
                            source.find().batchSize(10_000).iterator()) {
                while (cursor.hasNext()) {
                    Document row = cursor.next();
                    appender.beginRow();
                    appender.append(row.getLong("l_orderkey"));
                    appender.append(row.getLong("l_partkey"));
                    appender.append(row.getLong("l_suppkey"));
                    appender.append(row.getInteger("l_linenumber"));
                    for (String decimal : List.of("l_quantity", "l_extendedprice", "l_discount", "l_tax")) {
                        appender.append(row.get(decimal, Decimal128.class).bigDecimalValue());
                    }
                    appender.append(row.getString("l_returnflag"));
                    appender.append(row.getString("l_linestatus"));
                    for (String date : List.of("l_shipdate", "l_commitdate", "l_receiptdate")) {
                        appender.append(LocalDate.ofInstant(
                                Instant.ofEpochMilli(row.getDate(date).getTime()), ZoneOffset.UTC));
                    }
                    appender.append(row.getString("l_shipinstruct"));
                    appender.append(row.getString("l_shipmode"));
                    appender.append(row.getString("l_comment"));
                    appender.endRow();
                }
            }
            try (Statement count = duck.createStatement();
                    ResultSet rs = count.executeQuery("SELECT count(*) FROM lineitem")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
