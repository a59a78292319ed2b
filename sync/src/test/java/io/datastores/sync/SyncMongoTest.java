package io.datastores.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.Predicate;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.core.Datastores;
import io.datastores.core.Placeholders;
import io.datastores.mongodb.TestingMongo;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MongoDB as a sync source (a collection written by an application, not by a copy: its columns
 * inferred from a sample, {@code _id} its key, {@code updatedAt} a BSON date; the incremental read is
 * a structured read whose {@code updatedAt >= mark OR updatedAt IS NULL} filter MongoDB answers
 * itself) into DuckDB, and MongoDB as a target (its state kept in a collection of its own through
 * {@link RowStateStore}), against in-process mongo-java-server, a database of the test's own.
 */
class SyncMongoTest {
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final List<String> SOURCE_COLUMNS = List.of("_id", "name", "updatedAt");
    private static final List<String> COLUMNS = List.of("id", "name", "updated_at");

    @Test
    void mongoAsSourceSendsTheRowsFromTheCursorOnOnceEachByKey(@TempDir Path dir) throws Exception {
        try (TestingMongo mongo = TestingMongo.open("sync_mongo_source");
                Datastores datastores = datastores(dir, mongo)) {
            MongoCollection<Document> users =
                    mongo.client().getDatabase(mongo.database).getCollection("users");
            List<Document> seed = new ArrayList<>();
            for (int i = 1; i <= 300; i++) {
                seed.add(new Document("_id", i).append("name", "user " + i).append("updatedAt", at(i)));
            }
            users.insertMany(seed);
            try (Sync sync = Sync.create(datastores, job("docs", "dst", "updatedAt", "_id"))) {
                SyncStats first = sync.run();
                assertThat(first.failed()).isEmpty();
                assertThat(first.tables())
                        .extracting(SyncStats.TableStats::records)
                        .containsExactly(300L);
                assertThat(sync.status().tables().get("users").lastValue()).isEqualTo("2024-01-01T00:05:00.000Z");

                // The incremental read's filter is MongoDB's to answer: a BSON date comparison, nothing left to core.
                ReadRequest incremental = ReadRequest.table(TableRef.of("users"))
                        .withFilter(Predicate.or(
                                Predicate.ge("updatedAt", OffsetDateTime.parse("2024-01-01T00:05:00Z")),
                                Predicate.isNull("updatedAt")));
                assertThat(datastores
                                .get("docs")
                                .bulkReader()
                                .pushdown(incremental)
                                .residual())
                        .isNull();

                users.updateOne(
                        Filters.eq("_id", 7),
                        Updates.combine(Updates.set("name", "changed"), Updates.set("updatedAt", at(420))));
                users.insertMany(List.of(
                        new Document("_id", 301).append("name", "new").append("updatedAt", at(360)),
                        new Document("_id", 303).append("name", "at the mark").append("updatedAt", at(300)),
                        new Document("_id", 302).append("name", "no cursor").append("updatedAt", null)));
                SyncStats second = sync.run();

                assertThat(second.failed()).isEmpty();
                assertThat(second.tables())
                        .extracting(SyncStats.TableStats::records)
                        .as("300 and 303 at the mark (>=), 301 and 7 after it, 302 without a cursor")
                        .containsExactly(5L);
                assertThat(sync.status().tables().get("users").lastValue()).isEqualTo("2024-01-01T00:07:00.000Z");
                List<String> rows = SyncFixture.rows(datastores.get("dst"), null, "users", SOURCE_COLUMNS, "_id");
                assertThat(rows)
                        .hasSize(303)
                        .doesNotHaveDuplicates()
                        .contains(
                                "7|changed|2024-01-01T00:07:00Z",
                                "300|user 300|2024-01-01T00:05:00Z",
                                "302|no cursor|NULL",
                                "303|at the mark|2024-01-01T00:05:00Z")
                        .doesNotContain("7|user 7|2024-01-01T00:00:07Z");
                assertThat(rows.stream()
                                .map(r -> r.substring(0, r.indexOf('|')))
                                .distinct())
                        .as("each key once: the rows sent again at the mark were upserted, not appended")
                        .hasSize(303);
            }
        }
    }

    /**
     * MongoDB as a target: rows are upserted by key ({@code replaceOne} with upsert on {@code _id}), the
     * state is a collection of its own written after them, so a run that dies between the two re-sends
     * rows that change nothing.
     */
    @Test
    void mongoAsTargetUpsertsByKeyAndKeepsItsStateInMongo(@TempDir Path dir) throws Exception {
        try (TestingMongo mongo = TestingMongo.open("sync_mongo_target");
                Datastores datastores = datastores(dir, mongo)) {
            Datastore seed = datastores.get("dst");
            seed.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, updated_at TIMESTAMPTZ)");
            seed.execute("INSERT INTO users SELECT i, 'user ' || i, TIMESTAMPTZ '2024-01-01 00:00:00+00' "
                    + "+ i * INTERVAL 1 SECOND FROM range(1, 301) t(i)");
            AtomicBoolean crash = new AtomicBoolean();
            try (Sync sync = Sync.create(datastores, job("dst", "docs", "updated_at", "id"))) {
                sync.afterWrite(table -> {
                    if (crash.getAndSet(false)) {
                        throw new IllegalStateException("simulated crash after the rows were written");
                    }
                });
                assertThat(sync.run().records()).isEqualTo(300);
                assertThat(sync.status().tables().get("users").lastValue()).isEqualTo("2024-01-01T00:05:00.000Z");
                assertThat(mongo.client()
                                .getDatabase(mongo.database)
                                .listCollectionNames()
                                .into(new ArrayList<>()))
                        .as("the state lives in MongoDB, beside the rows")
                        .contains("users", RowStateStore.TABLE);

                seed.execute("UPDATE users SET name = 'changed', updated_at = TIMESTAMPTZ '2024-01-01 00:07:00+00' "
                        + "WHERE id = 7");
                seed.execute("INSERT INTO users VALUES (301, 'new', TIMESTAMPTZ '2024-01-01 00:06:00+00'), "
                        + "(302, 'no cursor', NULL)");
                crash.set(true);
                assertThat(sync.run().failed()).hasSize(1);
                SyncStatus.TableStatus crashed = sync.status().tables().get("users");
                assertThat(crashed.lastValue())
                        .as("the state is written after the rows, so the crash kept the old cursor")
                        .isEqualTo("2024-01-01T00:05:00.000Z");
                assertThat(crashed.lastError()).contains("simulated crash");
                assertThat(mongoRows(datastores, dir, "written"))
                        .hasSize(302)
                        .contains("7|changed|2024-01-01T00:07:00Z");

                assertThat(sync.run().records())
                        .as("the rows from the old cursor on are sent again: 300, 7, 301 and 302")
                        .isEqualTo(4);
                assertThat(sync.status().tables().get("users").lastValue()).isEqualTo("2024-01-01T00:07:00.000Z");
                assertThat(mongoRows(datastores, dir, "rerun"))
                        .as("and upserted by key: nothing doubled, nothing lost")
                        .isEqualTo(SyncFixture.rows(seed, null, "users", COLUMNS));
                assertThat(mongo.client()
                                .getDatabase(mongo.database)
                                .getCollection("users")
                                .countDocuments())
                        .isEqualTo(302);

                sync.reset("users");
                assertThat(sync.status().tables()).doesNotContainKey("users");
                assertThat(sync.run().records())
                        .as("a reset table is read whole")
                        .isEqualTo(302);
            }
        }
    }

    private static Date at(int seconds) {
        return Date.from(START.plusSeconds(seconds));
    }

    private static List<String> mongoRows(Datastores datastores, Path dir, String name) {
        return SyncFixture.rowsViaDuckDb(datastores.get("docs"), "users", dir, name, COLUMNS);
    }

    private static Datastores datastores(Path dir, TestingMongo mongo) {
        return Datastores.fromYaml(
                "datastores:\n"
                        + "  dst: {type: duckdb, connection: {database: '" + dir.resolve("dst.duckdb") + "'}}\n"
                        + "  docs: {type: mongodb, connection: " + mongo.yaml() + "}\n",
                Map.of());
    }

    private static SyncJob job(String source, String target, String track, String key) {
        return SyncJob.parse(
                "name: mongo\n"
                        + "source_provider: {data_backend: {datastore_name: " + source + "}}\n"
                        + "target_provider: {data_backend: {datastore_name: " + target + "}}\n"
                        + "track_column: " + track + "\ntables: [{name: users, primary_key: [" + key + "]}]\n",
                Placeholders.of(Map.of()));
    }
}
