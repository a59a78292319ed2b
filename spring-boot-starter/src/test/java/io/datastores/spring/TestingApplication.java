package io.datastores.spring;

import io.datastores.jdbc.TestingServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A Spring Boot application context as an application with Actuator and Micrometer gets one,
 * over a {@code datastores.yaml} of a real PostgreSQL ({@code pg}), an embedded DuckDB
 * ({@code warehouse}), a PostgreSQL nobody listens for ({@code offline}) and a disabled one.
 * Connection settings come in as Spring properties, so the file's placeholders prove that
 * Spring's property sources feed them.
 */
final class TestingApplication {

    private TestingApplication() {}

    /**
     * @return the password given to every PostgreSQL datastore: the server's, or a marker when the
     *     server trusts loopback logins (then it only has to stay hidden)
     */
    static String password(TestingServers.Server server) {
        return server.password().isEmpty() ? "spring-secret-5521" : server.password();
    }

    static ApplicationContextRunner runner(Path dir, TestingServers.Server server) throws IOException {
        Path yaml = dir.resolve("datastores.yaml");
        Files.writeString(yaml, """
                datastores:
                  pg:
                    type: postgres
                    connection: {host: '${PG_HOST}', port: '${PG_PORT}', user: '${PG_USER}', password: '${PG_PASSWORD}',
                                 database: '${PG_DB}', connect_timeout: 5}
                  warehouse:
                    type: duckdb
                    connection: {database: '${WAREHOUSE_FILE}'}
                  offline:
                    type: postgres
                    connection: {host: 127.0.0.1, port: 1, user: u, password: '${PG_PASSWORD}', database: x, connect_timeout: 1}
                  parked: {type: duckdb, enabled: false, connection: {}}
                """);
        String password = password(server);
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DatastoresAutoConfiguration.class,
                        MetricsAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class,
                        HealthContributorAutoConfiguration.class,
                        HealthEndpointAutoConfiguration.class))
                .withPropertyValues(
                        "datastores.config=" + yaml,
                        "PG_HOST=" + server.host(),
                        "PG_PORT=" + server.port(),
                        "PG_USER=" + server.user(),
                        "PG_PASSWORD=" + password,
                        "PG_DB=" + server.database(),
                        "WAREHOUSE_FILE=" + dir.resolve("warehouse.duckdb"),
                        "management.endpoint.health.show-details=always");
    }
}
