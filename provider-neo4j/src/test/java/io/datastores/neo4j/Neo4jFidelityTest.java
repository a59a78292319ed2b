package io.datastores.neo4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.core.Datastores;
import io.datastores.core.TransferResult;
import io.datastores.jdbc.TestingServers;
import io.datastores.jdbc.TestingZoo;
import io.datastores.tck.TckFidelity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The kit's type zoo travels PostgreSQL → Neo4j → PostgreSQL through two transfers. The first plan
 * names the one loss Neo4j has for it — the decimal stored as a 64-bit float — and the rows that
 * come back differ by exactly that; integers of every width come back as 64-bit (same values).
 */
class Neo4jFidelityTest {
    @AfterEach
    void emptyTheDatabase() {
        TestingNeo4j.clean();
    }

    @Test
    void theZooTravelsPostgresToNeo4jAndBackLosingOnlyWhatThePlanNames() throws Exception {
        TestingServers.Server pg = TestingServers.postgres();
        DatastoreConfig neo4j = TestingNeo4j.config("neo4j_fidelity", Map.of());
        String pgSchema = TestingServers.uniqueName("fidelity");
        String yaml = "datastores:\n"
                + "  postgres: {type: postgres, connection: {host: '" + pg.host() + "', port: " + pg.port()
                + ", user: '"
                + pg.user() + "', password: '${PG_PW}', database: '" + pg.database() + "'}}\n"
                + "  neo4j: {type: neo4j, connection: {uri: '"
                + neo4j.value("uri").orElseThrow() + "', user: '"
                + neo4j.value("user").orElseThrow() + "', password: '${NEO4J_PW}'}}\n";
        try (Datastores datastores = Datastores.fromYaml(
                        yaml,
                        Map.of(
                                "PG_PW",
                                pg.password(),
                                "NEO4J_PW",
                                neo4j.value("password").orElseThrow()));
                BufferAllocator allocator = new RootAllocator()) {
            Datastore postgres = datastores.get("postgres");
            postgres.execute("CREATE SCHEMA \"" + pgSchema + "\"");
            try (VectorSchemaRoot zoo = TestingZoo.create(allocator, true)) {
                TableRef source = TableRef.of(pgSchema, "zoo");
                TckFidelity.load(postgres, source, zoo, allocator);

                TransferResult in = datastores
                        .copy("postgres", source, "neo4j", TableRef.of("Zoo"))
                        .key("id")
                        .batchSize(2)
                        .run();
                TransferResult back = datastores
                        .copy("neo4j", TableRef.of("Zoo"), "postgres", TableRef.of(pgSchema, "back"))
                        .run();

                Map<String, List<String>> losses = TckFidelity.losses(in.plan());
                assertThat(losses)
                        .allSatisfy((column, named) -> assertThat(named)
                                .as(column)
                                .isEqualTo(
                                        column.equals("amount") ? List.of(ArrowToCypher.DECIMAL_AS_FLOAT) : List.of()));
                Map<String, List<String>> backLosses = new HashMap<>();
                back.plan().columns().stream()
                        .filter(c -> !c.losses().isEmpty())
                        .forEach(c -> backLosses.put(c.name(), c.losses()));
                // The element id is the server's own kind of value: the plan says it arrives as text.
                assertThat(backLosses)
                        .as("Neo4j -> PostgreSQL")
                        .isEqualTo(Map.of(Neo4jSchema.ID, List.of("ELEMENT ID arrives as text")));
                assertThat(back.rows()).isEqualTo(zoo.getRowCount());

                // Neo4j keeps no property order (its element id first, then the key, then by name): the kit reads the
                // zoo's columns back by name; integers of every width come back as 64-bit, the same values.
                TckFidelity.assertArrived(zoo, postgres, TableRef.of(pgSchema, "back"), losses, allocator);
            } finally {
                postgres.execute("DROP SCHEMA \"" + pgSchema + "\" CASCADE");
            }
        }
    }
}
