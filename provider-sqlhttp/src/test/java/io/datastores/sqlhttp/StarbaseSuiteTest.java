package io.datastores.sqlhttp;

import io.datastores.api.Datastore;
import io.datastores.tck.SqlDatastoreSuite;
import java.nio.file.Path;
import java.util.Optional;

/** The provider kit against StarbaseDB's API, emulated by the test worker over Durable Object SQLite (a fresh instance per test). */
class StarbaseSuiteTest extends SqlDatastoreSuite {
    private String token;

    @Override
    protected Datastore createDatastore(Path workDir) {
        token = TestingSqlHttp.starbaseToken();
        Datastore datastore = TestingSqlHttp.open("starbasedb", TestingSqlHttp.starbase(token));
        return datastore;
    }

    @Override
    protected Optional<Datastore> createDatastoreWithBadCredentials() {
        return Optional.of(TestingSqlHttp.open("starbasedb", TestingSqlHttp.starbase(token + "x")));
    }

    @Override
    protected Optional<String> secret() {
        return Optional.of(token);
    }

    /** JSON has no NaN or infinities. */
    @Override
    protected boolean supportsFloatSpecials() {
        return false;
    }
}
