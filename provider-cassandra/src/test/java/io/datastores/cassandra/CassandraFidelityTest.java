package io.datastores.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.spi.DatastoreConfig;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit's type zoo (minimum, maximum and awkward values of every common type, NaN and ±Infinity,
 * a 2.4 MB text) travels PostgreSQL → Cassandra → DuckDB through two transfers. The plan of the
 * first names exactly the losses Cassandra has — both timestamps truncated to milliseconds — the second
 * only that DuckDB's time keeps microseconds of Cassandra's nanoseconds, and the rows that arrive in
 * DuckDB differ from PostgreSQL's by exactly the first, nothing more.
 */
class CassandraFidelityTest {
    private static final String MILLIS = ArrowToCql.MILLISECONDS;

    @TempDir
    Path dir;

    @Test
    void theZooTravelsPostgresToCassandraToDuckDbLosingOnlyWhatThePlanNames() throws Exception {
        TestingServers.Server pg = TestingServers.postgres();
        DatastoreConfig cassandra = TestingCassandra.freshKeyspace("cassandra_fidelity");
        String pgSchema = TestingServers.uniqueName("fidelity");
        String yaml = "datastores:\n"
                + "  postgres: {type: postgres, connection: {host: '" + pg.host() + "', port: " + pg.port()
                + ", user: '"
                + pg.user() + "', password: '${PG_PW}', database: '" + pg.database() + "'}}\n"
                + "  cassandra: {type: cassandra, connection: {host: '"
                + cassandra.value("host").orElseThrow() + "', port: "
                + cassandra.value("port").orElseThrow() + ", local_datacenter: datacenter1, keyspace: '"
                + cassandra.value("keyspace").orElseThrow() + "', user: '"
                + cassandra.value("user").orElseThrow()
                + "', password: '${CASSANDRA_PW}'}}\n"
                + "  duckdb: {type: duckdb, connection: {database: '" + dir.resolve("f.duckdb") + "'}}\n";
        try (Datastores datastores = Datastores.fromYaml(
                        yaml,
                        Map.of(
                                "PG_PW",
                                pg.password(),
                                "CASSANDRA_PW",
                                cassandra.value("password").orElseThrow()));
                BufferAllocator allocator = new RootAllocator()) {
            Datastore postgres = datastores.get("postgres");
            postgres.execute("CREATE SCHEMA \"" + pgSchema + "\"");
            try (VectorSchemaRoot zoo = TestingZoo.create(allocator, true)) {
                TableRef source = TableRef.of(pgSchema, "zoo");
                TckFidelity.load(postgres, source, zoo, allocator);

                TransferResult in = datastores
                        .copy("postgres", source, "cassandra", TableRef.of("zoo"))
                        .key("id")
                        .batchSize(2)
                        .run();
                TransferResult out = datastores
                        .copy("cassandra", TableRef.of("zoo"), "duckdb", TableRef.of("main", "zoo"))
                        .run();

                Map<String, List<String>> losses = TckFidelity.losses(in.plan());
                assertThat(losses)
                        .as("the losses PostgreSQL -> Cassandra names")
                        .containsEntry("wall", List.of(MILLIS))
                        .containsEntry("instant", List.of(MILLIS))
                        .allSatisfy((column, named) -> assertThat(named)
                                .as(column)
                                .isEqualTo(
                                        column.equals("wall") || column.equals("instant")
                                                ? List.of(MILLIS)
                                                : List.of()));
                // Cassandra's time has nanoseconds, DuckDB's microseconds: named, though these values (from PostgreSQL)
                // have none.
                out.plan()
                        .columns()
                        .forEach(c -> assertThat(c.losses())
                                .as("Cassandra -> DuckDB, %s", c.name())
                                .isEqualTo(
                                        c.name().equals("clock")
                                                ? List.of("nanoseconds truncated to microseconds")
                                                : List.of()));
                assertThat(out.rows()).isEqualTo(zoo.getRowCount());

                // Cassandra keeps no column order (key first, then by name): the kit reads the columns back by name.
                TckFidelity.assertArrived(zoo, datastores.get("duckdb"), TableRef.of("main", "zoo"), losses, allocator);
            } finally {
                postgres.execute("DROP SCHEMA \"" + pgSchema + "\" CASCADE");
                TestingCassandra.dropKeyspace(cassandra);
            }
        }
    }
}
