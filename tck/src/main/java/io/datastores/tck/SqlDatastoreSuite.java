package io.datastores.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.datastores.api.Capability;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.BoundStatement;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

/**
 * The suite every SQL provider passes: everything of {@link SqlSuite} (and so of
 * {@link DatastoreSuite}), plus the bulk capabilities: a declared BULK_READ/BULK_WRITE round-trips
 * and fails atomically (whole batches only, without TRANSACTIONS), {@code beforeCommit} statements
 * commit with the rows or not at all, UPSERT is honoured both ways, a type zoo comes back exactly
 * except for the losses the provider's {@link TableCreator} names, and a column added through the
 * {@code TableCreator} reads NULL for the rows already there. A provider's test extends it in a few
 * lines.
 */
public abstract class SqlDatastoreSuite extends SqlSuite {

    @Test
    void bulkWriteThenReadRoundTrips() throws Exception {
        assumeTrue(
                datastore.supports(Capability.BULK_READ) && datastore.supports(Capability.BULK_WRITE),
                "declares neither BULK_READ nor BULK_WRITE (checked both ways elsewhere)");
        createBulkTable("bulk_round_trip", false);
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader rows = TckBatches.reader(allocator, 0, 250, 100)) {
            WriteResult result =
                    datastore.bulkWriter().write(WriteRequest.append(TableRef.of("bulk_round_trip")), rows);
            assertThat(result.rows()).isEqualTo(250);
        }
        try (BufferAllocator allocator = new RootAllocator()) {
            List<List<Object>> back = TckBatches.rows(datastore
                    .bulkReader()
                    .read(
                            ReadRequest.query(
                                            "SELECT id, name, amount FROM " + quote("bulk_round_trip") + " ORDER BY id")
                                    .withBatchSize(64),
                            allocator));
            assertThat(back).isEqualTo(TckBatches.expected(0, 250));
        }
    }

    @Test
    void aBulkWriteThatFailsHalfWayLeavesTheTableAsItWas() throws Exception {
        assumeTrue(
                datastore.supports(Capability.BULK_WRITE), "does not declare BULK_WRITE (checked both ways elsewhere)");
        if (!datastore.supports(Capability.TRANSACTIONS)) {
            aBulkWriteThatFailsHalfWayKeepsWholeBatchesOnly();
            return;
        }
        createBulkTable("bulk_atomic", true);
        datastore.execute(
                "INSERT INTO " + quote("bulk_atomic") + " (id, name, amount) VALUES (?, ?, ?)", 150, "kept", null);
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader rows = TckBatches.reader(allocator, 0, 300, 100)) {
            // Row 150 collides with the primary key in the second batch.
            assertThatThrownBy(
                            () -> datastore.bulkWriter().write(WriteRequest.append(TableRef.of("bulk_atomic")), rows))
                    .isInstanceOf(DatastoreException.class);
        }
        assertThat(datastore
                        .query("SELECT id, name FROM " + quote("bulk_atomic"))
                        .rows())
                .extracting(row -> ((Number) row.get("id")).intValue() + ":" + row.get("name"))
                .containsExactly("150:kept");
    }

    @Test
    void statementsBeforeCommitCommitWithTheRowsOrNotAtAll() throws Exception {
        assumeTrue(
                datastore.supports(Capability.BULK_WRITE), "does not declare BULK_WRITE (checked both ways elsewhere)");
        createBulkTable("bulk_rows", true);
        createBulkTable("bulk_state", true);
        // The state row's id is fixed, so a second write's statement collides with the first's.
        LongFunction<List<BoundStatement>> state = rows -> List.of(BoundStatement.of(
                "INSERT INTO " + quote("bulk_state") + " (id, name, amount) VALUES (?, ?, ?)",
                1,
                "rows=" + rows,
                null));
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader first = TckBatches.reader(allocator, 0, 120, 50);
                ArrowReader second = TckBatches.reader(allocator, 120, 200, 50)) {
            WriteRequest request = WriteRequest.append(TableRef.of("bulk_rows")).withBeforeCommit(state);
            if (!datastore.supports(Capability.TRANSACTIONS)) {
                assertThatThrownBy(() -> datastore.bulkWriter().write(request, first))
                        .isInstanceOfSatisfying(
                                DatastoreException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
                return;
            }
            datastore.bulkWriter().write(request, first);
            assertThatThrownBy(() -> datastore.bulkWriter().write(request, second))
                    .isInstanceOf(DatastoreException.class);
        }
        assertThat(((Number) datastore
                                .query("SELECT count(*) AS n FROM " + quote("bulk_rows"))
                                .scalar())
                        .intValue())
                .as("rows of the write whose statement failed are rolled back")
                .isEqualTo(120);
        assertThat(datastore
                        .query("SELECT id, name FROM " + quote("bulk_state"))
                        .rows())
                .extracting(row -> ((Number) row.get("id")).intValue() + ":" + row.get("name"))
                .containsExactly("1:rows=120");
    }

    @Test
    void upsertIsHonouredBothWays() throws Exception {
        assumeTrue(
                datastore.supports(Capability.BULK_WRITE), "does not declare BULK_WRITE (checked both ways elsewhere)");
        datastore.execute("CREATE TABLE " + quote("bulk_upsert") + " (id " + columnType("integer") + " NOT NULL, name "
                + columnType("text") + ", amount " + columnType("decimal") + ", PRIMARY KEY (id))"
                + upsertTableOptions());
        WriteRequest upsert = new WriteRequest(TableRef.of("bulk_upsert"), WriteMode.UPSERT, List.of("id"));
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader first = TckBatches.reader(allocator, 0, 10, 10);
                ArrowReader again = TckBatches.reader(allocator, 5, 15, 10)) {
            if (!datastore.supports(Capability.UPSERT)) {
                assertThatThrownBy(() -> datastore.bulkWriter().write(upsert, first))
                        .hasMessage("Datastore '" + datastore.name() + "' (" + datastore.type()
                                + ") does not support UPSERT");
                return;
            }
            datastore.bulkWriter().write(upsert, first);
            datastore.bulkWriter().write(upsert, again);
        }
        assertThat(((Number) datastore
                                .query("SELECT count(*) AS n FROM " + quote("bulk_upsert"))
                                .scalar())
                        .intValue())
                .isEqualTo(15);
    }

    @Test
    void typeZooRoundTripsExceptForTheLossesItsColumnTypesName() throws Exception {
        Optional<TableCreator> creator = datastore.feature(TableCreator.class);
        assumeTrue(
                datastore.supports(Capability.BULK_READ)
                        && datastore.supports(Capability.BULK_WRITE)
                        && creator.isPresent(),
                "needs BULK_READ, BULK_WRITE and a TableCreator (checked both ways elsewhere)");
        Map<String, List<String>> losses =
                TckTables.create(datastore, TableRef.of("type_zoo"), TckZoo.SCHEMA, List.of("id"));
        List<List<Object>> expected;
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot zoo = TckZoo.create(allocator, supportsFloatSpecials(), supportsExtremeDates());
                ArrowReader source = TckZoo.reader(allocator, zoo)) {
            expected = TckZoo.rows(zoo);
            datastore.bulkWriter().write(WriteRequest.append(TableRef.of("type_zoo")), source);
        }
        List<List<Object>> actual;
        try (BufferAllocator allocator = new RootAllocator()) {
            actual = TckZoo.rows(datastore
                    .bulkReader()
                    .read(
                            ReadRequest.query("SELECT * FROM " + quote("type_zoo") + " ORDER BY " + quote("id")),
                            allocator));
        }
        TckZoo.assertSameExceptLosses(expected, actual, losses);
    }

    @Test
    void anAddedColumnIsNullForTheRowsAlreadyThere() {
        Optional<TableCreator> creator = datastore.feature(TableCreator.class);
        assumeTrue(creator.isPresent(), "needs a TableCreator");
        createBulkTable("grows", false);
        datastore.execute("INSERT INTO " + quote("grows") + " (id, name) VALUES (1, 'before')");
        Field email = new Field("e mail", FieldType.nullable(new ArrowType.Utf8()), null);
        String type = creator.get().columnType(email).orElseThrow().ddl();
        try {
            creator.get().addColumn(TableRef.of("grows"), new TableCreator.ColumnDefinition("e mail", type, true));
        } catch (DatastoreException e) {
            assumeTrue(
                    e.code() != ErrorCode.UNSUPPORTED,
                    "this datastore's tables cannot gain columns: " + e.getMessage());
            throw e;
        }
        datastore.execute(
                "INSERT INTO " + quote("grows") + " (id, name, " + quote("e mail") + ") VALUES (2, 'after', 'a@b')");

        assertThat(datastore.describe(TableRef.of("grows")).column("e mail"))
                .hasValueSatisfying(c -> assertThat(c.nullable()).isTrue());
        assertThat(datastore
                        .query("SELECT id, " + quote("e mail") + " AS email FROM " + quote("grows") + " ORDER BY id")
                        .rows())
                .extracting(row -> row.get("email"))
                .containsExactly(null, "a@b");
    }

    /**
     * Without transactions a write cannot be undone, so the promise is per batch: the batches before
     * the failing one are stored whole, nothing of the failing batch is, and nothing after it is sent.
     * The second batch breaks a CHECK constraint on row 150.
     */
    private void aBulkWriteThatFailsHalfWayKeepsWholeBatchesOnly() throws Exception {
        createTable("CREATE TABLE " + quote("bulk_atomic") + " (id " + columnType("integer") + " NOT NULL, name "
                + columnType("text") + ", amount " + columnType("decimal") + ", CONSTRAINT no_150 CHECK (id <> 150))");
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader rows = TckBatches.reader(allocator, 0, 300, 100)) {
            assertThatThrownBy(
                            () -> datastore.bulkWriter().write(WriteRequest.append(TableRef.of("bulk_atomic")), rows))
                    .isInstanceOf(DatastoreException.class);
        }
        assertThat(datastore
                        .query("SELECT id FROM " + quote("bulk_atomic") + " ORDER BY id")
                        .rows())
                .extracting(row -> ((Number) row.get("id")).intValue())
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, 100).boxed().toList());
    }

    private void createBulkTable(String table, boolean primaryKey) {
        createTable("CREATE TABLE " + quote(table) + " (id " + columnType("integer") + " NOT NULL, name "
                + columnType("text") + ", amount " + columnType("decimal") + (primaryKey ? ", PRIMARY KEY (id)" : "")
                + ")");
    }
}
