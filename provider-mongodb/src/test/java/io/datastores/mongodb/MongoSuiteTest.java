package io.datastores.mongodb;

import io.datastores.api.Datastore;
import io.datastores.tck.DatastoreSuite;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/**
 * The category-neutral kit, its structured reads and bulk writes, in a database of each test's own on
 * the in-process mongo-java-server (or the mongod {@code MONGODB_TEST_URI} names). That server has no
 * users, so the bad-credential cases skip here and run in {@link MongoContainerSuiteTest}.
 */
class MongoSuiteTest extends DatastoreSuite {
    private TestingMongo mongo;

    protected TestingMongo mongo() {
        return TestingMongo.open("mongo_suite");
    }

    @Override
    protected Datastore createDatastore(Path workDir) {
        mongo = mongo();
        return mongo.datastore();
    }

    @AfterEach
    void dropDatabase() {
        if (mongo != null) {
            mongo.close();
        }
    }

    /** MongoDB runs its own commands, as Extended JSON, through query. */
    @Override
    protected Optional<String> ownLanguageQuery() {
        return Optional.of("{\"ping\": 1}");
    }

    /** BSON dates keep milliseconds: a loss the type mapping names. */
    @Override
    public ChronoUnit timestampPrecision() {
        return ChronoUnit.MILLIS;
    }
}
