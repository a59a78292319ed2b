package io.datastores.neo4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.Predicate;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.TableCreator;
import io.datastores.jdbc.TestingArrow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk reads of labels with a key page by keyset on the key: every node is read once across pages
 * and partitions, those with a key of the sampled type in key order, then the others (key missing
 * or of another type), against a real Neo4j server.
 */
class Neo4jKeysetTest {
    private Datastore datastore;
    private BufferAllocator allocator;

    @BeforeEach
    void open() {
        datastore = TestingNeo4j.open(TestingNeo4j.config("neo4j_keyset", Map.of()));
        allocator = new RootAllocator();
    }

    @AfterEach
    void close() {
        allocator.close();
        datastore.close();
        TestingNeo4j.clean();
    }

    @Test
    void aKeyedLabelIsReadInKeyOrderThenItsNodesWithoutATypedKeyEachOnce() {
        key("Item", "id");
        // Created in shuffled order, so the element-id order is not the key order.
        datastore.execute(
                "UNWIND range(1, 1000) AS i WITH i ORDER BY rand() CREATE (:Item {id: i, name: 'item ' + i})");
        // Without the key: they do not change the key's sampled type. (Nodes whose key is of another type are in
        // the second phase too, but only when the sample of 1,000 missed them, which node-id reuse makes a gamble.)
        datastore.execute("CREATE (:Item {name: 'no key 1'}), (:Item {name: 'no key 2'}), (:Item {name: 'no key 3'})");
        ReadRequest items =
                ReadRequest.table(TableRef.of("Item")).withColumns("name").withBatchSize(7);

        List<List<Object>> rows = TestingArrow.rows(datastore.bulkReader().read(items, allocator));

        assertThat(rows).hasSize(1_003);
        List<Object> keyed = rows.subList(0, 1_000).stream().map(r -> r.get(0)).toList();
        List<Object> expected = new ArrayList<>();
        for (int i = 1; i <= 1_000; i++) {
            expected.add("item " + i);
        }
        assertThat(keyed).as("the integer keys first, in key order").isEqualTo(expected);
        assertThat(rows.subList(1_000, 1_003))
                .extracting(r -> r.get(0))
                .containsExactlyInAnyOrder("no key 1", "no key 2", "no key 3");
        for (int count = 1; count <= 5; count++) {
            assertThat(names(items, count))
                    .as("%d partitions", count)
                    .hasSize(1_003)
                    .doesNotHaveDuplicates();
        }
        List<Object> filtered = names(items.withFilter(Predicate.gt("id", 500L)), 3);
        assertThat(filtered).hasSize(500).doesNotHaveDuplicates().allMatch(name -> {
            int id = Integer.parseInt(((String) name).substring("item ".length()));
            return id > 500;
        });
    }

    @Test
    void aCompositeKeyPagesByAllItsColumns() {
        key("Line", "order", "line");
        datastore.execute("UNWIND range(1, 40) AS o UNWIND range(1, 7) AS l WITH o, l ORDER BY rand() "
                + "CREATE (:Line {order: o, line: l})");
        ReadRequest lines = ReadRequest.table(TableRef.of("Line"))
                .withColumns("order", "line")
                .withBatchSize(9);

        List<List<Object>> rows = TestingArrow.rows(datastore.bulkReader().read(lines, allocator));

        Comparator<List<Object>> byKey =
                Comparator.<List<Object>, Long>comparing(r -> (Long) r.get(0)).thenComparing(r -> (Long) r.get(1));
        assertThat(rows).hasSize(280).doesNotHaveDuplicates().isSortedAccordingTo(byKey);
        List<List<Object>> partitioned = new ArrayList<>();
        for (ReadRequest part : datastore.bulkReader().partition(lines, 3).partitions()) {
            partitioned.addAll(TestingArrow.rows(datastore.bulkReader().read(part, allocator)));
        }
        assertThat(partitioned).hasSize(280).containsExactlyInAnyOrderElementsOf(rows);
    }

    private void key(String label, String... properties) {
        datastore
                .feature(TableCreator.class)
                .orElseThrow()
                .createTable(TableRef.of(label), List.of(), List.of(properties));
    }

    /** @return the names read by {@code count} partitions of {@code request} */
    private List<Object> names(ReadRequest request, int count) {
        List<Object> names = new ArrayList<>();
        for (ReadRequest part : datastore.bulkReader().partition(request, count).partitions()) {
            TestingArrow.rows(datastore.bulkReader().read(part, allocator)).forEach(r -> names.add(r.get(0)));
        }
        return names;
    }
}
