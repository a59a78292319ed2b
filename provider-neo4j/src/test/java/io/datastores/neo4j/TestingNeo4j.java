package io.datastores.neo4j;

import io.datastores.api.Datastore;
import io.datastores.api.arrow.ArrowCells;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import io.datastores.core.Datastores;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * The Neo4j server the tests run against, started at most once per test JVM: the one at
 * {@code DATASTORES_TEST_NEO4J_URI} (with {@code _USER} and {@code _PASSWORD}) when set, else an
 * in-process Neo4j 5.26 ({@code neo4j-harness}) with Bolt on loopback and authentication on; the
 * initial password is changed to a random one, so refused credentials can be tested. Tests share
 * its one database and empty it after each test ({@link #clean()}). When no server can be had,
 * tests are skipped with the reason, or fail under {@code CI=true}.
 */
final class TestingNeo4j {
    private static Server server;
    private static Throwable failure;
    private static Driver admin;

    /** A reachable server and the credentials to use. */
    record Server(URI uri, String user, String password) {
        @Override
        public String toString() {
            return user + "@" + uri;
        }
    }

    private TestingNeo4j() {}

    static synchronized Server server() {
        if (server == null && failure == null) {
            try {
                String external = System.getenv("DATASTORES_TEST_NEO4J_URI");
                server = external == null || external.isBlank()
                        ? startInProcess()
                        : new Server(
                                URI.create(external),
                                System.getenv().getOrDefault("DATASTORES_TEST_NEO4J_USER", "neo4j"),
                                System.getenv().getOrDefault("DATASTORES_TEST_NEO4J_PASSWORD", ""));
            } catch (Throwable e) {
                failure = e;
            }
        }
        if (failure != null) {
            String reason = "No Neo4j server: the in-process server did not start (" + failure
                    + "); set DATASTORES_TEST_NEO4J_URI to test against another";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(reason + " — failing because CI=true", failure);
            }
            Assumptions.abort(reason + " — SKIPPED");
        }
        return server;
    }

    static DatastoreConfig config(String name, Map<String, String> extra) {
        return config(server(), name, extra);
    }

    /** @return a configuration of {@code s}, such as a container's */
    static DatastoreConfig config(Server s, String name, Map<String, String> extra) {
        Map<String, String> connection =
                new HashMap<>(Map.of("uri", s.uri().toString(), "user", s.user(), "password", s.password()));
        connection.putAll(extra);
        return new DatastoreConfig(
                name,
                "neo4j",
                "",
                List.of(),
                true,
                connection,
                Map.of(),
                new PoolSettings(0, 40, Duration.ofSeconds(10)),
                Map.of());
    }

    /** @return a registry (through core) of one datastore {@code neo4j} on the test server; the caller closes it */
    static Datastores datastores(Map<String, String> extra) {
        DatastoreConfig config = config("neo4j", extra);
        Map<String, String> connection = new HashMap<>(extra);
        connection.putAll(Map.of(
                "uri", config.value("uri").orElseThrow(),
                "user", config.value("user").orElseThrow(),
                "password", config.value(Neo4jSettings.PASSWORD).orElseThrow()));
        return Datastores.inline("neo4j", "neo4j", connection);
    }

    static Datastore open(DatastoreConfig config) {
        return new Neo4jDatastoreProvider().open(config);
    }

    /** Deletes every node, relationship and constraint, so the next test starts from an empty database. */
    static void clean() {
        clean(admin());
    }

    /** Empties the database {@code admin} is connected to. */
    static void clean(Driver admin) {
        try (Session session = admin.session()) {
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
                    .consume();
            for (Record constraint :
                    session.run("SHOW CONSTRAINTS YIELD name RETURN name").list()) {
                session.run("DROP CONSTRAINT "
                                + Neo4jSchema.quote(constraint.get("name").asString()))
                        .consume();
            }
        }
    }

    /**
     * Reads every batch of {@code reader} (which the caller closes).
     *
     * @return each row as its columns' values by name ({@link #cell})
     */
    static List<Map<String, Object>> rows(ArrowReader reader) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        while (reader.loadNextBatch()) {
            rows.addAll(rows(reader.getVectorSchemaRoot()));
        }
        return rows;
    }

    /** @return each row of {@code root} as its columns' values by name ({@link #cell}) */
    static List<Map<String, Object>> rows(VectorSchemaRoot root) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 0; r < root.getRowCount(); r++) {
            Map<String, Object> row = new HashMap<>();
            for (FieldVector vector : root.getFieldVectors()) {
                row.put(vector.getName(), cell(vector, r));
            }
            rows.add(row);
        }
        return rows;
    }

    /** @return a cell as {@link ArrowCells} gives it, a struct as a map of its fields' cells, a list as a list of its elements' */
    static Object cell(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        if (vector instanceof StructVector struct) {
            Map<String, Object> fields = new HashMap<>();
            struct.getChildrenFromFields().forEach(child -> fields.put(child.getName(), cell(child, row)));
            return fields;
        }
        if (vector instanceof ListVector list) {
            List<Object> elements = new ArrayList<>();
            for (int i = list.getElementStartIndex(row); i < list.getElementEndIndex(row); i++) {
                elements.add(cell(list.getDataVector(), i));
            }
            return elements;
        }
        return ArrowCells.value(vector, row);
    }

    static synchronized Driver admin() {
        if (admin == null) {
            Server s = server();
            admin = GraphDatabase.driver(s.uri(), AuthTokens.basic(s.user(), s.password()));
        }
        return admin;
    }

    private static Server startInProcess() {
        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder()
                .withDisabledServer()
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(neo4j::close));
        String password = "pw-" + UUID.randomUUID();
        try (Driver initial = GraphDatabase.driver(neo4j.boltURI(), AuthTokens.basic("neo4j", "neo4j"));
                Session system = initial.session(SessionConfig.forDatabase("system"))) {
            system.run("ALTER CURRENT USER SET PASSWORD FROM 'neo4j' TO $password", Map.of("password", password))
                    .consume();
        }
        return new Server(neo4j.boltURI(), "neo4j", password);
    }
}
