package io.datastores.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.cql.Row;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.core.Datastores;
import io.datastores.core.Reads;
import io.datastores.core.TransferResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Collections, a UDT and a tuple copied Cassandra → DuckDB → Cassandra through two transfers: lists map
 * on their own both ways; DuckDB's provider maps no Arrow Map or Struct by itself, so the copy into DuckDB
 * names their types, and the copy back names the UDT and tuple. A DuckDB STRUCT copied into a new
 * Cassandra table gets its UDTs made and arrives as it was.
 */
class CassandraCollectionsCopyTest {
    @TempDir
    Path dir;

    @Test
    void collectionsTravelToDuckDbAndBack() {
        DatastoreConfig cassandra = TestingCassandra.freshKeyspace("cassandra_copy");
        String keyspace = cassandra.value("keyspace").orElseThrow();
        try (Datastores datastores = datastores(cassandra)) {
            Datastore source = datastores.get("cassandra");
            source.execute("CREATE TYPE address (street text, zip int, tags frozen<list<text>>)");
            source.execute("CREATE TABLE things (id bigint PRIMARY KEY, nums list<int>, names set<text>,"
                    + " scores map<text, double>, home frozen<address>, point tuple<int, text>)");
            source.execute("INSERT INTO things (id, nums, names, scores, home, point) VALUES (1, [3, 1], {'b', 'a'},"
                    + " {'z': 1.5}, {street: 'Main', zip: 1, tags: ['x']}, (7, 'seven'))");
            source.execute("INSERT INTO things (id) VALUES (2)");

            assertThatThrownBy(() -> datastores
                            .copy("cassandra", TableRef.of("things"), "duckdb", TableRef.of("main", "refused"))
                            .run())
                    // A struct alone would go in as its JSON text (the SQL default); a map has no default.
                    .isInstanceOf(DatastoreException.class)
                    .hasMessageContaining("(Arrow map(false)) of column 'scores'");
            TransferResult out = datastores
                    .copy("cassandra", TableRef.of("things"), "duckdb", TableRef.of("main", "things"))
                    .columnType("home", "STRUCT(street VARCHAR, zip INTEGER, tags VARCHAR[])")
                    .columnType("point", "STRUCT(_1 INTEGER, _2 VARCHAR)")
                    .columnType("scores", "MAP(VARCHAR, DOUBLE)")
                    .run();
            assertThat(out.rows()).isEqualTo(2);
            List<Map<String, Object>> duck = datastores
                    .get("duckdb")
                    .query("SELECT id, nums::VARCHAR AS nums, names::VARCHAR AS names, scores::VARCHAR AS scores,"
                            + " home::VARCHAR AS home, point::VARCHAR AS point FROM main.things ORDER BY id")
                    .rows();
            assertThat(duck.get(0))
                    .containsEntry("nums", "[3, 1]")
                    .containsEntry("names", "[a, b]")
                    .containsEntry("scores", "{z=1.5}")
                    .containsEntry("home", "{'street': Main, 'zip': 1, 'tags': [x]}")
                    .containsEntry("point", "{'_1': 7, '_2': seven}");
            assertThat(duck.get(1)).containsEntry("nums", null).containsEntry("home", null);

            TransferResult back = datastores
                    .copy("duckdb", TableRef.of("main", "things"), "cassandra", TableRef.of("again"))
                    .key("id")
                    .columnType("home", "frozen<address>")
                    .columnType("point", "frozen<tuple<int, text>>")
                    .run();
            assertThat(back.plan().columns())
                    .filteredOn(c -> c.name().equals("nums") || c.name().equals("scores"))
                    .extracting(c -> c.targetType())
                    .containsExactly("list<int>", "map<text, double>");
            Row row = TestingCassandra.admin()
                    .execute("SELECT * FROM " + keyspace + ".again WHERE id = 1")
                    .one();
            assertThat(row.getList("nums", Integer.class)).containsExactly(3, 1);
            assertThat(row.getList("names", String.class))
                    .as("a DuckDB list: a CQL list")
                    .containsExactly("a", "b");
            assertThat(row.getMap("scores", String.class, Double.class)).isEqualTo(Map.of("z", 1.5));
            assertThat(row.getUdtValue("home").getList("tags", String.class)).containsExactly("x");
            assertThat(row.getTupleValue("point").getString(1)).isEqualTo("seven");
            assertThat(source.query("SELECT nums, home FROM again WHERE id = 2").rows())
                    .singleElement()
                    .satisfies(nulls ->
                            assertThat(nulls).containsEntry("nums", null).containsEntry("home", null));
        } finally {
            TestingCassandra.dropKeyspace(cassandra);
        }
    }

    @Test
    void aStructCopiedIntoANewTableGetsUdtsAndArrivesAsItWas() throws Exception {
        DatastoreConfig cassandra = TestingCassandra.freshKeyspace("cassandra_copy");
        try (Datastores datastores = datastores(cassandra)) {
            Datastore duckdb = datastores.get("duckdb");
            duckdb.execute("CREATE TABLE main.homes (id BIGINT, home STRUCT(street VARCHAR,"
                    + " geo STRUCT(lat DOUBLE, lon DOUBLE), tags VARCHAR[]))");
            duckdb.execute("INSERT INTO main.homes VALUES (1, {'street': 'Main', 'geo': {'lat': 1.5, 'lon': -2.0},"
                    + " 'tags': ['a', 'b']}), (2, NULL), (3, {'street': NULL, 'geo': NULL, 'tags': NULL}),"
                    + " (4, {'street': 'Elm', 'geo': {'lat': NULL, 'lon': 0.25}, 'tags': []})");

            TransferResult copied = datastores
                    .copy("duckdb", TableRef.of("main", "homes"), "cassandra", TableRef.of("homes"))
                    .key("id")
                    .run();
            assertThat(copied.rows()).isEqualTo(4);
            assertThat(copied.plan().columns())
                    .filteredOn(c -> c.name().equals("home"))
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c.targetType())
                                .isEqualTo("struct<\"street\" text, \"geo\" struct<\"lat\" double, \"lon\" double>,"
                                        + " \"tags\" list<text>>");
                        assertThat(c.losses()).isEmpty();
                    });
            assertThat(homes(datastores.get("cassandra"), TableRef.of("homes")))
                    .isEqualTo(homes(duckdb, TableRef.of("main", "homes")))
                    .containsEntry(2L, null)
                    .containsEntry(3L, CassandraCollectionsTest.map("street", null, "geo", null, "tags", null));

            // A struct inside a list gets no UDT: refused before anything is created, naming the field.
            duckdb.execute("CREATE TABLE main.visits (id BIGINT, home STRUCT(visits STRUCT(day DATE)[]))");
            assertThatThrownBy(() -> datastores
                            .copy("duckdb", TableRef.of("main", "visits"), "cassandra", TableRef.of("visits"))
                            .key("id")
                            .run())
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                    .hasMessageContaining("field 'home.visits' (Arrow List) has no CQL type");
            assertThat(datastores.get("cassandra").describeIfExists(TableRef.of("visits")))
                    .isEmpty();
        } finally {
            TestingCassandra.dropKeyspace(cassandra);
        }
    }

    private Datastores datastores(DatastoreConfig cassandra) {
        String yaml = "datastores:\n  cassandra: {type: cassandra, connection: {host: '"
                + cassandra.value("host").orElseThrow() + "', port: "
                + cassandra.value("port").orElseThrow()
                + ", local_datacenter: datacenter1, keyspace: '"
                + cassandra.value("keyspace").orElseThrow()
                + "', user: '" + cassandra.value("user").orElseThrow() + "', password: '${PW}'}}\n"
                + "  duckdb: {type: duckdb, connection: {database: '" + dir.resolve("c.duckdb") + "'}}\n";
        return Datastores.fromYaml(
                yaml, Map.of("PW", cassandra.value("password").orElseThrow()));
    }

    /** @return each row's {@code home} by its {@code id}, read through the datastore's provider */
    private static Map<Long, Object> homes(Datastore datastore, TableRef table) throws Exception {
        Map<Long, Object> homes = new HashMap<>();
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = Reads.open(datastore, ReadRequest.table(table), allocator)) {
            while (reader.loadNextBatch()) {
                CassandraStructTablesTest.homesById(reader.getVectorSchemaRoot(), homes);
            }
        }
        return homes;
    }
}
