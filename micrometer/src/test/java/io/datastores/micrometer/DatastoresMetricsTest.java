package io.datastores.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.core.Datastores;
import io.datastores.jdbc.TestingServers;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatastoresMetricsTest {
    private final MeterRegistry registry = new SimpleMeterRegistry();

    private Datastores embedded(Path dir) {
        return DatastoresMetrics.instrument(Datastores.loader(), registry)
                .environment(Map.of("DIR", dir.toString()))
                .fromYaml("""
                        datastores:
                          src: {type: duckdb, connection: {database: '${DIR}/src.duckdb'}}
                          dst: {type: duckdb, connection: {database: '${DIR}/dst.duckdb'}}
                        """);
    }

    @Test
    void queriesStatementsAndCopiesAreTimedByDatastoreAndOutcome(@TempDir Path dir) {
        try (Datastores datastores = embedded(dir)) {
            Datastore src = datastores.get("src");
            src.execute("CREATE TABLE orders AS SELECT range AS id, 'customer ' || range AS customer FROM range(500)");
            assertThat(src.query("SELECT count(*) AS n FROM orders WHERE id < ?", 100)
                            .scalar())
                    .isEqualTo(100L);
            assertThatThrownBy(() -> src.query("SELECT * FROM no_such_table"));

            assertThat(timer(
                                    "datastores.execute",
                                    "datastore",
                                    "src",
                                    "type",
                                    "duckdb",
                                    "outcome",
                                    "success",
                                    "error",
                                    "none")
                            .count())
                    .isEqualTo(1);
            assertThat(timer("datastores.query", "datastore", "src", "outcome", "success")
                            .count())
                    .isEqualTo(1);
            assertThat(timer("datastores.query", "datastore", "src", "outcome", "error", "error", "NOT_FOUND")
                            .count())
                    .isEqualTo(1);

            long rows = datastores
                    .copy("src", TableRef.of("orders"), "dst", TableRef.of("orders"))
                    .run()
                    .rows();
            assertThat(rows).isEqualTo(500);
            assertThat(timer("datastores.transfer", "datastore", "dst", "mode", "append", "outcome", "success")
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("datastores.transfer.rows")
                            .tag("datastore", "dst")
                            .counter()
                            .count())
                    .isEqualTo(500);
            assertThat(registry.get("datastores.transfer.bytes")
                            .tag("datastore", "dst")
                            .counter()
                            .count())
                    .isPositive();
            assertThat(registry.get("datastores.transfer.rows.per.second")
                            .tag("datastore", "dst")
                            .summary()
                            .mean())
                    .isPositive();
            assertThat(registry.find("datastores.transfer")
                            .tag("datastore", "src")
                            .timer())
                    .as("the source is read, not written")
                    .isNull();

            assertThat(registry.get("hikaricp.connections.active")
                            .tag("pool", "src")
                            .gauge()
                            .value())
                    .isZero();
            assertNoTagHolds("SELECT", "orders", dir.toString());
        }
    }

    @Test
    void thePostgresPoolShowsAConnectionInUseAndNoTagHoldsTheSecret() throws Exception {
        TestingServers.Server server = TestingServers.postgres();
        // Local servers trust loopback logins and ignore the password; it still must not leak.
        String secret = server.password().isEmpty() ? "pw-marker-7731" : server.password();
        String schema = TestingServers.uniqueName("metrics");
        Datastores datastores = DatastoresMetrics.instrument(Datastores.loader(), registry)
                .environment(Map.of("PW", secret))
                .fromYaml("""
                        datastores:
                          pg:
                            type: postgres
                            connection: {host: '%s', port: %d, user: '%s', password: '${PW}', database: '%s'}
                        """.formatted(server.host(), server.port(), server.user(), server.database()));
        try (datastores) {
            Datastore pg = datastores.get("pg");
            pg.execute("CREATE SCHEMA " + pg.quote(schema));
            try {
                pg.execute("CREATE TABLE " + pg.quote(schema) + ".t (id int)");
                DataSource dataSource = pg.feature(DataSource.class).orElseThrow();
                try (Connection held = dataSource.getConnection()) {
                    assertThat(held.isValid(1)).isTrue();
                    assertThat(activeConnections("pg", 1)).isEqualTo(1);
                }
                assertThat(activeConnections("pg", 0)).isZero();
                assertThat(registry.get("hikaricp.connections.acquire")
                                .tag("pool", "pg")
                                .timer()
                                .count())
                        .isPositive();
                assertThat(timer("datastores.execute", "datastore", "pg", "type", "postgres", "outcome", "success")
                                .count())
                        .isEqualTo(2);
            } finally {
                pg.execute("DROP SCHEMA " + pg.quote(schema) + " CASCADE");
            }
            assertNoTagHolds(secret, "CREATE", schema, server.host());
        }
        assertThat(registry.find("hikaricp.connections.active")
                        .tag("pool", "pg")
                        .gauge())
                .as("a closed pool takes its meters with it")
                .isNull();
    }

    /** HikariCP refreshes its pool counters at most once a second: wait up to 3 s for the expected one. */
    private double activeConnections(String pool, double expected) throws InterruptedException {
        double value = Double.NaN;
        for (int i = 0; i < 30 && value != expected; i++) {
            value = registry.get("hikaricp.connections.active")
                    .tag("pool", pool)
                    .gauge()
                    .value();
            if (value != expected) {
                Thread.sleep(100);
            }
        }
        return value;
    }

    private Timer timer(String name, String... tags) {
        return registry.get(name).tags(tags).timer();
    }

    private void assertNoTagHolds(String... texts) {
        for (Meter meter : registry.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                for (String text : texts) {
                    assertThat(tag.getValue()).as(meter.getId().toString()).doesNotContain(text);
                }
            }
        }
    }
}
