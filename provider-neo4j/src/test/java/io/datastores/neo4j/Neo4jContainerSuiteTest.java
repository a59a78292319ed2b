package io.datastores.neo4j;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The same kit suite against the official {@code neo4j} image, where a Docker engine exists. Without one
 * it is skipped and says so on stderr and in the skip reason; as the MongoDB and Cassandra container
 * suites, a missing Docker does not fail the run under {@code CI=true} either (the in-process server's
 * {@link Neo4jSuiteTest} is the suite every run must pass). The image starts with a random password for
 * {@code neo4j}, so refused credentials are a real refusal there too.
 */
class Neo4jContainerSuiteTest extends Neo4jSuiteTest {
    static final String IMAGE = "neo4j:5.26";

    private static GenericContainer<?> container;
    private static TestingNeo4j.Server server;
    private static Driver admin;

    @BeforeAll
    static void startContainer() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            String reason = "SKIPPED: no Docker engine, so the kit suite did not run on the official " + IMAGE
                    + " image (the in-process server's Neo4jSuiteTest still runs)";
            System.err.println("[Neo4jContainerSuiteTest] " + reason);
            Assumptions.abort(reason);
        }
        String password = "pw-" + UUID.randomUUID();
        container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withExposedPorts(7687)
                .withEnv("NEO4J_AUTH", "neo4j/" + password)
                .withEnv("NEO4J_server_memory_heap_max__size", "768m")
                .waitingFor(Wait.forLogMessage(".*Started\\..*", 1).withStartupTimeout(Duration.ofMinutes(3)));
        container.start();
        URI uri = URI.create("bolt://" + container.getHost() + ":" + container.getMappedPort(7687));
        server = new TestingNeo4j.Server(uri, "neo4j", password);
        admin = GraphDatabase.driver(uri, AuthTokens.basic("neo4j", password));
    }

    @AfterAll
    static void stopContainer() {
        if (admin != null) {
            admin.close();
        }
        if (container != null) {
            container.stop();
        }
    }

    @Override
    protected TestingNeo4j.Server server() {
        return server;
    }

    @Override
    protected Driver admin() {
        return admin;
    }
}
