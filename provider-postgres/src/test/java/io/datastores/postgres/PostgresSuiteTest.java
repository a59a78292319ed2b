package io.datastores.postgres;

import io.datastores.api.Datastore;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import io.datastores.jdbc.TestingServers;
import io.datastores.tck.SqlDatastoreSuite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/** The provider test kit against the real PostgreSQL, in a schema of its own per test. */
class PostgresSuiteTest extends SqlDatastoreSuite {
    private final TestingServers.Server server = TestingServers.postgres();
    private final String schema = TestingServers.uniqueName("tck");
    // The local server trusts every login, so any password is accepted; the kit checks it never leaks.
    private final String password = server.password().isEmpty() ? "kit-S3cret-Pa55" : server.password();
    private Datastore admin;

    private Datastore open(String user, Map<String, String> properties) {
        Map<String, String> connection = new HashMap<>(Map.of(
                "host",
                server.host(),
                "port",
                String.valueOf(server.port()),
                "user",
                user,
                "password",
                password,
                "database",
                server.database()));
        return new PostgresDatastoreProvider()
                .open(new DatastoreConfig(
                        TestingServers.uniqueName("pg"),
                        "postgres",
                        "",
                        List.of(),
                        true,
                        connection,
                        properties,
                        new PoolSettings(0, 8, Duration.ofSeconds(5)),
                        Map.of()));
    }

    @Override
    protected Datastore createDatastore(Path workDir) {
        admin = open(server.user(), Map.of());
        admin.execute("CREATE SCHEMA " + quote(schema));
        return open(server.user(), Map.of("currentSchema", schema));
    }

    @AfterEach
    void dropSchema() {
        try (Datastore closing = admin) {
            closing.execute("DROP SCHEMA " + quote(schema) + " CASCADE");
        }
    }

    @Override
    protected Optional<Datastore> createDatastoreWithBadCredentials() {
        // Trust authentication cannot refuse a password, but it refuses a role that does not exist.
        return Optional.of(open("no_such_role_" + schema, Map.of()));
    }

    @Override
    protected Optional<String> secret() {
        return Optional.of(password);
    }
}
