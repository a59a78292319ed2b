package io.datastores.cassandra;

import io.datastores.api.Datastore;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.tck.DatastoreSuite;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/** The category-neutral kit and the structured reads, against a real Cassandra node, in a keyspace of each test's own. */
class CassandraSuiteTest extends DatastoreSuite {
    private DatastoreConfig config;

    /** @return the node the suite runs against: the in-process one (or DATASTORES_TEST_CASSANDRA's) */
    protected TestingCassandra.Server server() {
        return TestingCassandra.server();
    }

    @Override
    protected Datastore createDatastore(Path workDir) {
        config = TestingCassandra.freshKeyspace(server(), "cassandra_suite");
        return TestingCassandra.open(config);
    }

    @AfterEach
    void dropKeyspace() {
        if (config != null) {
            TestingCassandra.dropKeyspace(server(), config);
        }
    }

    @Override
    protected Optional<Datastore> createDatastoreWithBadCredentials() {
        return Optional.of(TestingCassandra.open(TestingCassandra.config(
                server(), "cassandra_refused", Map.of("password", "wrong-" + server().password()))));
    }

    @Override
    protected Optional<String> secret() {
        return Optional.of(server().password());
    }

    @Override
    protected Optional<String> ownLanguageQuery() {
        return Optional.of("SELECT release_version FROM system.local");
    }

    @Override
    public java.time.temporal.ChronoUnit timestampPrecision() {
        return java.time.temporal.ChronoUnit.MILLIS;
    }
}
