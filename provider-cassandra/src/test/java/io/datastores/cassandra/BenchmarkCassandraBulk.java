package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.spi.DatastoreConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Not a test: measures the bulk writer and reader against hand-written driver loops on the same
 * in-process node, same rows, same in-flight bound (256), median of 3 after one warm-up. Run with
 * {@code provider-cassandra/bench.sh [rows]}; prints one table.
 */
public final class BenchmarkCassandraBulk {
    private static final int BATCH = 10_000;
    private static final int IN_FLIGHT = 256;
    private static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("qty", FieldType.nullable(new ArrowType.Int(32, true)), null),
            new Field("price", FieldType.nullable(new ArrowType.Decimal(12, 2, 128)), null),
            new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field("at", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC")), null)));

    private BenchmarkCassandraBulk() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        DatastoreConfig config = TestingCassandra.freshKeyspace("bench");
        String keyspace = config.value("keyspace").orElseThrow();
        CqlSession session = TestingCassandra.admin();
        session.execute("CREATE TABLE " + keyspace
                + ".t (id bigint PRIMARY KEY, qty int, price decimal, name text, at timestamp)");
        try (Datastore datastore = TestingCassandra.open(config)) {
            List<long[]> times = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                truncate(session, keyspace);
                long sdkWrite = time(() -> sdkWrite(datastore, rows));
                check(session, keyspace, rows);
                truncate(session, keyspace);
                long loopWrite = time(() -> loopWrite(session, keyspace, rows));
                check(session, keyspace, rows);
                long sdkRead = time(() -> check(rows, sdkRead(datastore)));
                long loopRead = time(() -> check(rows, loopRead(session, keyspace)));
                if (i > 0) {
                    times.add(new long[] {sdkWrite, loopWrite, sdkRead, loopRead});
                }
            }
            System.out.printf(
                    "%n%,d rows (id bigint, qty int, price decimal, name text, at timestamp), in-process Cassandra 5.0.9, median of 3%n",
                    rows);
            System.out.println("| path | SDK rows/s | hand-written rows/s | SDK / hand-written |");
            System.out.println("|---|---|---|---|");
            print(
                    "write: Arrow batches -> Cassandra (async prepared INSERTs, 256 in flight)",
                    rows,
                    median(times, 0),
                    median(times, 1));
            print("read: Cassandra -> Arrow batches (whole table, paged)", rows, median(times, 2), median(times, 3));
        } finally {
            TestingCassandra.dropKeyspace(config);
            System.exit(0);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static long time(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    private static long median(List<long[]> times, int column) {
        return times.stream().mapToLong(t -> t[column]).sorted().toArray()[times.size() / 2];
    }

    private static void print(String path, int rows, long sdk, long loop) {
        System.out.printf(
                "| %s | %,.0f | %,.0f | %.2f× |%n", path, rows / (sdk / 1e9), rows / (loop / 1e9), (double) loop / sdk);
    }

    private static void truncate(CqlSession session, String keyspace) {
        session.execute("TRUNCATE " + keyspace + ".t");
    }

    private static void check(CqlSession session, String keyspace, int rows) {
        long count = session.execute(SimpleStatement.newInstance("SELECT count(*) FROM " + keyspace + ".t")
                        .setTimeout(java.time.Duration.ofMinutes(2)))
                .one()
                .getLong(0);
        check(rows, count);
    }

    private static void check(long expected, long actual) {
        if (expected != actual) {
            throw new IllegalStateException("expected " + expected + " rows, found " + actual);
        }
    }

    private static void sdkWrite(Datastore datastore, int rows) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader source = batches(allocator, rows)) {
            datastore.bulkWriter().write(WriteRequest.append(TableRef.of("t")), source);
        }
    }

    private static long sdkRead(Datastore datastore) throws IOException {
        long count = 0;
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = datastore.bulkReader().read(ReadRequest.table(TableRef.of("t")), allocator)) {
            while (reader.loadNextBatch()) {
                count += reader.getVectorSchemaRoot().getRowCount();
            }
        }
        return count;
    }

    /** What people write without the SDK: the same prepared INSERT, the same bound on requests in flight. */
    private static void loopWrite(CqlSession session, String keyspace, int rows) throws InterruptedException {
        PreparedStatement insert =
                session.prepare("INSERT INTO " + keyspace + ".t (id, qty, price, name, at) VALUES (?, ?, ?, ?, ?)");
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int id = 0; id < rows && failure.get() == null; id++) {
            inFlight.acquire();
            session.executeAsync(insert.bind(
                            (long) id,
                            id % 50,
                            BigDecimal.valueOf(id * 7L, 2),
                            "name " + id,
                            Instant.ofEpochMilli(1_700_000_000_000L + id)))
                    .whenComplete((r, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                        inFlight.release();
                    });
        }
        inFlight.acquire(IN_FLIGHT);
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
    }

    /** Every column of every row read, as a hand-written loop over the driver's paged result would. */
    private static long loopRead(CqlSession session, String keyspace) {
        long count = 0;
        long sink = 0;
        for (Row row :
                session.execute(SimpleStatement.newInstance("SELECT id, qty, price, name, at FROM " + keyspace + ".t")
                        .setPageSize(5_000))) {
            sink += row.getLong(0)
                    + row.getInt(1)
                    + row.getBigDecimal(2).scale()
                    + row.getString(3).length()
                    + row.getInstant(4).getNano();
            count++;
        }
        return sink == Long.MIN_VALUE ? -1 : count;
    }

    private static ArrowReader batches(BufferAllocator allocator, int rows) {
        return new ArrowReader(allocator) {
            private int next;

            @Override
            public boolean loadNextBatch() throws IOException {
                int count = Math.min(BATCH, rows - next);
                if (count <= 0) {
                    return false;
                }
                VectorSchemaRoot root = getVectorSchemaRoot();
                root.allocateNew();
                for (int i = 0; i < count; i++) {
                    long id = next + i;
                    ((BigIntVector) root.getVector("id")).setSafe(i, id);
                    ((IntVector) root.getVector("qty")).setSafe(i, (int) (id % 50));
                    ((DecimalVector) root.getVector("price")).setSafe(i, BigDecimal.valueOf(id * 7L, 2));
                    ((VarCharVector) root.getVector("name"))
                            .setSafe(i, ("name " + id).getBytes(StandardCharsets.UTF_8));
                    ((TimeStampMilliTZVector) root.getVector("at")).setSafe(i, 1_700_000_000_000L + id);
                }
                root.setRowCount(count);
                next += count;
                return true;
            }

            @Override
            public long bytesRead() {
                return 0;
            }

            @Override
            protected void closeReadSource() {}

            @Override
            protected Schema readSchema() {
                return SCHEMA;
            }
        };
    }
}
