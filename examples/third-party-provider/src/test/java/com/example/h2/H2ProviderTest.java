package com.example.h2;

import io.datastores.api.Datastore;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import io.datastores.tck.SqlDatastoreSuite;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whole provider test kit, passed by a provider built outside the SDK. */
class H2ProviderTest extends SqlDatastoreSuite {
    private static final String PASSWORD = "h2-S3cret-Pa55";
    private Path file;

    private static Datastore open(Path file, String password) {
        return new H2DatastoreProvider().open(new DatastoreConfig("h2_kit", "h2", "", List.of(), true,
                Map.of("database", file.toString(), "user", "sa", "password", password), Map.of(),
                PoolSettings.DEFAULT, Map.of()));
    }

    @Override
    protected Datastore createDatastore(Path workDir) {
        file = workDir.resolve("kit");
        return open(file, PASSWORD);
    }

    @Override
    protected Optional<Datastore> createDatastoreWithBadCredentials() {
        // The first connection sets the file's password; this one brings the wrong one.
        datastore.connect();
        return Optional.of(open(file, "wrong-password"));
    }

    /** H2 stores -0.0 as 0.0 in REAL and DOUBLE columns. */
    @Override
    public boolean supportsFloatSpecials() {
        return false;
    }

    @Override
    protected Optional<String> secret() {
        return Optional.of(PASSWORD);
    }
}
