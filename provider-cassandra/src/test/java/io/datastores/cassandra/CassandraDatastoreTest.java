package io.datastores.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.ColumnInfo;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.Predicate;
import io.datastores.api.bulk.Pushdown;
import io.datastores.api.bulk.ReadPartition;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.core.Reads;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CQL, introspection and pushdown against a real Cassandra node, in a keyspace of this test's own. */
class CassandraDatastoreTest {
    private DatastoreConfig config;
    private Datastore datastore;
    private String keyspace;

    @BeforeEach
    void open() {
        config = TestingCassandra.freshKeyspace("cassandra_test");
        keyspace = config.value("keyspace").orElseThrow();
        datastore = TestingCassandra.open(config);
        datastore.execute("CREATE TABLE events (tenant text, day date, seq int, at timestamp, payload text, "
                + "PRIMARY KEY ((tenant, day), seq, at)) WITH CLUSTERING ORDER BY (seq DESC, at ASC)");
    }

    @AfterEach
    void close() {
        datastore.close();
        TestingCassandra.dropKeyspace(config);
    }

    @Test
    void describeGivesPartitionThenClusteringKeysInOrder() {
        TableInfo info = datastore.describe(TableRef.of("events"));

        assertThat(info.table()).isEqualTo(TableRef.of(keyspace, "events"));
        assertThat(info.primaryKey()).containsExactly("tenant", "day", "seq", "at");
        assertThat(info.columns())
                .extracting(ColumnInfo::name)
                .containsExactly("tenant", "day", "seq", "at", "payload");
        assertThat(info.column("payload").orElseThrow().nullable()).isTrue();
        assertThat(info.column("seq").orElseThrow().typeName()).isEqualTo("int");
        assertThat(datastore.tables(null)).containsExactly(TableRef.of(keyspace, "events"));
        assertThat(datastore.schemas()).contains(keyspace).noneMatch(k -> k.startsWith("system"));
    }

    @Test
    void queryBindsPositionalParametersAndNeverSplicesThem() {
        String hostile = "'); DROP KEYSPACE " + keyspace + "; --";
        datastore.execute(
                "INSERT INTO events (tenant, day, seq, at, payload) VALUES (?, ?, ?, ?, ?)",
                "acme",
                LocalDate.of(2024, 5, 1),
                7L,
                java.time.Instant.parse("2024-05-01T10:00:00.123Z"),
                hostile);

        var result = datastore.query(
                "SELECT seq, payload, at FROM events WHERE tenant = ? AND day = ?", "acme", LocalDate.of(2024, 5, 1));

        assertThat(result.columns()).containsExactly("seq", "payload", "at");
        assertThat(result.rows()).singleElement().satisfies(row -> {
            assertThat(row.get("seq")).isEqualTo(7);
            assertThat(row.get("payload")).isEqualTo(hostile);
            assertThat(row.get("at")).isEqualTo(java.time.Instant.parse("2024-05-01T10:00:00.123Z"));
        });
        assertThatThrownBy(() -> datastore.query("SELECT * FROM events WHERE tenant = ? AND day = ?", "a"))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                .hasMessageContaining("2 ? parameters but 1 values");
        assertThatThrownBy(() -> datastore.query("SELECT * FROM no_such_table"))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void onlyWhatCqlAnswersWithoutAllowFilteringIsPushedDown() throws Exception {
        for (int seq = 0; seq < 6; seq++) {
            datastore.execute(
                    "INSERT INTO events (tenant, day, seq, at, payload) VALUES (?, ?, ?, ?, ?)",
                    seq % 2 == 0 ? "a" : "b",
                    LocalDate.of(2024, 1, 1),
                    seq,
                    java.time.Instant.EPOCH,
                    "p" + seq);
        }
        TableRef events = TableRef.of("events");
        Predicate key = Predicate.and(Predicate.eq("tenant", "a"), Predicate.eq("day", LocalDate.of(2024, 1, 1)));
        Predicate clustering = Predicate.and(
                Predicate.eq("tenant", "a"),
                Predicate.eq("day", LocalDate.of(2024, 1, 1)),
                Predicate.gt("seq", 0L),
                Predicate.eq("payload", "p4"));
        var reader = datastore.bulkReader();

        Pushdown whole = reader.pushdown(ReadRequest.table(events).withFilter(key));
        Pushdown partial = reader.pushdown(ReadRequest.table(events).withFilter(clustering));
        Pushdown partKey = reader.pushdown(ReadRequest.table(events).withFilter(Predicate.eq("tenant", "a")));
        Pushdown inPartition = reader.pushdown(
                ReadRequest.table(events).withFilter(key).withPartition(new ReadPartition(0, 2, null, Map.of())));

        assertThat(whole.residual()).isNull();
        assertThat(whole.pushed()).isEqualTo(key);
        assertThat(partial.pushed())
                .isEqualTo(Predicate.and(
                        Predicate.eq("tenant", "a"),
                        Predicate.eq("day", LocalDate.of(2024, 1, 1)),
                        Predicate.gt("seq", 0L)));
        assertThat(partial.residual()).isEqualTo(Predicate.eq("payload", "p4"));
        assertThat(partKey.pushed())
                .as("half a partition key needs ALLOW FILTERING")
                .isNull();
        assertThat(inPartition.pushed())
                .as("a token range cannot be mixed with a key restriction")
                .isNull();
        assertThat(payloads(ReadRequest.table(events).withFilter(key))).containsExactlyInAnyOrder("p0", "p2", "p4");
        assertThat(payloads(ReadRequest.table(events).withFilter(clustering))).containsExactly("p4");
        assertThat(payloads(ReadRequest.table(events).withFilter(Predicate.eq("payload", "p3"))))
                .containsExactly("p3");
    }

    private List<String> payloads(ReadRequest request) throws Exception {
        List<String> payloads = new java.util.ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = Reads.open(datastore, request.withColumns("payload"), allocator)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    payloads.add(root.getVector("payload").getObject(i).toString());
                }
            }
        }
        return payloads;
    }

    @Test
    void aTableWithoutAKeyIsRefusedNamingTheOptionToSet() {
        TableCreator creator = datastore.feature(TableCreator.class).orElseThrow();

        assertThatThrownBy(() -> creator.createTable(
                        TableRef.of("keyless"),
                        List.of(new TableCreator.ColumnDefinition("id", "bigint", false)),
                        List.of()))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining("needs a primary key")
                .hasMessageContaining("--key");
        creator.createTable(
                TableRef.of("keyed"),
                List.of(
                        new TableCreator.ColumnDefinition("id", "bigint", false),
                        new TableCreator.ColumnDefinition("amount", "decimal(12,2)", true)),
                List.of("id"));
        assertThat(datastore.describe(TableRef.of("keyed")).primaryKey()).containsExactly("id");
        assertThat(datastore
                        .describe(TableRef.of("keyed"))
                        .column("amount")
                        .orElseThrow()
                        .typeName())
                .isEqualTo("decimal");
    }

    @Test
    void theSpecsListOfContactPointsLoadsAndConnects() {
        // As SPEC.md writes it: hosts: [localhost], port: 9042, local_datacenter: …, keyspace: …
        String yaml = "datastores: {metrics: {type: cassandra, connection: {hosts: ['%s', '%s:%s'], port: %s,"
                        .formatted(
                                config.value("host").orElseThrow(),
                                config.value("host").orElseThrow(),
                                config.value("port").orElseThrow(),
                                config.value("port").orElseThrow())
                + " local_datacenter: %s, keyspace: %s, user: %s, password: '${PW}'}}}"
                        .formatted(
                                config.value("local_datacenter").orElseThrow(),
                                keyspace,
                                config.value("user").orElseThrow());
        try (io.datastores.core.Datastores datastores = io.datastores.core.Datastores.fromYaml(
                yaml, Map.of("PW", config.value("password").orElseThrow()))) {
            Datastore metrics = datastores.get("metrics");
            assertThat(metrics.tables(keyspace)).extracting(TableRef::name).contains("events");
        }
    }

    @Test
    void anUnreachableNodeIsAConnectionErrorNamingHostAndPort() throws Exception {
        int closed;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        try (Datastore unreachable = TestingCassandra.open(TestingCassandra.config(
                "cassandra_unreachable", Map.of("host", "127.0.0.1", "port", String.valueOf(closed))))) {
            assertThatThrownBy(unreachable::connect)
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION))
                    .hasMessageContaining("127.0.0.1:" + closed);
            assertThat(unreachable.test().error()).contains("127.0.0.1:" + closed);
            assertThat(unreachable.isConnected()).isFalse();
        }
    }
}
