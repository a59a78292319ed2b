package io.datastores.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import io.datastores.tck.TckReaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.graphdb.Transaction;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * Faults that need a Neo4j of this test's own: a transient error retried, and the server stopped
 * in the middle of a write, with a Neo4j of this test's own (in its own surefire
 * fork, see the pom): its data directory outlives it, so a second server on the same data shows what
 * was stored and takes the upsert again.
 */
class Neo4jServerStopTest {
    private static final Schema PEOPLE = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
    private static final WriteRequest UPSERT = new WriteRequest(TableRef.of("Person"), WriteMode.UPSERT, List.of("id"));

    @Test
    void aServerStoppedMidWriteIsAConnectionErrorStatingTheCommittedRowsAndTheUpsertConvergesOnRestart()
            throws IOException {
        Path data = Files.createTempDirectory("neo4j-stop");
        try (BufferAllocator allocator = new RootAllocator()) {
            Neo4j first = start(data);
            long[] atStop = {-1};
            try (Datastore datastore = open(first)) {
                datastore
                        .feature(TableCreator.class)
                        .orElseThrow()
                        .createTable(TableRef.of("Person"), List.of(), List.of("id"));
                // Before the fourth batch: count what the first three committed, then stop the server.
                Runnable stop = () -> {
                    atStop[0] = first.defaultDatabaseService()
                            .executeTransactionally("MATCH (p:Person) RETURN count(p) AS c", Map.of(), r ->
                                    (Long) r.next().get("c"));
                    first.close();
                };
                try (ArrowReader source = people(allocator, 5, 3, stop)) {
                    assertThatThrownBy(() -> datastore.bulkWriter().write(UPSERT, source))
                            .isInstanceOfSatisfying(
                                    DatastoreException.class,
                                    e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION))
                            .hasMessageContaining("(300 rows in committed transactions were stored")
                            .hasMessageContaining("an upsert run again converges");
                }
            }
            assertThat(atStop[0]).isEqualTo(300L);

            Neo4j second = start(data);
            try (Datastore datastore = open(second)) {
                assertThat(datastore
                                .query("MATCH (p:Person) RETURN count(p) AS c")
                                .scalar())
                        .as("what was stored survived the stop")
                        .isEqualTo(300L);
                try (ArrowReader source = people(allocator, 5, -1, null)) {
                    assertThat(datastore.bulkWriter().write(UPSERT, source).rows())
                            .isEqualTo(500);
                }
                assertThat(datastore
                                .query("MATCH (p:Person) RETURN count(p) AS c, count(DISTINCT p.id) AS ids")
                                .rows())
                        .containsExactly(Map.of("c", 500L, "ids", 500L));
            } finally {
                second.close();
            }
        } finally {
            delete(data);
        }
    }

    @Test
    void aTransientErrorIsRetriedByTheManagedTransaction() throws Exception {
        Path data = Files.createTempDirectory("neo4j-lock");
        // Lock waits time out after 1 s, a transient error (Neo.TransientError.Transaction.LockAcquisitionTimeout).
        Neo4j server = Neo4jBuilders.newInProcessBuilder()
                .withDisabledServer()
                .withConfig(GraphDatabaseSettings.data_directory, data)
                .withConfig(GraphDatabaseSettings.auth_enabled, false)
                .withConfig(GraphDatabaseSettings.lock_acquisition_timeout, Duration.ofSeconds(1))
                .build();
        try (BufferAllocator allocator = new RootAllocator();
                Datastore datastore = open(server)) {
            datastore
                    .feature(TableCreator.class)
                    .orElseThrow()
                    .createTable(TableRef.of("Person"), List.of(), List.of("id"));
            datastore.execute("CREATE (:Person {id: 0, name: 'before'})");
            CountDownLatch locked = new CountDownLatch(1);
            Thread holder = new Thread(() -> {
                try (Transaction tx = server.defaultDatabaseService().beginTx()) {
                    tx.execute("MATCH (p:Person {id: 0}) SET p.name = 'held'").close();
                    locked.countDown();
                    Thread.sleep(4_000);
                    tx.commit();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            holder.start();
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

            // Person 0 is locked for 4 s, four times the lock timeout: only a retried transaction gets through.
            try (ArrowReader source = people(allocator, 1, -1, null)) {
                assertThat(datastore.bulkWriter().write(UPSERT, source).rows()).isEqualTo(100);
            }
            holder.join();
            assertThat(datastore
                            .query("MATCH (p:Person {id: 0}) RETURN p.name AS n")
                            .scalar())
                    .as("the upsert, retried after the holder committed, wrote last")
                    .isEqualTo("person 0");
            assertThat(datastore.query("MATCH (p:Person) RETURN count(p) AS c").scalar())
                    .isEqualTo(100L);
        } finally {
            server.close();
            delete(data);
        }
    }

    private static void delete(Path data) throws IOException {
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Neo4j start(Path data) {
        return Neo4jBuilders.newInProcessBuilder()
                .withDisabledServer()
                .withConfig(GraphDatabaseSettings.data_directory, data)
                .withConfig(GraphDatabaseSettings.auth_enabled, false)
                .build();
    }

    private static Datastore open(Neo4j server) {
        return TestingNeo4j.open(new DatastoreConfig(
                "neo4j_stopped",
                "neo4j",
                "",
                List.of(),
                true,
                Map.of("uri", server.boltURI().toString(), "batch_size", "100"),
                Map.of(),
                new PoolSettings(0, 4, Duration.ofSeconds(5)),
                Map.of()));
    }

    /**
     * {@code batches} batches of 100 people, ids from 0; {@code stop} runs before batch {@code stopBefore} is
     * made (never when it is -1).
     */
    private static ArrowReader people(BufferAllocator allocator, int batches, int stopBefore, Runnable stop) {
        return TckReaders.of(allocator, PEOPLE, (root, next) -> {
            if (next == batches) {
                return 0;
            }
            if (next == stopBefore) {
                stop.run();
            }
            for (int i = 0; i < 100; i++) {
                long id = next * 100L + i;
                ((BigIntVector) root.getVector("id")).setSafe(i, id);
                ((VarCharVector) root.getVector("name")).setSafe(i, ("person " + id).getBytes(StandardCharsets.UTF_8));
            }
            return 100;
        });
    }
}
