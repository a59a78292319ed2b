package com.example.folder;

import io.datastores.api.Datastore;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import io.datastores.tck.DatastoreSuite;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The category-neutral kit, passed by a provider built on datastores-api alone. */
class FolderProviderTest extends DatastoreSuite {
    @Override
    protected Datastore createDatastore(Path workDir) {
        return new FolderDatastoreProvider().open(new DatastoreConfig("settings", "folder", "", List.of(), true,
                Map.of("path", workDir.resolve("settings").toString()), Map.of(), PoolSettings.DEFAULT, Map.of()));
    }
}
