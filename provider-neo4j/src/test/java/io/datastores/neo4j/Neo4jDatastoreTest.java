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
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cypher parameters, labels and relationship types as tables, upserts and faults, against a real Neo4j server. */
class Neo4jDatastoreTest {
    private static final Schema PEOPLE = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

    private Datastore datastore;

    @BeforeEach
    void open() {
        datastore = TestingNeo4j.open(TestingNeo4j.config("neo4j_test", Map.of()));
    }

    @AfterEach
    void close() {
        datastore.close();
        TestingNeo4j.clean();
    }

    @Test
    void positionalParametersBecomeCypherParametersAndAreNeverSpliced() {
        String hostile = "x'}) DETACH DELETE n //";
        datastore.execute(
                "CREATE (:Person {id: ?, name: ?, born: ?, note: '?'})", 1L, hostile, LocalDate.of(1990, 5, 1));

        var result = datastore.query(
                "MATCH (p:Person) WHERE p.id = ? /* ? */ RETURN p.name AS name, p.born AS born, " + "p.note AS `what?`",
                1);

        assertThat(result.columns()).containsExactly("name", "born", "what?");
        assertThat(result.rows()).singleElement().satisfies(row -> {
            assertThat(row.get("name")).isEqualTo(hostile);
            assertThat(row.get("born")).isEqualTo(LocalDate.of(1990, 5, 1));
            assertThat(row.get("what?")).isEqualTo("?");
        });
        assertThatThrownBy(() -> datastore.query("RETURN ? AS a"))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                .hasMessageContaining("1 ? parameters but 0 values");
    }

    @Test
    void labelsAndRelationshipTypesAreTablesDescribedFromASampleAndTheKey() {
        datastore
                .feature(TableCreator.class)
                .orElseThrow()
                .createTable(TableRef.of("Person"), List.of(), List.of("id"));
        datastore.execute("CREATE (a:Person {id: 1, name: 'Ada', born: date('1815-12-10')})-[:KNOWS {since: 1833}]->"
                + "(b:Person {id: 2, name: 'Charles', score: 'high'}), (:Person {id: 3, score: 2.5})");

        TableInfo person = datastore.describe(TableRef.of("Person"));
        TableInfo knows = datastore.describe(TableRef.of(Neo4jSchema.RELATIONSHIPS, "KNOWS"));

        assertThat(person.table()).isEqualTo(TableRef.of(Neo4jSchema.NODES, "Person"));
        assertThat(person.primaryKey()).containsExactly("id");
        assertThat(person.columns())
                .extracting(ColumnInfo::name)
                .containsExactly("<id>", "id", "born", "name", "score");
        assertThat(person.column("born").orElseThrow().typeName()).isEqualTo("DATE");
        assertThat(person.column("score").orElseThrow().typeName()).isEqualTo("mixed types (as text)");
        assertThat(knows.columns()).extracting(ColumnInfo::name).containsExactly("<id>", "_start", "_end", "since");
        assertThat(datastore.tables(null)).containsExactly(TableRef.of(Neo4jSchema.NODES, "Person"));
        assertThat(datastore.tables(Neo4jSchema.RELATIONSHIPS))
                .containsExactly(TableRef.of(Neo4jSchema.RELATIONSHIPS, "KNOWS"));
        assertThat(datastore
                        .bulkReader()
                        .pushdown(io.datastores.api.bulk.ReadRequest.table(TableRef.of("Person"))
                                .withFilter(Predicate.and(Predicate.eq("name", "Ada"), Predicate.eq("score", "high"))))
                        .residual())
                .as("a property of mixed types is compared as text by core, not by Cypher")
                .isEqualTo(Predicate.eq("score", "high"));
    }

    @Test
    void anUpsertNeedsAKeyConstraintAndConvergesWhenRunAgain() throws IOException {
        WriteRequest upsert = new WriteRequest(TableRef.of("Person"), WriteMode.UPSERT, List.of("id"));
        assertThatThrownBy(() -> write(upsert, 0, 10))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining("needs a uniqueness constraint");

        datastore
                .feature(TableCreator.class)
                .orElseThrow()
                .createTable(TableRef.of("Person"), List.of(), List.of("id"));
        write(upsert, 0, 600);
        write(upsert, 300, 1_000);

        assertThat(datastore.query("MATCH (p:Person) RETURN count(p) AS c").scalar())
                .isEqualTo(1_000L);
        assertThat(datastore
                        .query("MATCH (p:Person {id: ?}) RETURN p.name AS n", 999L)
                        .scalar())
                .isEqualTo("person 999");
        assertThatThrownBy(() -> write(WriteRequest.append(TableRef.of("Person")), 5, 6))
                .as("append is CREATE: a second node with key 5 violates the constraint")
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY));
    }

    @Test
    void aSourceBreakingHalfWayStatesWhatWasStoredAndTheUpsertRunAgainConverges() throws IOException {
        datastore
                .feature(TableCreator.class)
                .orElseThrow()
                .createTable(TableRef.of("Person"), List.of(), List.of("id"));
        WriteRequest upsert = new WriteRequest(TableRef.of("Person"), WriteMode.UPSERT, List.of("id"));
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(PEOPLE, allocator)) {
            fill(root, 0, 1_000);
            try (ArrowReader breaking = new OneBatch(allocator, root, true)) {
                assertThatThrownBy(() -> datastore.bulkWriter().write(upsert, breaking))
                        .isInstanceOfSatisfying(
                                DatastoreException.class,
                                e -> assertThat(e.getMessage())
                                        .contains("1000 rows in committed transactions were stored")
                                        .contains("an upsert run again converges"));
            }
        }
        assertThat(datastore.query("MATCH (p:Person) RETURN count(p) AS c").scalar())
                .isEqualTo(1_000L);
        write(upsert, 0, 1_000);
        assertThat(datastore.query("MATCH (p:Person) RETURN count(p) AS c").scalar())
                .isEqualTo(1_000L);
    }

    @Test
    void anUnreachableServerIsAConnectionErrorNamingHostAndPort() throws Exception {
        int closed;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        try (Datastore unreachable = TestingNeo4j.open(
                TestingNeo4j.config("neo4j_unreachable", Map.of("uri", "bolt://127.0.0.1:" + closed)))) {
            assertThatThrownBy(unreachable::connect)
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION))
                    .hasMessageContaining("127.0.0.1:" + closed);
            assertThat(unreachable.isConnected()).isFalse();
        }
    }

    private void write(WriteRequest request, int from, int to) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(PEOPLE, allocator)) {
            fill(root, from, to);
            try (ArrowReader reader = new OneBatch(allocator, root, false)) {
                datastore.bulkWriter().write(request, reader);
            }
        }
    }

    private static void fill(VectorSchemaRoot root, int from, int to) {
        root.allocateNew();
        for (int i = 0; i < to - from; i++) {
            ((BigIntVector) root.getVector("id")).setSafe(i, from + i);
            ((VarCharVector) root.getVector("name"))
                    .setSafe(i, ("person " + (from + i)).getBytes(StandardCharsets.UTF_8));
        }
        root.setRowCount(to - from);
    }

    /** One batch, copied from a root the caller owns; then, if {@code breaks}, a source failure. */
    private static final class OneBatch extends ArrowReader {
        private final VectorSchemaRoot batch;
        private final boolean breaks;
        private boolean read;

        OneBatch(BufferAllocator allocator, VectorSchemaRoot batch, boolean breaks) {
            super(allocator);
            this.batch = batch;
            this.breaks = breaks;
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            if (read && breaks) {
                throw new IOException("source connection lost");
            }
            if (read) {
                return false;
            }
            read = true;
            try (var copy = new org.apache.arrow.vector.VectorUnloader(batch).getRecordBatch()) {
                new org.apache.arrow.vector.VectorLoader(getVectorSchemaRoot()).load(copy);
            }
            return true;
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        protected void closeReadSource() {}

        @Override
        protected Schema readSchema() {
            return batch.getSchema();
        }
    }
}
