package io.datastores.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.ColumnInfo;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.Predicate;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.core.Datastores;
import io.datastores.core.TransferResult;
import io.datastores.jdbc.TestingArrow;
import io.datastores.jdbc.TestingServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A relationship table {@code (Person)-[LIVES_IN]->(City)} travels PostgreSQL → Neo4j → PostgreSQL:
 * written after the nodes, matched by their keys, read back by them; against a real Neo4j server and
 * the local PostgreSQL.
 */
class Neo4jRelationshipTest {
    private static final TableRef LIVES_IN = TableRef.of(Neo4jSchema.RELATIONSHIPS, "(Person)-[LIVES_IN]->(City)");

    private Datastores datastores;
    private Datastore postgres;
    private Datastore neo4j;
    private String pgSchema;

    @BeforeEach
    void open() {
        TestingServers.Server pg = TestingServers.postgres();
        DatastoreConfig config = TestingNeo4j.config("neo4j_relationships", Map.of());
        String yaml = "datastores:\n"
                + "  postgres: {type: postgres, connection: {host: '" + pg.host() + "', port: " + pg.port()
                + ", user: '" + pg.user() + "', password: '${PG_PW}', database: '" + pg.database() + "'}}\n"
                + "  neo4j: {type: neo4j, connection: {uri: '"
                + config.value("uri").orElseThrow() + "', user: '"
                + config.value("user").orElseThrow() + "', password: '${NEO4J_PW}', batch_size: 40}}\n";
        datastores = Datastores.fromYaml(
                yaml,
                Map.of(
                        "PG_PW",
                        pg.password(),
                        "NEO4J_PW",
                        config.value(Neo4jSettings.PASSWORD).orElseThrow()));
        postgres = datastores.get("postgres");
        neo4j = datastores.get("neo4j");
        pgSchema = TestingServers.uniqueName("rels");
        postgres.execute("CREATE SCHEMA \"" + pgSchema + "\"");
        postgres.execute("CREATE TABLE \"" + pgSchema + "\".person (id bigint PRIMARY KEY, name text)");
        postgres.execute("CREATE TABLE \"" + pgSchema + "\".city (code text PRIMARY KEY)");
        postgres.execute("CREATE TABLE \"" + pgSchema + "\".lives (person_id bigint, city_code text, since int)");
        postgres.execute(
                "INSERT INTO \"" + pgSchema + "\".person SELECT i, 'person ' || i FROM generate_series(1, 100) i");
        postgres.execute("INSERT INTO \"" + pgSchema + "\".city SELECT 'c' || i FROM generate_series(0, 4) i");
        postgres.execute("INSERT INTO \"" + pgSchema + "\".lives SELECT i, 'c' || (i % 5), 2000 + i "
                + "FROM generate_series(1, 100) i");
    }

    @AfterEach
    void close() {
        try {
            postgres.execute("DROP SCHEMA \"" + pgSchema + "\" CASCADE");
        } finally {
            datastores.close();
            TestingNeo4j.clean();
        }
    }

    @Test
    void aRelationshipTableTravelsPostgresToNeo4jAndBackMatchedByTheNodesKeys() {
        copyNodes();
        TransferResult in = upsertLives();
        assertThat(in.rows()).isEqualTo(100);
        assertThat(upsertLives().rows()).as("run again").isEqualTo(100);
        assertThat(neo4j.query("MATCH (:Person)-[r:LIVES_IN]->(:City) RETURN count(r) AS c")
                        .scalar())
                .as("the upsert merged one relationship per pair of nodes")
                .isEqualTo(100L);
        assertThat(neo4j.query("MATCH (p:Person {id: 42})-[r:LIVES_IN]->(c:City) RETURN c.code AS c, r.since AS s")
                        .rows())
                .containsExactly(Map.of("c", "c2", "s", 2042L));

        TableInfo described = neo4j.describe(LIVES_IN);
        assertThat(described.table().schema())
                .as("describe says it is relationships")
                .isEqualTo(Neo4jSchema.RELATIONSHIPS);
        assertThat(described.primaryKey()).containsExactly(Neo4jSchema.START, Neo4jSchema.END);
        assertThat(described.columns()).extracting(ColumnInfo::name).containsExactly("<id>", "_start", "_end", "since");
        assertThat(described.column("_start").orElseThrow().typeName()).isEqualTo("INTEGER (key Person.id)");

        TransferResult back = datastores
                .copy("neo4j", LIVES_IN, "postgres", TableRef.of(pgSchema, "back"))
                .run();
        assertThat(back.rows()).isEqualTo(100);
        assertThat(postgres.query("SELECT count(*) FROM \"" + pgSchema + "\".lives l JOIN \"" + pgSchema
                                + "\".back b ON b._start = l.person_id AND b._end = l.city_code AND b.since = l.since")
                        .scalar())
                .as("every relationship came back with its nodes' keys and its property")
                .isEqualTo(100L);

        try (BufferAllocator allocator = new RootAllocator()) {
            List<Object> since = new ArrayList<>();
            ReadRequest read = ReadRequest.table(LIVES_IN)
                    .withColumns("since")
                    .withFilter(Predicate.eq(Neo4jSchema.END, "c3"))
                    .withBatchSize(6);
            for (ReadRequest part : neo4j.bulkReader().partition(read, 3).partitions()) {
                TestingArrow.rows(neo4j.bulkReader().read(part, allocator)).forEach(r -> since.add(r.get(0)));
            }
            assertThat(since)
                    .as("_end = 'c3' pushed down, 3 partitions")
                    .hasSize(20)
                    .doesNotHaveDuplicates();
            assertThat(neo4j.bulkReader()
                            .pushdown(ReadRequest.table(LIVES_IN).withFilter(Predicate.eq(Neo4jSchema.END, "c3")))
                            .residual())
                    .isNull();
        }
        assertThat(neo4j.describe(TableRef.of(Neo4jSchema.RELATIONSHIPS, "LIVES_IN"))
                        .column("_start")
                        .orElseThrow()
                        .typeName())
                .as("the plain type still reads element ids")
                .isEqualTo("ELEMENT ID");
    }

    @Test
    void aRowNamingAMissingNodeFailsItsBatchAndWritingNeedsTheLabelsAndTheirKeys() {
        assertThatThrownBy(this::upsertLives)
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining("needs a uniqueness constraint on one property");
        copyNodes();
        assertThatThrownBy(() -> datastores
                        .copyQuery(
                                "postgres",
                                "SELECT person_id AS _start, city_code AS _end FROM \"" + pgSchema + "\".lives",
                                List.of(),
                                "neo4j",
                                TableRef.of(Neo4jSchema.RELATIONSHIPS, "LIVES_IN"))
                        .run())
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining("(Start)-[LIVES_IN]->(End)");

        // Rows in the order of since: the first batch of 40 is whole, the second names person 999 (no such node).
        postgres.execute("UPDATE \"" + pgSchema + "\".lives SET person_id = 999 WHERE person_id = 55");
        assertThatThrownBy(this::upsertLives)
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY))
                .hasMessageContaining("1 of a batch's 40 rows name a node that does not exist")
                .hasMessageContaining("(40 rows in committed transactions were stored");
        assertThat(neo4j.query("MATCH (:Person)-[r:LIVES_IN]->(:City) RETURN count(r) AS c")
                        .scalar())
                .isEqualTo(40L);
    }

    private void copyNodes() {
        for (String[] node : new String[][] {{"person", "Person", "id"}, {"city", "City", "code"}}) {
            datastores
                    .copy("postgres", TableRef.of(pgSchema, node[0]), "neo4j", TableRef.of(node[1]))
                    .mode(WriteMode.UPSERT)
                    .key(node[2])
                    .run();
        }
    }

    private TransferResult upsertLives() {
        return datastores
                .copyQuery(
                        "postgres",
                        "SELECT person_id AS _start, city_code AS _end, since FROM \"" + pgSchema
                                + "\".lives ORDER BY since",
                        List.of(),
                        "neo4j",
                        LIVES_IN)
                .mode(WriteMode.UPSERT)
                .key(Neo4jSchema.START, Neo4jSchema.END)
                .run();
    }
}
