package io.datastores.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.spi.DatastoreConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntConsumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.cassandra.service.StorageService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk writes that fail half way (the source breaks, the node stops serving) report how many rows
 * were stored, and running the same write again converges on exactly the source's rows; a NULL is
 * left unset, so it does not erase what a column held.
 */
class CassandraWriteFaultsTest {
    private static final int ROWS = 2_000;
    private static final int BATCH = 250;
    private static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

    private DatastoreConfig config;
    private Datastore datastore;
    private final TableRef table = TableRef.of("faults");

    @BeforeEach
    void open() {
        config = TestingCassandra.freshKeyspace("cassandra_faults");
        datastore = TestingCassandra.open(config);
        datastore.execute("CREATE TABLE faults (id bigint PRIMARY KEY, name text)");
    }

    @AfterEach
    void close() {
        datastore.close();
        TestingCassandra.dropKeyspace(config);
    }

    @Test
    void aSourceBreakingHalfWayStatesWhatWasStoredAndTheRerunConverges() {
        assertThatThrownBy(() -> write(datastore, batch -> {
                    if (batch == 4) {
                        throw new IllegalStateException("source connection lost");
                    }
                }))
                .isInstanceOfSatisfying(
                        DatastoreException.class,
                        e -> assertThat(e.getMessage())
                                .contains("1000 rows were stored before the failure")
                                .contains("running the write again converges"));
        assertThat(count()).isEqualTo(1_000);

        assertThat(write(datastore, batch -> {}).rows()).isEqualTo(ROWS);
        assertThat(count()).isEqualTo(ROWS);
        assertThat(datastore
                        .query("SELECT name FROM faults WHERE id = ?", 1_999L)
                        .scalar())
                .isEqualTo("name 1999");
    }

    @Test
    void theNodeStoppingMidWriteIsAConnectionErrorAndTheRerunConverges() {
        Assumptions.assumeTrue(
                System.getenv("DATASTORES_TEST_CASSANDRA") == null,
                "stops the in-process node's native transport; an external node is left alone");
        try {
            assertThatThrownBy(() -> write(datastore, batch -> {
                        if (batch == 3) {
                            StorageService.instance.stopNativeTransport(true);
                        }
                    }))
                    .isInstanceOfSatisfying(DatastoreException.class, e -> {
                        assertThat(e.code())
                                .as("%s caused by %s", e.getMessage(), e.getCause())
                                .isIn(ErrorCode.CONNECTION, ErrorCode.TIMEOUT);
                        assertThat(e.getMessage()).contains("rows were stored before the failure");
                    });
        } finally {
            StorageService.instance.startNativeTransport();
        }
        datastore.close();
        assertThat(write(datastore, batch -> {}).rows()).isEqualTo(ROWS);
        assertThat(count()).isEqualTo(ROWS);
    }

    @Test
    void aNullIsLeftUnsetSoItWritesNoTombstone() {
        datastore.execute("INSERT INTO faults (id, name) VALUES (?, ?)", 7L, "kept");
        write(datastore, batch -> {});
        // Row 7 of the source has a NULL name (every seventh): unset, so the stored value stays.
        assertThat(datastore.query("SELECT name FROM faults WHERE id = ?", 7L).scalar())
                .isEqualTo("kept");
        assertThat(datastore.query("SELECT name FROM faults WHERE id = ?", 14L).scalar())
                .isNull();
        assertThatThrownBy(() -> datastore
                        .bulkWriter()
                        .write(
                                new WriteRequest(table, WriteMode.UPSERT, List.of("name")),
                                reader(new RootAllocator(), batch -> {})))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                .hasMessageContaining("primary key [id]");
    }

    private io.datastores.api.bulk.WriteResult write(Datastore target, IntConsumer beforeBatch) {
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader rows = reader(allocator, beforeBatch)) {
            return target.bulkWriter().write(WriteRequest.append(table), rows);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long count() {
        return (Long) TestingCassandra.admin()
                .execute("SELECT count(*) FROM " + config.value("keyspace").orElseThrow() + ".faults")
                .one()
                .getObject(0);
    }

    /** {@value #ROWS} rows in batches of {@value #BATCH}; {@code beforeBatch} may throw to break the source. */
    private static ArrowReader reader(BufferAllocator allocator, IntConsumer beforeBatch) {
        return new ArrowReader(allocator) {
            private int batch;

            @Override
            public boolean loadNextBatch() throws IOException {
                if (batch * BATCH >= ROWS) {
                    return false;
                }
                try {
                    beforeBatch.accept(batch);
                } catch (IllegalStateException e) {
                    throw new IOException(e.getMessage(), e);
                }
                VectorSchemaRoot root = getVectorSchemaRoot();
                root.allocateNew();
                for (int i = 0; i < BATCH; i++) {
                    long id = (long) batch * BATCH + i;
                    ((BigIntVector) root.getVector("id")).setSafe(i, id);
                    if (id % 7 == 0) {
                        ((VarCharVector) root.getVector("name")).setNull(i);
                    } else {
                        ((VarCharVector) root.getVector("name"))
                                .setSafe(i, ("name " + id).getBytes(StandardCharsets.UTF_8));
                    }
                }
                root.setRowCount(BATCH);
                batch++;
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
