package io.datastores.sqlhttp;

import io.datastores.api.Datastore;
import io.datastores.tck.SqlDatastoreSuite;
import java.nio.file.Path;
import java.util.Optional;

/** The provider kit against the real sqld (libSQL) the set-up script starts. */
class TursoSuiteTest extends SqlDatastoreSuite {
    private String token;

    @Override
    protected Datastore createDatastore(Path workDir) {
        token = TestingSqlHttp.tursoToken();
        Datastore datastore = TestingSqlHttp.open("turso", TestingSqlHttp.turso(token));
        TestingSqlHttp.empty(datastore);
        datastore.close();
        return datastore;
    }

    @Override
    protected Optional<Datastore> createDatastoreWithBadCredentials() {
        return Optional.of(TestingSqlHttp.open("turso", TestingSqlHttp.turso(token.substring(0, token.length() - 4)
                + "AAAA")));
    }

    @Override
    protected Optional<String> secret() {
        return Optional.of(token);
    }

    /** JSON has no NaN or infinities: the writer refuses them by column (see SqlHttpBulkTest). */
    @Override
    protected boolean supportsFloatSpecials() {
        return false;
    }
}
