package io.datastores.mysql;

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

/** The provider test kit against the real MySQL/MariaDB, in a database of its own per test. */
class MySqlSuiteTest extends SqlDatastoreSuite {
    private final TestingServers.Server server = TestingServers.mysql();
    private final String database = TestingServers.uniqueName("tck");
    private Datastore admin;

    private Datastore open(String user, String password, String inDatabase) {
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
                inDatabase));
        return new MySqlDatastoreProvider()
                .open(new DatastoreConfig(
                        TestingServers.uniqueName("my"),
                        "mysql",
                        "",
                        List.of(),
                        true,
                        connection,
                        Map.of(),
                        new PoolSettings(0, 8, Duration.ofSeconds(5)),
                        Map.of()));
    }

    @Override
    protected Datastore createDatastore(Path workDir) {
        admin = open(server.user(), server.password(), server.database());
        admin.execute("CREATE DATABASE " + quote(database));
        return open(server.user(), server.password(), database);
    }

    @AfterEach
    void dropDatabase() {
        try (Datastore closing = admin) {
            closing.execute("DROP DATABASE " + quote(database));
        }
    }

    @Override
    public boolean supportsFloatSpecials() {
        return false;
    }

    @Override
    protected String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    protected Optional<Datastore> createDatastoreWithBadCredentials() {
        return Optional.of(open("no_such_user_" + database.substring(0, 8), "wrong-Pa55", server.database()));
    }

    @Override
    protected Optional<String> secret() {
        // The local root account has no password; an override server may have one.
        return server.password().isEmpty() ? Optional.empty() : Optional.of(server.password());
    }
}
