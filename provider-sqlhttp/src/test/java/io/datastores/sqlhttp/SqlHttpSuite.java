package io.datastores.sqlhttp;

import io.datastores.api.Datastore;
import io.datastores.tck.SqlDatastoreSuite;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The provider kit for one of the three services: each test class names its type, token and connection. */
abstract class SqlHttpSuite extends SqlDatastoreSuite {
    private String token;

    /** @return the datastore type */
    abstract String type();

    /** @return the token the test server accepts */
    abstract String token();

    /** @return the connection settings with this token */
    abstract Map<String, String> connection(String withToken);

    @Override
    protected Datastore createDatastore(Path workDir) {
        token = token();
        Datastore datastore = TestingSqlHttp.open(type(), connection(token));
        TestingSqlHttp.empty(datastore);
        datastore.close();
        return datastore;
    }

    @Override
    protected Optional<Datastore> createDatastoreWithBadCredentials() {
        return Optional.of(TestingSqlHttp.open(type(), connection(token.substring(0, token.length() - 4) + "AAAA")));
    }

    @Override
    protected Optional<String> secret() {
        return Optional.of(token);
    }

    /** JSON has no NaN or infinities: the writer refuses them by column (see the fault tests). */
    @Override
    public boolean supportsFloatSpecials() {
        return false;
    }
}
