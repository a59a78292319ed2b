package io.datastores.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.WriteMode;
import io.datastores.core.Datastores;
import io.datastores.core.TransferResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Copies through core into and out of Neo4j (source and target the same server), against a real Neo4j server. */
class Neo4jCopyTest {
    private static final String PARTS =
            "MATCH (s:Source) RETURN s.id AS id, s.name AS name, s.price AS price ORDER BY id";

    private Datastores datastores;
    private Datastore neo4j;

    @BeforeEach
    void open() {
        datastores = TestingNeo4j.datastores(Map.of("batch_size", "40"));
        neo4j = datastores.get("neo4j");
        neo4j.execute("UNWIND range(1, 250) AS i CREATE (:Source {id: i, name: 'part ' + i, price: i * 1.5})");
    }

    @AfterEach
    void close() {
        datastores.close();
        TestingNeo4j.clean();
    }

    @Test
    void aLabelWhoseNodesWereAllDeletedTakesAnUpsertCopyAgain() {
        TransferResult first = upsertParts();
        assertThat(first.plan().createsTable()).isTrue();
        assertThat(first.rows()).isEqualTo(250);

        // The label's nodes go, its uniqueness constraint stays: describe then knows only the key.
        neo4j.execute("MATCH (p:Part) DETACH DELETE p");
        assertThat(neo4j.describe(TableRef.of("Part")).columns()).hasSize(2);

        TransferResult again = upsertParts();

        assertThat(again.rows()).isEqualTo(250);
        assertThat(neo4j.query("MATCH (p:Part) RETURN count(p) AS c").scalar()).isEqualTo(250L);
        assertThat(neo4j.query("MATCH (p:Part {id: 7}) RETURN p.name AS n, p.price AS p")
                        .rows())
                .containsExactly(Map.of("n", "part 7", "p", 10.5));
        assertThat(neo4j.query("SHOW CONSTRAINTS YIELD labelsOrTypes, properties RETURN labelsOrTypes, properties")
                        .rows())
                .as("the copy into the empty label reuses its one constraint")
                .containsExactly(Map.of("labelsOrTypes", List.of("Part"), "properties", List.of("id")));
    }

    @Test
    void aWriteFailingHalfWayKeepsItsCommittedBatchesAndTheUpsertRunAgainConverges() {
        // Row 75 has no key: MERGE refuses a null property, so the second transaction of 40 rows fails.
        String broken = PARTS.replace("RETURN s.id AS id", "RETURN CASE s.id WHEN 75 THEN null ELSE s.id END AS id")
                .replace("ORDER BY id", "ORDER BY s.id");
        assertThatThrownBy(() -> upsert(broken))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                .hasMessageContaining("(40 rows in committed transactions were stored")
                .hasMessageContaining("an upsert run again converges");
        assertThat(neo4j.query("MATCH (p:Part) RETURN min(p.id) AS low, max(p.id) AS high, count(p) AS c")
                        .rows())
                .as("the first transaction, rows 1-40, is what was stored")
                .containsExactly(Map.of("low", 1L, "high", 40L, "c", 40L));

        assertThat(upsertParts().rows()).isEqualTo(250);

        assertThat(neo4j.query("MATCH (p:Part) RETURN count(p) AS c, count(DISTINCT p.id) AS ids, "
                                + "sum(p.price) AS total")
                        .rows())
                .containsExactly(Map.of("c", 250L, "ids", 250L, "total", 1.5 * 250 * 251 / 2));
    }

    private TransferResult upsertParts() {
        return upsert(PARTS);
    }

    private TransferResult upsert(String query) {
        return datastores
                .copyQuery("neo4j", query, List.of(), "neo4j", TableRef.of("Part"))
                .mode(WriteMode.UPSERT)
                .key("id")
                .run();
    }
}
