package io.datastores.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.datastores.api.Capability;
import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.BulkReader;
import io.datastores.api.bulk.PartitionedRead;
import io.datastores.api.bulk.Predicate;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.core.Reads;
import io.datastores.tck.ReadRows.Row;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

/**
 * Structured reads, for every datastore with a bulk reader and writer (run by every suite, since
 * {@link DatastoreSuite} implements it): each predicate, the projection and the limit give exactly
 * the rows a Java oracle keeps, both as the datastore pushes them down and with nothing pushed
 * down (all done by {@link Reads} on the batches); NULLs follow three-valued logic; literals are
 * typed (timestamps with and without zone, decimals, text with quotes, case and non-ASCII); and
 * partitions of 1 to 8 cover a table with no row twice, also after being serialised.
 */
public interface ReadSuite {
    /** Rows of the filtered table. */
    int ROWS = 84;

    /** @return the fresh datastore under test */
    Datastore datastore();

    /**
     * @return the finest unit the datastore keeps timestamps in; the oracle truncates to it, as the
     *     datastore does (Cassandra keeps milliseconds, a loss its type mapping names)
     */
    default ChronoUnit timestampPrecision() {
        return ChronoUnit.MICROS;
    }

    /** Each predicate, pushed down and not, against the oracle. */
    @Test
    default void everyPredicateSelectsExactlyTheOraclesRowsPushedDownOrNot() {
        assumeBulk();
        TableRef table = TableRef.of("read_filters");
        ReadRows.write(datastore(), table, ROWS, 2);
        LocalDateTime local = ReadRows.LOCAL_START.plusMinutes(37L * 40).plusNanos(40_040_000L);
        Instant utc = ReadRows.UTC_START.plusSeconds(41L * 60 * 50);
        Map<Predicate, java.util.function.Predicate<Row>> cases = new java.util.LinkedHashMap<>();
        cases.put(Predicate.eq("name", "O'Brien"), r -> "O'Brien".equals(r.name()));
        cases.put(Predicate.eq("name", "abc"), r -> "abc".equals(r.name()));
        cases.put(Predicate.ne("name", "abc"), r -> r.name() != null && !"abc".equals(r.name()));
        cases.put(Predicate.gt("name", "a"), r -> r.name() != null && codePoints(r.name(), "a") > 0);
        cases.put(Predicate.le("name", "\"quoted\""), r -> r.name() != null && codePoints(r.name(), "\"quoted\"") <= 0);
        cases.put(
                Predicate.in("name", "z😀", "\"quoted\"", "missing"),
                r -> "z😀".equals(r.name()) || "\"quoted\"".equals(r.name()));
        cases.put(Predicate.in("name"), r -> false);
        cases.put(Predicate.not(Predicate.in("name")), r -> true);
        cases.put(Predicate.isNull("amount"), r -> r.amount() == null);
        cases.put(Predicate.isNotNull("amount"), r -> r.amount() != null);
        cases.put(
                Predicate.gt("amount", new BigDecimal("10.25")),
                r -> r.amount() != null && r.amount().compareTo(new BigDecimal("10.25")) > 0);
        cases.put(
                Predicate.le("amount", 0L),
                r -> r.amount() != null && r.amount().signum() <= 0);
        cases.put(
                Predicate.not(Predicate.gt("amount", 0L)),
                r -> r.amount() != null && r.amount().signum() <= 0);
        cases.put(
                Predicate.or(Predicate.isNull("amount"), Predicate.lt("amount", -50L)),
                r -> r.amount() == null || r.amount().compareTo(BigDecimal.valueOf(-50)) < 0);
        cases.put(Predicate.ge("score", 30.0), r -> r.score() != null && r.score() >= 30.0);
        cases.put(Predicate.lt("score", 10L), r -> r.score() != null && r.score() < 10);
        cases.put(
                Predicate.eq("day", LocalDate.of(2020, 1, 31)),
                r -> LocalDate.of(2020, 1, 31).equals(r.day()));
        cases.put(
                Predicate.lt("day", LocalDate.of(2020, 2, 10)),
                r -> r.day() != null && r.day().isBefore(LocalDate.of(2020, 2, 10)));
        cases.put(
                Predicate.ge("local_ts", local),
                r -> r.localTs() != null && !r.localTs().isBefore(local));
        // A datastore that keeps no zone (a named loss) holds the UTC wall clock: compare with that, never guess.
        boolean zoned = zoned(table, "utc_ts");
        OffsetDateTime plusTwo = utc.atOffset(ZoneOffset.ofHours(2));
        cases.put(
                Predicate.lt("utc_ts", zoned ? utc : LocalDateTime.ofInstant(utc, ZoneOffset.UTC)),
                r -> r.utcTs() != null && r.utcTs().isBefore(utc));
        cases.put(
                Predicate.ge("utc_ts", zoned ? plusTwo : LocalDateTime.ofInstant(utc, ZoneOffset.UTC)),
                r -> r.utcTs() != null && !r.utcTs().isBefore(utc));
        cases.put(
                Predicate.and(
                        Predicate.ne("name", "abc"), Predicate.gt("id", 10L), Predicate.not(Predicate.isNull("score"))),
                r -> r.name() != null && !"abc".equals(r.name()) && r.id() > 10 && r.score() != null);
        cases.put(Predicate.in("id", 3L, 5, (short) 8, 1000L), r -> r.id() == 3 || r.id() == 5 || r.id() == 8);
        for (Datastore store : List.of(datastore(), nothingPushedDown(datastore()))) {
            cases.forEach((predicate, oracle) -> assertThat(sorted(ids(
                            store,
                            ReadRequest.table(table).withFilter(predicate).withBatchSize(16))))
                    .as("%s on %s", predicate, store == datastore() ? "the datastore" : "core alone")
                    .isEqualTo(ReadRows.ids(ROWS, timestampPrecision(), oracle)));
        }
    }

    /**
     * Projection (order, a filter on a column not projected) and limit, pushed down and not.
     *
     * @throws Exception when reading fails
     */
    @Test
    default void projectionAndLimitReturnWhatWasAskedPushedDownOrNot() throws Exception {
        assumeBulk();
        TableRef table = TableRef.of("read_projection");
        ReadRows.write(datastore(), table, ROWS, 1);
        for (Datastore store : List.of(datastore(), nothingPushedDown(datastore()))) {
            ReadRequest projected = ReadRequest.table(table)
                    .withColumns("name", "id")
                    .withFilter(Predicate.eq("amount", new BigDecimal("-63.75")));
            try (BufferAllocator allocator = new RootAllocator();
                    ArrowReader reader = Reads.open(store, projected, allocator)) {
                assertThat(reader.getVectorSchemaRoot().getSchema().getFields())
                        .extracting(Field::getName)
                        .containsExactly("name", "id");
            }
            List<Long> expected = ReadRows.ids(ROWS, r -> new BigDecimal("-63.75").equals(r.amount()));
            assertThat(expected).isNotEmpty();
            assertThat(sorted(ids(store, projected))).isEqualTo(expected);
            ReadRequest limited = ReadRequest.table(table)
                    .withFilter(Predicate.isNotNull("score"))
                    .withLimit(5L)
                    .withBatchSize(2);
            List<Long> some = ids(store, limited);
            assertThat(some).hasSize(5).doesNotHaveDuplicates().isSubsetOf(ReadRows.ids(ROWS, r -> r.score() != null));
            assertThat(ids(store, ReadRequest.table(table).withLimit(0L))).isEmpty();
        }
    }

    /**
     * Partitions of 1 to 8, with and without a filter, and serialised.
     *
     * @throws Exception when reading or serialising fails
     */
    @Test
    default void partitionsOfOneToEightCoverTheTableWithNoRowTwice() throws Exception {
        assumeBulk();
        TableRef table = TableRef.of("read_partitions");
        int rows = 2_000;
        ReadRows.write(datastore(), table, rows, 4);
        List<Long> all = LongStream.range(0, rows).boxed().toList();
        for (int count = 1; count <= 8; count++) {
            assertThat(sorted(partitionedIds(ReadRequest.table(table), count)))
                    .as("%d partitions", count)
                    .isEqualTo(all);
        }
        ReadRequest filtered = ReadRequest.table(table).withFilter(Predicate.ge("id", 1_500L));
        assertThat(sorted(partitionedIds(filtered, 3)))
                .isEqualTo(LongStream.range(1_500, rows).boxed().toList());
        try (PartitionedRead parts = Reads.partition(datastore(), ReadRequest.table(table), 4)) {
            List<Long> shipped = new ArrayList<>();
            for (ReadRequest part : parts.partitions()) {
                shipped.addAll(ids(datastore(), roundTrip(part)));
            }
            assertThat(sorted(shipped))
                    .as("partitions read after serialisation")
                    .isEqualTo(all);
        }
    }

    /** An empty table splits into partitions that read nothing. */
    @Test
    default void partitionsOfAnEmptyTableReadNothing() {
        assumeBulk();
        TableRef table = TableRef.of("read_empty");
        ReadRows.write(datastore(), table, 0, 1);
        if (datastore().describeIfExists(table).isEmpty()) {
            return; // An object store holds no table until a row is written: nothing to split.
        }
        assertThat(partitionedIds(ReadRequest.table(table), 4)).isEmpty();
    }

    private boolean zoned(TableRef table, String column) {
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader reader =
                        Reads.open(datastore(), ReadRequest.table(table).withLimit(0L), allocator)) {
            return ((org.apache.arrow.vector.types.pojo.ArrowType.Timestamp) reader.getVectorSchemaRoot()
                                    .getSchema()
                                    .findField(column)
                                    .getType())
                            .getTimezone()
                    != null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void assumeBulk() {
        assumeTrue(
                datastore().supports(Capability.BULK_READ) && datastore().supports(Capability.BULK_WRITE),
                "declares no BULK_READ and BULK_WRITE: the read suite writes its rows and reads them back");
    }

    private List<Long> partitionedIds(ReadRequest request, int count) {
        List<Long> ids = new ArrayList<>();
        try (PartitionedRead parts = Reads.partition(datastore(), request, count)) {
            assertThat(parts.partitions()).hasSizeBetween(1, count);
            for (ReadRequest part : parts.partitions()) {
                ids.addAll(ids(datastore(), part));
            }
        }
        return ids;
    }

    private static List<Long> ids(Datastore store, ReadRequest request) {
        try (BufferAllocator allocator = new RootAllocator()) {
            return ReadRows.readIds(Reads.open(store, request, allocator));
        }
    }

    private static List<Long> sorted(List<Long> ids) {
        return ids.stream().sorted().toList();
    }

    private static int codePoints(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    private static ReadRequest roundTrip(ReadRequest request) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(request);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ReadRequest) in.readObject();
        }
    }

    /** The datastore with a reader that pushes nothing down, so {@link Reads} does all of it. */
    private static Datastore nothingPushedDown(Datastore datastore) {
        Function<BulkReader, BulkReader> plain = reader -> reader::read;
        return (Datastore) Proxy.newProxyInstance(
                ReadSuite.class.getClassLoader(), new Class<?>[] {Datastore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("bulkReader")) {
                        return plain.apply(datastore.bulkReader());
                    }
                    try {
                        return method.invoke(datastore, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
