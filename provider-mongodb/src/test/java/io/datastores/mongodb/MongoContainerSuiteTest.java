package io.datastores.mongodb;

import io.datastores.api.Datastore;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same kit suite against the official {@code mongo} image, where a Docker engine exists (skipped
 * otherwise): what mongo-java-server cannot show — users, refused passwords as AUTHENTICATION, the
 * password never in a message — runs here, as a root user with a password inside the URI.
 */
@Testcontainers(disabledWithoutDocker = true)
class MongoContainerSuiteTest extends MongoSuiteTest {
    private static final String PASSWORD = "tc-Secret-Pa55";

    @Container
    private static final GenericContainer<?> SERVER = new GenericContainer<>("mongo:8.0")
            .withEnv("MONGO_INITDB_ROOT_USERNAME", "tester")
            .withEnv("MONGO_INITDB_ROOT_PASSWORD", PASSWORD)
            .withExposedPorts(27017)
            .waitingFor(Wait.forLogMessage("(?i).*waiting for connections.*", 2));

    private TestingMongo current;

    private static String uri(String password) {
        return "mongodb://tester:" + password + "@" + SERVER.getHost() + ":" + SERVER.getMappedPort(27017);
    }

    @Override
    protected TestingMongo mongo() {
        current = new TestingMongo(uri(PASSWORD), "mongo_suite", "?authSource=admin");
        return current;
    }

    @Override
    protected Optional<Datastore> createDatastoreWithBadCredentials() {
        return Optional.of(new MongoDatastoreProvider()
                .open(TestingMongo.config(
                        Map.of("uri", uri("wrong-" + PASSWORD) + "/" + current.database + "?authSource=admin"),
                        java.time.Duration.ofSeconds(10))));
    }

    @Override
    protected Optional<String> secret() {
        return Optional.of(PASSWORD);
    }
}
