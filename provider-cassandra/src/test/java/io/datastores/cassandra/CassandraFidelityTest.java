package io.datastores.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.core.Datastores;
import io.datastores.core.Reads;
import io.datastores.core.TransferResult;
import io.datastores.jdbc.TestingArrow;
import io.datastores.jdbc.TestingServers;
import io.datastores.jdbc.TestingZoo;
import io.datastores.tck.TckTables;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
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
            try {
                TableRef source = TableRef.of(pgSchema, "zoo");
                List<List<Object>> rows;
                try (VectorSchemaRoot zoo = TestingZoo.create(allocator, true)) {
                    rows = TestingArrow.rows(TestingArrow.reader(allocator, zoo));
                    load(postgres, source, zoo, allocator);
                }

                TransferResult in = datastores
                        .copy("postgres", source, "cassandra", TableRef.of("zoo"))
                        .key("id")
                        .batchSize(2)
                        .run();
                TransferResult out = datastores
                        .copy("cassandra", TableRef.of("zoo"), "duckdb", TableRef.of("main", "zoo"))
                        .run();

                Map<String, List<String>> losses = new HashMap<>();
                in.plan().columns().forEach(c -> losses.put(c.name(), c.losses()));
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
                assertThat(out.rows()).isEqualTo(rows.size());

                // Cassandra keeps no column order (key first, then by name): read the columns back by name.
                List<List<Object>> arrived = TestingArrow.rows(Reads.open(
                        datastores.get("duckdb"),
                        ReadRequest.table(TableRef.of("main", "zoo"))
                                .withColumns(TestingZoo.SCHEMA.getFields().stream()
                                        .map(Field::getName)
                                        .toList()),
                        allocator));
                arrived.sort(Comparator.comparing(row -> ((Number) row.get(0)).intValue()));
                List<Field> fields = TestingZoo.SCHEMA.getFields();
                for (int row = 0; row < rows.size(); row++) {
                    for (int column = 0; column < fields.size(); column++) {
                        Object expected = rows.get(row).get(column);
                        if (losses.get(fields.get(column).getName()).contains(MILLIS)) {
                            expected = millis(expected);
                        }
                        assertThat(canonical(arrived.get(row).get(column)))
                                .as("row %d, column %s", row, fields.get(column).getName())
                                .isEqualTo(canonical(expected));
                    }
                }
            } finally {
                postgres.execute("DROP SCHEMA \"" + pgSchema + "\" CASCADE");
                TestingCassandra.dropKeyspace(cassandra);
            }
        }
    }

    private static void load(Datastore postgres, TableRef table, VectorSchemaRoot zoo, BufferAllocator allocator) {
        TckTables.create(postgres, table, TestingZoo.SCHEMA, List.of("id"));
        TestingArrow.write(postgres, allocator, zoo, WriteRequest.append(table));
    }

    private static Object millis(Object value) {
        if (value instanceof LocalDateTime wall) {
            return wall.truncatedTo(ChronoUnit.MILLIS);
        }
        if (value instanceof OffsetDateTime instant) {
            return instant.truncatedTo(ChronoUnit.MILLIS);
        }
        return value;
    }

    private static Object canonical(Object value) {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return new BigInteger(value.toString());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
        }
        if (value instanceof Float f) {
            return (double) f;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        return value;
    }
}
