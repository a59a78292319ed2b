package io.datastores.redis;

import io.datastores.api.Datastore;
import io.datastores.tck.DatastoreSuite;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/**
 * The category-neutral kit and its structured reads against the real local {@code redis-server}, as an
 * ACL user with a password that may touch only this test's namespace (created and deleted here).
 */
class RedisSuiteTest extends DatastoreSuite {
    private static final String PASSWORD = "s3cr3t-Redis-pw";
    private TestingRedis redis;

    @AfterEach
    void cleanUp() {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected Datastore createDatastore(Path workDir) {
        redis = TestingRedis.open();
        String user = "ds_" + redis.namespace.substring(2, 14);
        redis.createUser(user, PASSWORD);
        return new RedisDatastoreProvider().open(redis.config(Map.of("username", user, "password", PASSWORD)));
    }

    @Override
    protected Optional<Datastore> createDatastoreWithBadCredentials() {
        return Optional.of(new RedisDatastoreProvider()
                .open(redis.config(Map.of(
                        "username", "ds_" + redis.namespace.substring(2, 14), "password", "wrong-" + PASSWORD))));
    }

    /** Redis runs its own commands through query, not SQL. */
    @Override
    protected Optional<String> ownLanguageQuery() {
        return Optional.of("PING");
    }

    @Override
    protected Optional<String> secret() {
        return Optional.of(PASSWORD);
    }
}
