package io.datastores.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.WriteMode;
import io.datastores.core.Datastores;
import io.datastores.core.Transfer;
import io.datastores.core.TransferResult;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies that meet a failing or odd server: the in-process mongo-java-server of the test's own stopped
 * while a copy writes into it (its memory backend kept, so the documents it stored can be counted when
 * a server on the same port and backend comes back), and a collection of mixed shape copied out.
 */
class MongoFaultsTest {
    private static final int ROWS = 60_000;
    private static final int WRITE_BATCH = 250;
    private static final Pattern ACKNOWLEDGED = Pattern.compile("\\((\\d+) documents were acknowledged before");

    @TempDir
    Path dir;

    @Test
    void theServerGoingAwayMidCopyIsAConnectionErrorThatNeverClaimsMoreThanWasStored() throws Exception {
        Storage backend = new Storage();
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        String uri = "mongodb://" + address.getHostString() + ":" + address.getPort();
        String database = "faults";
        MongoServer[] restarted = {null};
        try (Datastores local = Datastores.fromYaml(
                        "datastores: {duck: {type: duckdb, connection: {database: '" + dir.resolve("s.duckdb") + "'}}}",
                        Map.of());
                Datastore mongo = open(uri + "/" + database)) {
            Datastore duck = local.get("duck");
            duck.execute("CREATE TABLE src AS SELECT i AS id, 'name ' || i AS name FROM range(" + ROWS + ") t(i)");
            Thread watcher = stopWhenStored(server, backend, database, ROWS / 10);
            assertThatThrownBy(() -> copy(duck, mongo, WriteMode.APPEND))
                    .isInstanceOfSatisfying(DatastoreException.class, e -> {
                        assertThat(e.code()).as("%s", e.getMessage()).isEqualTo(ErrorCode.CONNECTION);
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).contains(address.getHostString() + ":" + address.getPort());
                        Matcher claimed = ACKNOWLEDGED.matcher(e.getMessage());
                        assertThat(claimed.find()).as(e.getMessage()).isTrue();
                        long acknowledged = Long.parseLong(claimed.group(1));

                        // The same memory, served again on the same port: what the stopped server had stored.
                        restarted[0] = new MongoServer(backend);
                        restarted[0].bind(address.getHostString(), address.getPort());
                        long stored = count(uri, database);
                        assertThat(stored)
                                .as("the copy was cut short")
                                .isGreaterThanOrEqualTo(ROWS / 10)
                                .isLessThan(ROWS);
                        assertThat(acknowledged)
                                .as("never more than was stored, and short of it by at most the one batch in flight")
                                .isLessThanOrEqualTo(stored)
                                .isGreaterThanOrEqualTo(stored - WRITE_BATCH);
                    });
            watcher.join();

            // The message's advice: the same copy again as an upsert by key converges on the source's rows.
            try (Datastore again = open(uri + "/" + database)) {
                assertThat(copy(duck, again, WriteMode.UPSERT).rows()).isEqualTo(ROWS);
            }
            assertThat(count(uri, database)).isEqualTo(ROWS);
        } finally {
            server.shutdownNow();
            if (restarted[0] != null) {
                restarted[0].shutdownNow();
            }
            backend.release();
        }
    }

    @Test
    void aCollectionOfMixedShapeCopiesOutWithEachConflictNamedInThePlanAndReadAsJsonText() {
        try (TestingMongo mongo = TestingMongo.open("mongo_mixed");
                Datastores datastores = Datastores.fromYaml(
                        "datastores:\n"
                                + "  mongo: {type: mongodb, connection: {uri: '" + mongo.uri + "/" + mongo.database
                                + "'}}\n"
                                + "  duck: {type: duckdb, connection: {database: '" + dir.resolve("m.duckdb")
                                + "'}}\n",
                        Map.of())) {
            mongo.client()
                    .getDatabase(mongo.database)
                    .getCollection("shapes")
                    .insertMany(List.of(
                            new Document("_id", new ObjectId("650000000000000000000001"))
                                    .append("n", 1)
                                    .append("v", "text")
                                    .append("flag", true),
                            new Document("_id", new ObjectId("650000000000000000000002"))
                                    .append("n", 5_000_000_000L)
                                    .append("v", 12)
                                    .append("flag", "yes"),
                            new Document("_id", new ObjectId("650000000000000000000003"))
                                    .append("v", List.of(1, "two"))));
            TransferResult copied = datastores
                    .copy("mongo", TableRef.of("shapes"), "duck", TableRef.of("main", "shapes"))
                    .run();
            assertThat(copied.rows()).isEqualTo(3);
            assertThat(copied.plan().losses())
                    .containsExactlyInAnyOrder(
                            "_id: objectId arrives as text",
                            "v: mixed BSON types (int, json, str) arrives as text",
                            "flag: mixed BSON types (bool, str) arrives as text");
            assertThat(datastores
                            .get("duck")
                            .query("SELECT _id, n, v, flag FROM shapes ORDER BY _id")
                            .rows())
                    .extracting(r -> r.get("_id") + "|" + r.get("n") + "|" + r.get("v") + "|" + r.get("flag"))
                    .containsExactly(
                            "650000000000000000000001|1|\"text\"|true",
                            "650000000000000000000002|5000000000|12|\"yes\"",
                            "650000000000000000000003|null|[1, \"two\"]|null");
        }
    }

    private static TransferResult copy(Datastore source, Datastore target, WriteMode mode) {
        return Transfer.of(source, ReadRequest.table(TableRef.of("src")), target, TableRef.of("copied"))
                .key("id")
                .mode(mode)
                .batchSize(1_000)
                .run();
    }

    private static Datastore open(String uri) {
        return new MongoDatastoreProvider()
                .open(TestingMongo.config(
                        Map.of("uri", uri, "write_batch_size", String.valueOf(WRITE_BATCH)), Duration.ofSeconds(2)));
    }

    private static long count(String uri, String database) {
        try (MongoClient client = MongoClients.create(uri)) {
            return client.getDatabase(database).getCollection("copied").countDocuments();
        }
    }

    /** Stops the server, as a crash would (listening socket and every connection closed), once enough is stored. */
    private static Thread stopWhenStored(MongoServer server, Storage backend, String database, int documents) {
        Thread watcher = new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    de.bwaldvogel.mongo.MongoCollection<?> collection =
                            backend.resolveDatabase(database).resolveCollection("copied", false);
                    if (collection != null && collection.count() >= documents) {
                        break;
                    }
                } catch (RuntimeException racing) {
                    // The collection is being created or written; look again.
                }
                Thread.onSpinWait();
            }
            server.shutdownNow();
        });
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }

    /** A memory backend that outlives its server, as a disk would: a stopped server leaves its documents. */
    private static final class Storage extends MemoryBackend {
        @Override
        public void close() {
            // Kept for the next server on it; release() frees it.
        }

        void release() {
            super.close();
        }
    }
}
