package io.datastores.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.core.Datastores;
import io.datastores.core.Placeholders;
import io.datastores.jdbc.TestingServers;
import io.datastores.micrometer.SyncMetrics;
import io.datastores.sync.Sync;
import io.datastores.sync.SyncJob;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

class DatastoresAutoConfigurationTest {
    @TempDir
    Path dir;

    private TestingServers.Server server;
    private ApplicationContextRunner runner;
    private String schema;

    @BeforeEach
    void setUp() throws Exception {
        server = TestingServers.postgres();
        runner = TestingApplication.runner(dir, server);
        schema = TestingServers.uniqueName("spring");
    }

    @AfterEach
    void dropSchema() {
        try (Datastores datastores = Datastores.fromYaml(
                "datastores: {pg: {type: postgres, connection: {host: '"
                        + server.host() + "', port: " + server.port() + ", user: '" + server.user()
                        + "', password: '${PW}', "
                        + "database: '" + server.database() + "'}}}",
                Map.of("PW", server.password()))) {
            datastores.get("pg").execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        }
    }

    @Test
    void everyDatastoreIsABeanByNameAndEachJdbcOneHasADataSourceOnItsOwnPool() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            Datastores datastores = context.getBean(Datastores.class);
            assertThat(context.getBeansOfType(Datastore.class))
                    .containsOnlyKeys("pg", "warehouse", "offline", "parked");
            assertThat(context.getBean("pg", Datastore.class)).isSameAs(datastores.get("pg"));
            assertThat(context.getBeansOfType(DataSource.class))
                    .as("a DataSource per enabled JDBC datastore")
                    .containsOnlyKeys("pgDataSource", "warehouseDataSource", "offlineDataSource");
            assertThat(datastores.list()).noneMatch(Datastore::isConnected);

            DataSource pgDataSource = context.getBean("pgDataSource", DataSource.class);
            assertThat(pgDataSource)
                    .isSameAs(datastores.get("pg").feature(DataSource.class).orElseThrow());
            Datastore pg = context.getBean("pg", Datastore.class);
            pg.execute("CREATE SCHEMA \"" + schema + "\"");
            pg.execute("CREATE TABLE \"" + schema + "\".orders (id int, customer text)");
            pg.execute("INSERT INTO \"" + schema + "\".orders VALUES (1, 'Ada'), (2, 'Grace')");

            JdbcTemplate jdbc = new JdbcTemplate(pgDataSource);
            assertThat(jdbc.queryForObject(
                            "SELECT customer FROM \"" + schema + "\".orders WHERE id = ?", String.class, 2))
                    .isEqualTo("Grace");
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            Double inUse =
                    jdbc.execute((ConnectionCallback<Double>) connection -> Metrics.awaitActive(meters, "pg", 1));
            assertThat(inUse)
                    .as("the template's connection is one of the datastore's pool")
                    .isEqualTo(1);
            assertThat(meters.find("hikaricp.connections.max").tag("pool", "pg").gauges())
                    .hasSize(1);
            assertThat(meters.find("hikaricp.connections.max").gauges())
                    .as("one pool per connected datastore, no other")
                    .hasSize(1);
        });
    }

    @Test
    void springBootsJdbcAutoConfigurationUsesThePrimaryDatastoresPoolAndMakesNoPoolOfItsOwn() {
        runner.withConfiguration(
                        AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class))
                .withPropertyValues("datastores.primary-data-source=warehouse")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                    assertThat(jdbc.getDataSource()).isSameAs(context.getBean("warehouseDataSource"));
                    assertThat(jdbc.queryForObject("SELECT 40 + ?", Integer.class, 2))
                            .isEqualTo(42);
                    assertThat(context.getBean("warehouse", Datastore.class).isConnected())
                            .isTrue();
                    assertThat(context.getBeansOfType(DataSource.class)).doesNotContainKey("dataSource");
                });
        runner.withPropertyValues("datastores.primary-data-source=parked")
                .run(context -> assertThat(context)
                        .getFailure()
                        .isInstanceOf(DatastoreException.class)
                        .hasMessage("datastores.primary-data-source is 'parked', which is not a JDBC "
                                + "datastore of the configuration"));
    }

    @Test
    void qualifiedInjectionFindsTheDatastoreAndTheDataSourceByName() {
        runner.withUserConfiguration(ReportsConfiguration.class).run(context -> {
            ReportsConfiguration.Holder holder = context.getBean(ReportsConfiguration.Holder.class);
            assertThat(holder.warehouse().name()).isEqualTo("warehouse");
            assertThat(holder.pg())
                    .isSameAs(context.getBean("pg", Datastore.class)
                            .feature(DataSource.class)
                            .get());
        });
    }

    @Test
    void healthIsUpForAReachableDatastoreDownForAnUnreachableOneAndHoldsNoSecret() {
        runner.run(context -> {
            HealthComponent all = context.getBean(HealthEndpoint.class).health();
            CompositeHealth datastores =
                    (CompositeHealth) ((CompositeHealth) all).getComponents().get("datastores");
            Health pg = (Health) datastores.getComponents().get("pg");
            assertThat(pg.getStatus()).isEqualTo(Status.UP);
            assertThat((String) pg.getDetails().get("serverVersion")).startsWith("PostgreSQL");
            assertThat(pg.getDetails())
                    .containsKeys("latencyMillis", "database")
                    .containsEntry("type", "postgres");
            Health warehouse = (Health) datastores.getComponents().get("warehouse");
            assertThat(warehouse.getStatus()).isEqualTo(Status.UP);
            assertThat((String) warehouse.getDetails().get("serverVersion")).startsWith("DuckDB");
            Health offline = (Health) datastores.getComponents().get("offline");
            assertThat(offline.getStatus()).isEqualTo(Status.DOWN);
            assertThat((String) offline.getDetails().get("error")).contains("127.0.0.1:1");
            assertThat(datastores.getComponents().get("parked").getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat(datastores.getStatus()).isEqualTo(Status.DOWN);

            String json = new ObjectMapper().writeValueAsString(all);
            assertThat(json).contains("\"datastores\"").doesNotContain(TestingApplication.password(server));
        });
    }

    @Test
    void aQueryACopyAndASyncRunShowInTheMetricsWithNamesAndNoSecretOrSql() {
        runner.run(context -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            Datastores datastores = context.getBean(Datastores.class);
            Datastore warehouse = context.getBean("warehouse", Datastore.class);
            warehouse.execute(
                    "CREATE TABLE orders AS SELECT range AS id, TIMESTAMP '2026-01-01' + INTERVAL (range) HOUR "
                            + "AS updated_at FROM range(300)");
            assertThat(warehouse.query("SELECT count(*) AS n FROM orders").scalar())
                    .isEqualTo(300L);
            assertThat(meters.get("datastores.query")
                            .tags("datastore", "warehouse", "type", "duckdb", "outcome", "success")
                            .timer()
                            .count())
                    .isEqualTo(1);

            datastores.get("pg").execute("CREATE SCHEMA \"" + schema + "\"");
            assertThat(datastores
                            .copy("warehouse", TableRef.of("orders"), "pg", TableRef.of(schema, "orders"))
                            .key("id")
                            .run()
                            .rows())
                    .isEqualTo(300);
            assertThat(meters.get("datastores.transfer")
                            .tags("datastore", "pg", "mode", "append", "outcome", "success")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get("datastores.transfer.rows")
                            .tag("datastore", "pg")
                            .counter()
                            .count())
                    .isEqualTo(300);

            warehouse.execute("CREATE SCHEMA replica");
            SyncJob job = SyncJob.parse(
                    "name: to_warehouse\n"
                            + "source_provider: {data_backend: {datastore_name: pg, schema: '" + schema + "'}}\n"
                            + "target_provider: {data_backend: {datastore_name: warehouse, schema: replica}}\n"
                            + "tables: [{name: orders, primary_key: [id]}]\ntrack_column: updated_at\n",
                    Placeholders.of(Map.of()));
            try (Sync sync = SyncMetrics.bind(Sync.create(datastores, job), meters)) {
                assertThat(sync.run().failed()).isEmpty();
            }
            assertThat(meters.get("datastores.sync.runs")
                            .tags("job", "to_warehouse", "outcome", "success")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get("datastores.sync.records")
                            .tags("table", "orders")
                            .counter()
                            .count())
                    .isEqualTo(300);
            assertThat(meters.get("datastores.sync.lag")
                            .tags("job", "to_warehouse", "table", "orders")
                            .timeGauge()
                            .value())
                    .isPositive();
            assertThat(meters.get("hikaricp.connections.active")
                            .tag("pool", "pg")
                            .gauge())
                    .isNotNull();

            for (Meter meter : meters.getMeters()) {
                for (Tag tag : meter.getId().getTags()) {
                    assertThat(tag.getValue())
                            .as(meter.getId().toString())
                            .doesNotContain(TestingApplication.password(server))
                            .doesNotContain("SELECT")
                            .doesNotContain(dir.toString())
                            .doesNotContain(schema);
                }
            }
        });
    }

    @Test
    void anUnreachableDatastoreDoesNotStopStartupUnlessFailFastIsAsked() {
        runner.run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues("datastores.fail-fast=true").run(context -> {
            assertThat(context).hasFailed();
            Throwable cause = context.getStartupFailure();
            while (!(cause instanceof DatastoreException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertThat(cause).isInstanceOfSatisfying(DatastoreException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
                assertThat(e.getMessage())
                        .contains("offline")
                        .contains("127.0.0.1:1")
                        .doesNotContain(TestingApplication.password(server));
            });
        });
    }

    @Test
    void failFastStartsWhenEveryEnabledDatastoreConnects() throws Exception {
        ApplicationContextRunner reachable = TestingApplication.runner(dir, server);
        Files.writeString(
                dir.resolve("datastores.yaml"),
                Files.readString(dir.resolve("datastores.yaml"))
                        .replaceAll("(?s)  offline:.*?connect_timeout: 1}\n", ""));
        reachable.withPropertyValues("datastores.fail-fast=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean("pg", Datastore.class).isConnected()).isTrue();
            assertThat(context.getBean("warehouse", Datastore.class).isConnected())
                    .isTrue();
        });
    }
}
