package io.datastores.registry;

/** The contract on the team store: a fresh schema of the local PostgreSQL, dropped afterwards. */
class PostgresRegistryTest extends RegistryContractTest {
    @Override
    TestingRegistry start() {
        return TestingRegistry.postgres(settings -> settings);
    }
}
