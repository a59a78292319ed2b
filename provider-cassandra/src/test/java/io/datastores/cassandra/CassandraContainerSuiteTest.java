package io.datastores.cassandra;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The same kit suite against the official {@code cassandra} image, where a Docker engine exists. Without
 * one it is skipped and says so on stderr and in the skip reason; as provider-mongodb's container suite,
 * a missing Docker does not fail the run under {@code CI=true} either (the in-process node is the suite
 * every run must pass). The image runs with {@code PasswordAuthenticator} (its stock configuration allows
 * anyone), so the refused password is a real refusal there too.
 */
class CassandraContainerSuiteTest extends CassandraSuiteTest {
    static final String IMAGE = "cassandra:5.0";

    private static GenericContainer<?> container;
    private static TestingCassandra.Server server;

    @BeforeAll
    static void startContainer() throws InterruptedException {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            String reason = "SKIPPED: no Docker engine, so the kit suite did not run on the official " + IMAGE
                    + " image (the in-process node's CassandraSuiteTest still runs)";
            System.err.println("[CassandraContainerSuiteTest] " + reason);
            Assumptions.abort(reason);
        }
        container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withExposedPorts(9042)
                .withEnv("MAX_HEAP_SIZE", "768M")
                .withEnv("HEAP_NEWSIZE", "128M")
                .withEnv(
                        "JVM_EXTRA_OPTS",
                        "-Dcassandra.superuser_setup_delay_ms=0 -Dcassandra.skip_wait_for_gossip_to_settle=0"
                                + " -Dcassandra.ring_delay_ms=0")
                // The stock cassandra.yaml names AllowAllAuthenticator; the image's entry point then starts the node.
                .withCommand(
                        "sh",
                        "-c",
                        "sed -i 's/AllowAllAuthenticator/PasswordAuthenticator/' /etc/cassandra/cassandra.yaml"
                                + " && exec docker-entrypoint.sh cassandra -f")
                .waitingFor(Wait.forLogMessage(".*Starting listening for CQL clients.*", 1)
                        .withStartupTimeout(Duration.ofMinutes(5)));
        container.start();
        server = TestingCassandra.withTestUser(container.getHost(), container.getMappedPort(9042), "datacenter1");
    }

    @AfterAll
    static void stopContainer() {
        if (server != null) {
            TestingCassandra.forget(server);
        }
        if (container != null) {
            container.stop();
        }
    }

    @Override
    protected TestingCassandra.Server server() {
        return server;
    }
}
