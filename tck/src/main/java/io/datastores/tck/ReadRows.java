package io.datastores.tck;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.WriteRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The rows the read suite filters: an integer key and one nullable column of each kind a predicate
 * compares (text with quotes, case and non-ASCII; decimal; double; date; timestamps without and
 * with zone), each NULL in a different pattern, so three-valued logic shows. Each row is also a Java
 * record, the oracle the read's answer is checked against.
 */
final class ReadRows {
    static final List<String> NAMES = List.of("O'Brien", "\"quoted\"", "abc", "ABC", "naïve", "z😀");
    static final LocalDateTime LOCAL_START = LocalDateTime.of(2024, 3, 10, 1, 0);
    static final Instant UTC_START = Instant.parse("2024-03-10T00:00:00Z");
    static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field("amount", FieldType.nullable(new ArrowType.Decimal(12, 2, 128)), null),
            new Field("score", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null),
            new Field("day", FieldType.nullable(new ArrowType.Date(DateUnit.DAY)), null),
            new Field("local_ts", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)), null),
            new Field("utc_ts", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")), null)));

    /** One row, as the oracle sees it. */
    record Row(
            long id,
            String name,
            BigDecimal amount,
            Double score,
            LocalDate day,
            LocalDateTime localTs,
            Instant utcTs) {}

    private ReadRows() {}

    static Row row(long id) {
        int i = (int) id;
        return new Row(
                id,
                i % 7 == 6 ? null : NAMES.get(i % 7),
                i % 5 == 0 ? null : BigDecimal.valueOf((i * 37L % 200 - 100) * 100 + 25, 2),
                i % 6 == 0 ? null : i * 1.5,
                i % 4 == 0 ? null : LocalDate.of(2020, 1, 1).plusDays(i),
                i % 3 == 0 ? null : LOCAL_START.plusMinutes(i * 37L).plus(i * 1_001L, ChronoUnit.MICROS),
                i % 3 == 1 ? null : UTC_START.plus(i * 41L, ChronoUnit.MINUTES));
    }

    /** @return the ids of rows {@code 0..count-1} the oracle keeps, in order */
    static List<Long> ids(int count, Predicate<Row> keep) {
        return IntStream.range(0, count)
                .mapToObj(ReadRows::row)
                .filter(keep)
                .map(Row::id)
                .toList();
    }

    /** @return the ids of rows {@code 0..count-1} the oracle keeps, their timestamps truncated to {@code unit} */
    static List<Long> ids(int count, ChronoUnit unit, Predicate<Row> keep) {
        return IntStream.range(0, count)
                .mapToObj(ReadRows::row)
                .map(r -> new Row(
                        r.id(),
                        r.name(),
                        r.amount(),
                        r.score(),
                        r.day(),
                        r.localTs() == null ? null : r.localTs().truncatedTo(unit),
                        r.utcTs() == null ? null : r.utcTs().truncatedTo(unit)))
                .filter(keep)
                .map(Row::id)
                .toList();
    }

    /**
     * Creates the table (when the datastore creates tables) and writes rows {@code 0..count-1} in
     * {@code writes} separate appends, so object stores hold as many parts.
     */
    static void write(Datastore datastore, TableRef table, int count, int writes) {
        TckTables.create(datastore, table, SCHEMA, List.of("id"));
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int w = 0; w < writes; w++) {
                try (ArrowReader rows = reader(allocator, count * w / writes, count * (w + 1) / writes)) {
                    datastore.bulkWriter().write(WriteRequest.append(table), rows);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive), in one batch. */
    private static ArrowReader reader(BufferAllocator allocator, int from, int to) {
        return TckReaders.of(allocator, SCHEMA, (root, index) -> {
            int rows = index == 0 ? to - from : 0;
            for (int i = 0; i < rows; i++) {
                fill(root, i, row(from + i));
            }
            return rows;
        });
    }

    private static void fill(VectorSchemaRoot root, int i, Row row) {
        ((BigIntVector) root.getVector("id")).setSafe(i, row.id());
        VarCharVector name = (VarCharVector) root.getVector("name");
        if (row.name() == null) {
            name.setNull(i);
        } else {
            name.setSafe(i, row.name().getBytes(StandardCharsets.UTF_8));
        }
        setOrNull(root.getVector("amount"), i, row.amount(), v -> ((DecimalVector) v).setSafe(i, row.amount()));
        setOrNull(root.getVector("score"), i, row.score(), v -> ((Float8Vector) v).setSafe(i, row.score()));
        setOrNull(
                root.getVector("day"),
                i,
                row.day(),
                v -> ((DateDayVector) v).setSafe(i, (int) row.day().toEpochDay()));
        setOrNull(
                root.getVector("local_ts"),
                i,
                row.localTs(),
                v -> ((TimeStampMicroVector) v)
                        .setSafe(
                                i,
                                ChronoUnit.MICROS.between(
                                        Instant.EPOCH, row.localTs().toInstant(ZoneOffset.UTC))));
        setOrNull(
                root.getVector("utc_ts"),
                i,
                row.utcTs(),
                v -> ((TimeStampMicroTZVector) v).setSafe(i, ChronoUnit.MICROS.between(Instant.EPOCH, row.utcTs())));
    }

    private static void setOrNull(
            FieldVector vector, int i, Object value, java.util.function.Consumer<FieldVector> set) {
        if (value == null) {
            vector.setNull(i);
        } else {
            set.accept(vector);
        }
    }

    /** Reads every batch (and closes the reader): the {@code id} column's values, in order read. */
    static List<Long> readIds(ArrowReader reader) {
        List<Long> ids = new ArrayList<>();
        try (reader) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                FieldVector id = root.getVector("id");
                for (int i = 0; i < root.getRowCount(); i++) {
                    ids.add(((Number) id.getObject(i)).longValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }
}
