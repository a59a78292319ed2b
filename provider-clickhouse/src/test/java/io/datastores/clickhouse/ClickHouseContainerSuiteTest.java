package io.datastores.clickhouse;

import io.datastores.jdbc.TestingServers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The provider test kit against a real ClickHouse server in Docker, where a Docker engine exists
 * (skipped otherwise): what the chDB shim cannot show — users and refused credentials, compression,
 * concurrent connections — is covered here.
 */
@Testcontainers(disabledWithoutDocker = true)
class ClickHouseContainerSuiteTest extends ClickHouseSuiteTest {
    private static final String PASSWORD = "tc-Secret-Pa55";

    @Container
    private static final GenericContainer<?> SERVER = new GenericContainer<>("clickhouse/clickhouse-server:26.7")
            .withEnv("CLICKHOUSE_USER", "tester")
            .withEnv("CLICKHOUSE_PASSWORD", PASSWORD)
            .withExposedPorts(ClickHouseDialect.HTTP_PORT)
            .waitingFor(
                    Wait.forHttp("/ping").forPort(ClickHouseDialect.HTTP_PORT).forStatusCode(200));

    @Override
    protected TestingClickHouse clickHouse() {
        return new TestingClickHouse(new TestingServers.Server(
                SERVER.getHost(), SERVER.getMappedPort(ClickHouseDialect.HTTP_PORT), "tester", PASSWORD, "default"));
    }
}
