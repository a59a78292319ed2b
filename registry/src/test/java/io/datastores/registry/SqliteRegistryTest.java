package io.datastores.registry;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the default store: an SQLite file. */
class SqliteRegistryTest extends RegistryContractTest {
    @TempDir
    Path folder;

    @Override
    TestingRegistry start() {
        return TestingRegistry.sqlite(folder);
    }
}
