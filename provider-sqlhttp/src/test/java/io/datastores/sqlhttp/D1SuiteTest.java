package io.datastores.sqlhttp;

import io.datastores.api.Datastore;
import io.datastores.tck.SqlDatastoreSuite;
import java.nio.file.Path;
import java.util.Optional;

/** The provider kit against D1's REST envelope, emulated by the test worker over a real local D1 binding. */
class D1SuiteTest extends SqlDatastoreSuite {
    private String token;

    @Override
    protected Datastore createDatastore(Path workDir) {
        token = TestingSqlHttp.d1Token();
        Datastore datastore = TestingSqlHttp.open("d1", TestingSqlHttp.d1(token));
        TestingSqlHttp.empty(datastore);
        datastore.close();
        return datastore;
    }

    @Override
    protected Optional<Datastore> createDatastoreWithBadCredentials() {
        return Optional.of(TestingSqlHttp.open("d1", TestingSqlHttp.d1(token + "x")));
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
