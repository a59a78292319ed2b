package io.datastores.neo4j;

import io.datastores.api.Datastore;
import io.datastores.tck.DatastoreSuite;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/** The category-neutral kit and the structured reads, against a real Neo4j server over Bolt. */
class Neo4jSuiteTest extends DatastoreSuite {
    @Override
    protected Datastore createDatastore(Path workDir) {
        return TestingNeo4j.open(TestingNeo4j.config("neo4j_suite", Map.of()));
    }

    @AfterEach
    void emptyTheDatabase() {
        TestingNeo4j.clean();
    }

    @Override
    protected Optional<Datastore> createDatastoreWithBadCredentials() {
        return Optional.of(TestingNeo4j.open(TestingNeo4j.config(
                "neo4j_refused",
                Map.of("password", "wrong-" + TestingNeo4j.server().password()))));
    }

    @Override
    protected Optional<String> secret() {
        return Optional.of(TestingNeo4j.server().password());
    }

    @Override
    protected Optional<String> ownLanguageQuery() {
        return Optional.of("RETURN 1 AS one");
    }
}
