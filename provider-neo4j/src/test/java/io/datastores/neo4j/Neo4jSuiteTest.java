package io.datastores.neo4j;

import io.datastores.api.Datastore;
import io.datastores.tck.DatastoreSuite;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.neo4j.driver.Driver;

/** The category-neutral kit and the structured reads, against a real Neo4j server over Bolt. */
class Neo4jSuiteTest extends DatastoreSuite {
    /** @return the server the suite runs against: the module's own (in-process, or the one the environment names) */
    protected TestingNeo4j.Server server() {
        return TestingNeo4j.server();
    }

    /** @return a driver with the server's credentials, to empty its database after each test */
    protected Driver admin() {
        return TestingNeo4j.admin();
    }

    @Override
    protected Datastore createDatastore(Path workDir) {
        return TestingNeo4j.open(TestingNeo4j.config(server(), "neo4j_suite", Map.of()));
    }

    @AfterEach
    void emptyTheDatabase() {
        TestingNeo4j.clean(admin());
    }

    @Override
    protected Optional<Datastore> createDatastoreWithBadCredentials() {
        return Optional.of(TestingNeo4j.open(
                TestingNeo4j.config(server(), "neo4j_refused", Map.of("password", "wrong-" + server().password()))));
    }

    @Override
    protected Optional<String> secret() {
        return Optional.of(server().password());
    }

    @Override
    protected Optional<String> ownLanguageQuery() {
        return Optional.of("RETURN 1 AS one");
    }
}
