package io.datastores.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.core.Datastores;
import io.datastores.core.TransferResult;
import io.datastores.jdbc.TestingServers;
import io.datastores.jdbc.TestingZoo;
import io.datastores.tck.TckFidelity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit's type zoo (minimum, maximum and awkward values of every common type, NaN and ±Infinity,
 * -0.0, dates in the years 1000 and 9999, a 1.4 MB text and 1 MiB of binary) travels PostgreSQL →
 * MongoDB → DuckDB through two transfers. The plan of the first names exactly the losses MongoDB has
 * for it — both timestamps cut to BSON's milliseconds — the second none, and the rows that arrive in
 * DuckDB differ from PostgreSQL's by exactly those, nothing more. In-process mongo-java-server.
 */
class MongoFidelityTest {
    private static final String MILLIS = ArrowToBson.MILLISECONDS;

    @TempDir
    Path dir;

    @Test
    void theZooTravelsPostgresToMongoToDuckDbLosingOnlyWhatThePlanNames() throws Exception {
        TestingServers.Server pg = TestingServers.postgres();
        String pgSchema = TestingServers.uniqueName("fidelity");
        try (TestingMongo mongo = TestingMongo.open("mongo_fidelity");
                Datastores datastores = Datastores.fromYaml(
                        "datastores:\n"
                                + "  postgres: {type: postgres, connection: {host: '" + pg.host() + "', port: "
                                + pg.port() + ", user: '" + pg.user() + "', password: '${PG_PW}', database: '"
                                + pg.database() + "'}}\n"
                                + "  mongo: {type: mongodb, connection: {uri: '" + mongo.uri + "/" + mongo.database
                                + "'}}\n"
                                + "  duckdb: {type: duckdb, connection: {database: '" + dir.resolve("f.duckdb")
                                + "'}}\n",
                        Map.of("PG_PW", pg.password()));
                BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot zoo = TestingZoo.create(allocator, true)) {
            Datastore postgres = datastores.get("postgres");
            postgres.execute("CREATE SCHEMA \"" + pgSchema + "\"");
            try {
                TableRef source = TableRef.of(pgSchema, "zoo");
                TckFidelity.load(postgres, source, zoo, allocator);

                TransferResult in = datastores
                        .copy("postgres", source, "mongo", TableRef.of("zoo"))
                        .key("id")
                        .batchSize(2)
                        .run();
                TransferResult out = datastores
                        .copy("mongo", TableRef.of("zoo"), "duckdb", TableRef.of("main", "zoo"))
                        .run();

                assertThat(TckFidelity.losses(in.plan()))
                        .as("the losses PostgreSQL -> MongoDB names")
                        .containsOnlyKeys(TestingZoo.SCHEMA.getFields().stream()
                                .map(f -> f.getName())
                                .toList())
                        .allSatisfy((column, named) -> assertThat(named)
                                .as(column)
                                .isEqualTo(
                                        column.equals("wall") || column.equals("instant")
                                                ? List.of(MILLIS)
                                                : List.of()));
                assertThat(TckFidelity.losses(out.plan()))
                        .as("the losses MongoDB -> DuckDB names")
                        .allSatisfy(
                                (column, named) -> assertThat(named).as(column).isEmpty());
                assertThat(in.rows()).isEqualTo(zoo.getRowCount());
                assertThat(out.rows()).isEqualTo(zoo.getRowCount());

                // The key is the document's _id, the decimal(38, 10) (wider than Decimal128) its digits as a string.
                BsonDocument stored = mongo.client()
                        .getDatabase(mongo.database)
                        .getCollection("zoo", BsonDocument.class)
                        .find(new BsonDocument("_id", new org.bson.BsonInt32(2)))
                        .first();
                assertThat(stored).isNotNull();
                assertThat(stored.containsKey("id")).isFalse();
                assertThat(stored.getString("amount").getValue()).isEqualTo("9999999999999999999999999999.9999999999");
                assertThat(stored.isDateTime("instant")).isTrue();

                TckFidelity.assertArrived(
                        zoo,
                        datastores.get("duckdb"),
                        TableRef.of("main", "zoo"),
                        TckFidelity.losses(in.plan(), out.plan()),
                        allocator);
            } finally {
                postgres.execute("DROP SCHEMA \"" + pgSchema + "\" CASCADE");
            }
        }
    }
}
