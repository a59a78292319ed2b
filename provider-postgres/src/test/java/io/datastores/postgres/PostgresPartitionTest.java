package io.datastores.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.PartitionedRead;
import io.datastores.api.bulk.Predicate;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.core.Reads;
import io.datastores.jdbc.TestingServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Page-range partitions against a real PostgreSQL: they split by {@code ctid}, and every partition
 * reads the one exported snapshot, so rows rewritten between two partitions' reads (new versions on
 * new pages, in another partition's range) are still read exactly once, in their old version.
 */
class PostgresPartitionTest {
    private static final int ROWS = 20_000;

    private Datastore datastore;
    private String schema;
    private TableRef table;

    @BeforeEach
    void setUp() {
        datastore =
                new PostgresDatastoreProvider().open(TestingServers.postgres().config("postgres"));
        schema = TestingServers.uniqueName("parts");
        table = TableRef.of(schema, "items");
        datastore.execute("CREATE SCHEMA \"" + schema + "\"");
        datastore.execute(
                "CREATE TABLE " + datastore.qualify(table) + " (id bigint PRIMARY KEY, version int, pad text)");
        datastore.execute("INSERT INTO " + datastore.qualify(table) + " SELECT i, 1, repeat('x', 60) "
                + "FROM generate_series(0, " + (ROWS - 1) + ") i");
    }

    @AfterEach
    void tearDown() {
        try {
            datastore.execute("DROP SCHEMA \"" + schema + "\" CASCADE");
        } finally {
            datastore.close();
        }
    }

    @Test
    void aTableSplitsIntoPageRangesOnOneSnapshot() {
        try (PartitionedRead parts = Reads.partition(datastore, ReadRequest.table(table), 4)) {
            assertThat(parts.partitions()).hasSize(4);
            assertThat(parts.partitions())
                    .allSatisfy(p -> assertThat(p.partition().hints()).containsKey("snapshot"));
            List<Long> ids = new ArrayList<>();
            List<Long> versions = new ArrayList<>();
            read(parts.partitions().get(0), ids, versions);
            // Every row gets a new version, written after the last page: in the last partition's range.
            datastore.execute("UPDATE " + datastore.qualify(table) + " SET version = 2");
            datastore.execute("INSERT INTO " + datastore.qualify(table) + " VALUES (" + ROWS + ", 2, 'late')");
            for (ReadRequest part : parts.partitions().subList(1, 4)) {
                read(part, ids, versions);
            }
            assertThat(ids).as("each row once").doesNotHaveDuplicates().hasSize(ROWS);
            assertThat(ids.stream().sorted().toList())
                    .isEqualTo(LongStream.range(0, ROWS).boxed().toList());
            assertThat(versions).as("as of the snapshot").containsOnly(1L);
        }
    }

    @Test
    void aFilteredPartitionTakesTheResultSetPathOnTheSameSnapshot() {
        ReadRequest even =
                ReadRequest.table(table).withFilter(Predicate.lt("id", 100L)).withColumns("id", "version");
        try (PartitionedRead parts = Reads.partition(datastore, even, 3)) {
            datastore.execute("DELETE FROM " + datastore.qualify(table) + " WHERE id < 50");
            List<Long> ids = new ArrayList<>();
            for (ReadRequest part : parts.partitions()) {
                read(part, ids, new ArrayList<>());
            }
            assertThat(ids.stream().sorted().toList())
                    .isEqualTo(LongStream.range(0, 100).boxed().toList());
        }
    }

    private void read(ReadRequest part, List<Long> ids, List<Long> versions) {
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = Reads.open(datastore, part, allocator)) {
            while (reader.loadNextBatch()) {
                FieldVector id = reader.getVectorSchemaRoot().getVector("id");
                FieldVector version = reader.getVectorSchemaRoot().getVector("version");
                for (int i = 0; i < reader.getVectorSchemaRoot().getRowCount(); i++) {
                    ids.add(((Number) id.getObject(i)).longValue());
                    versions.add(((Number) version.getObject(i)).longValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
