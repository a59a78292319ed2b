package io.datastores.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.cql.Row;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.TableRef;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.core.Datastores;
import io.datastores.core.TransferResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Collections, a UDT and a tuple copied Cassandra → DuckDB → Cassandra through two transfers: lists map
 * on their own both ways; DuckDB's provider maps no Arrow Map or Struct by itself, so the copy into DuckDB
 * names their types, and the copy back names the UDT and tuple (a struct gets no column of its own here).
 */
class CassandraCollectionsCopyTest {
    @TempDir
    Path dir;

    @Test
    void collectionsTravelToDuckDbAndBack() {
        DatastoreConfig cassandra = TestingCassandra.freshKeyspace("cassandra_copy");
        String keyspace = cassandra.value("keyspace").orElseThrow();
        String yaml = "datastores:\n  cassandra: {type: cassandra, connection: {host: '"
                + cassandra.value("host").orElseThrow() + "', port: "
                + cassandra.value("port").orElseThrow()
                + ", local_datacenter: datacenter1, keyspace: '" + keyspace + "', user: '"
                + cassandra.value("user").orElseThrow() + "', password: '${PW}'}}\n"
                + "  duckdb: {type: duckdb, connection: {database: '" + dir.resolve("c.duckdb") + "'}}\n";
        try (Datastores datastores = Datastores.fromYaml(
                yaml, Map.of("PW", cassandra.value("password").orElseThrow()))) {
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
}
