package io.datastores.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.datastores.api.Capability;
import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import io.datastores.core.Reads;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

/**
 * Bulk writes and reads without a line of SQL, for every datastore with a bulk reader and writer
 * (run by every suite, since {@link DatastoreSuite} implements it), so an object store runs it as a
 * database does: rows written in batches come back whole through a table read; a source that
 * breaks after its first batch leaves no part of a batch behind (nothing at all with
 * TRANSACTIONS); UPSERT replaces by key or is refused with the fixed message; and the type zoo
 * comes back exactly, except for the losses the {@link io.datastores.api.bulk.TableCreator} names.
 * Tables are created by the datastore's {@code TableCreator}, or by the write where it has none;
 * reads name their columns (through {@link Reads}, which projects what a reader does not), since a
 * store may keep a table's columns in an order of its own (Cassandra: the key, then by name).
 */
public interface BulkSuite {
    /** How a column type's loss says it happens in reads through a query only. */
    String QUERY_ONLY = "when read through a query";

    /** @return the fresh datastore under test */
    Datastore datastore();

    /**
     * @return whether the datastore keeps -0.0, NaN and ±Infinity (the type zoo leaves them out
     *     when not)
     */
    default boolean supportsFloatSpecials() {
        return true;
    }

    /**
     * @return whether the datastore stores dates from year 1000 to 9999 (the type zoo uses
     *     1900-01-01 and 2299-12-31 instead when not, ClickHouse's range)
     */
    default boolean supportsExtremeDates() {
        return true;
    }

    /**
     * Batches of 100 rows, read back through a table read in batches of 64.
     *
     * @throws IOException when a reader fails to close
     */
    @Test
    default void bulkWriteThenTableReadRoundTrips() throws IOException {
        assumeBulk();
        TableRef table = TableRef.of("bulk_table_trip");
        TckTables.create(datastore(), table, TckBatches.SCHEMA, List.of("id"));
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader rows = TckBatches.reader(allocator, 0, 250, 100)) {
            WriteResult result = datastore().bulkWriter().write(WriteRequest.append(table), rows);
            assertThat(result.rows()).isEqualTo(250);
        }
        assertThat(batchRows(table)).isEqualTo(TckBatches.expected(0, 250));
    }

    /**
     * Rows 0..9 are there; the append of 100..399 breaks after its first batch.
     *
     * @throws IOException when a reader fails to close
     */
    @Test
    default void aSourceThatBreaksAfterItsFirstBatchLeavesNoPartOfABatch() throws IOException {
        assumeBulk();
        TableRef table = TableRef.of("bulk_broken_source");
        TckTables.create(datastore(), table, TckBatches.SCHEMA, List.of("id"));
        try (BufferAllocator allocator = new RootAllocator()) {
            try (ArrowReader before = TckBatches.reader(allocator, 0, 10, 10)) {
                datastore().bulkWriter().write(WriteRequest.append(table), before);
            }
            try (ArrowReader rows = TckBatches.reader(allocator, 100, 400, 100);
                    ArrowReader broken = TckReaders.failingAfterFirstBatch(rows, allocator)) {
                assertThatThrownBy(() -> datastore().bulkWriter().write(WriteRequest.append(table), broken))
                        .hasStackTraceContaining("source broke");
            }
        }
        List<List<Object>> kept = TckBatches.expected(0, 10);
        List<List<Object>> withFirstBatch = Stream.concat(kept.stream(), TckBatches.expected(100, 200).stream())
                .toList();
        List<List<Object>> after = batchRows(table);
        if (datastore().supports(Capability.TRANSACTIONS)) {
            assertThat(after)
                    .as("a write in one transaction is rolled back whole")
                    .isEqualTo(kept);
        } else {
            assertThat(after)
                    .as("whole batches only: the rows before, perhaps with the first batch")
                    .isIn(kept, withFirstBatch);
        }
    }

    /**
     * Rows 0..9, then 5..14 by key: 15 rows, none twice; or the fixed refusal.
     *
     * @throws IOException when a reader fails to close
     */
    @Test
    default void upsertReplacesByKeyOrIsRefused() throws IOException {
        assumeBulk();
        TableRef table = TableRef.of("bulk_upsert_by_key");
        TckTables.create(datastore(), table, TckBatches.SCHEMA, List.of("id"));
        WriteRequest upsert = new WriteRequest(table, WriteMode.UPSERT, List.of("id"));
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader first = TckBatches.reader(allocator, 0, 10, 10);
                ArrowReader again = TckBatches.reader(allocator, 5, 15, 10)) {
            if (!datastore().supports(Capability.UPSERT)) {
                assertThatThrownBy(() -> datastore().bulkWriter().write(upsert, first))
                        .hasMessage("Datastore '" + datastore().name() + "' ("
                                + datastore().type() + ") does not support UPSERT");
                return;
            }
            datastore().bulkWriter().write(upsert, first);
            datastore().bulkWriter().write(upsert, again);
        }
        assertThat(batchRows(table)).isEqualTo(TckBatches.expected(0, 15));
    }

    /**
     * The zoo of {@link TckZoo}, read back through a table read.
     *
     * @throws IOException when a reader fails to close
     */
    @Test
    default void typeZooRoundTripsThroughATableRead() throws IOException {
        assumeBulk();
        TableRef table = TableRef.of("bulk_type_zoo");
        Map<String, List<String>> losses = TckTables.create(datastore(), table, TckZoo.SCHEMA, List.of("id"));
        List<List<Object>> expected;
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot zoo = TckZoo.create(allocator, supportsFloatSpecials(), supportsExtremeDates());
                ArrowReader source = TckZoo.reader(allocator, zoo)) {
            expected = TckZoo.rows(zoo);
            datastore().bulkWriter().write(WriteRequest.append(table), source);
        }
        List<List<Object>> actual;
        try (BufferAllocator allocator = new RootAllocator()) {
            actual = new ArrayList<>(TckZoo.rows(Reads.open(
                    datastore(),
                    ReadRequest.table(table)
                            .withColumns(TckZoo.SCHEMA.getFields().stream()
                                    .map(Field::getName)
                                    .toList()),
                    allocator)));
        }
        actual.sort(Comparator.comparing(row -> (BigInteger) row.get(0)));
        // A loss a column type names only for reads through a query (ClickHouse's String read as
        // text) does not happen in a whole-table read.
        losses.replaceAll((column, named) ->
                named.stream().filter(loss -> !loss.contains(QUERY_ONLY)).toList());
        TckZoo.assertSameExceptLosses(expected, actual, losses);
    }

    private List<List<Object>> batchRows(TableRef table) throws IOException {
        try (BufferAllocator allocator = new RootAllocator()) {
            List<List<Object>> rows = new ArrayList<>(TckBatches.rows(Reads.open(
                    datastore(),
                    ReadRequest.table(table).withColumns("id", "name", "amount").withBatchSize(64),
                    allocator)));
            rows.sort(Comparator.comparing(row -> (BigDecimal) row.get(0)));
            return rows;
        }
    }

    private void assumeBulk() {
        assumeTrue(
                datastore().supports(Capability.BULK_READ) && datastore().supports(Capability.BULK_WRITE),
                "declares no BULK_READ and BULK_WRITE (checked both ways elsewhere)");
    }
}
