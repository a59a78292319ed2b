package io.datastores.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.DatastoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatastoresTest {
    private static final String PASSWORD = "hunter2-S3cret";

    private static DatastoreConfig config(Datastores datastores, String name) {
        return ((TestingProvider.TestingDatastore) datastores.get(name)).config();
    }

    @Test
    void disabledDatastoreIsListedButRefusesToConnect() {
        try (Datastores datastores = Datastores.fromYaml("""
                datastores:
                  off: {type: postgres, enabled: false, description: parked, tags: [old], connection: {}}
                  on: {type: postgres, connection: {host: h}}
                """, Map.of())) {
            Datastore off = datastores.get("off");
            assertThat(datastores.names()).containsExactly("off", "on");
            assertThat(off.enabled()).isFalse();
            assertThat(off.description()).isEqualTo("parked");
            assertThat(off.tags()).containsExactly("old");
            assertThatThrownBy(off::connect)
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                    .hasMessage("[off/postgres] Datastore 'off' is disabled (enabled: false); "
                            + "set enabled: true in its configuration to use it");
            assertThatThrownBy(() -> off.query("select 1")).hasMessageContaining("is disabled");
            assertThat(off.test().success()).isFalse();
            assertThat(off.test().error()).contains("is disabled");

            datastores.connectAll();
            assertThat(datastores.get("on").isConnected()).isTrue();
            assertThat(off.isConnected()).isFalse();
        }
    }

    @Test
    void scalarsStayTextUntilTheConfigurationConvertsThem() {
        try (Datastores datastores = Datastores.fromYaml("""
                datastores:
                  no:
                    type: postgres
                    enabled: true
                    connection: {host: h, port: 5432, password: 012345, user: 2024-01-01, database: ~}
                """, Map.of())) {
            assertThat(datastores.names()).containsExactly("no");
            assertThat(config(datastores, "no").connection())
                    .containsEntry("port", "5432")
                    .containsEntry("password", "012345")
                    .containsEntry("user", "2024-01-01")
                    .containsEntry("database", "");
        }
    }

    @Test
    void disabledDatastoreOfAnUninstalledTypeStillLoads() {
        try (Datastores datastores = Datastores.fromYaml(
                "datastores: {later: {type: starrocks, enabled: false, connection: {host: h}}}", Map.of())) {
            assertThat(datastores.get("later").type()).isEqualTo("starrocks");
            assertThatThrownBy(datastores.get("later")::connect).hasMessageContaining("is disabled");
        }
    }

    @Test
    void connectAllTriesEveryDatastoreAndReportsAllFailures() {
        try (Datastores datastores = Datastores.fromYaml("""
                datastores:
                  bad1: {type: postgres, connection: {host: h, fail: connect}}
                  good: {type: postgres, connection: {host: h}}
                  bad2: {type: mysql, connection: {host: h, fail: connect}}
                """, Map.of())) {
            assertThatThrownBy(datastores::connectAll)
                    .hasMessageContaining("[bad1/postgres] refused on purpose")
                    .satisfies(e -> assertThat(e.getSuppressed())
                            .extracting(Throwable::getMessage)
                            .containsExactly("[bad2/mysql] refused on purpose"));
            assertThat(datastores.get("good").isConnected()).isTrue();
        }
    }

    @Test
    void closeClosesEverythingEvenWhenOneCloseFails() {
        Datastores datastores = Datastores.fromYaml("""
                datastores:
                  a: {type: postgres, connection: {host: h}}
                  broken: {type: postgres, connection: {host: h, fail: close}}
                  c: {type: postgres, connection: {host: h}}
                """, Map.of());
        datastores.list().forEach(Datastore::connect);

        assertThatThrownBy(datastores::close).hasMessageContaining("close failed on purpose");

        assertThat(datastores.list()).noneMatch(Datastore::isConnected);
        assertThat(datastores.list())
                .allSatisfy(d -> assertThat(((TestingProvider.TestingDatastore) d).closes())
                        .isEqualTo(1));
    }

    @Test
    void dotEnvBesideTheYamlSuppliesVariablesAndTheEnvironmentWins(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("datastores.yaml");
        Files.writeString(yaml, """
                datastores:
                  pg:
                    type: postgres
                    connection: {host: '${DS_TEST_HOST}', user: '${DS_TEST_USER}', password: '${DS_TEST_PASSWORD}'}
                """);
        Files.writeString(
                dir.resolve(".env"),
                "DS_TEST_HOST=from-dotenv\nDS_TEST_USER=dotenv-user\nDS_TEST_PASSWORD=" + PASSWORD + "\n");

        try (Datastores datastores = Datastores.load(yaml, Map.of("DS_TEST_USER", "env-user"))) {
            assertThat(config(datastores, "pg").connection())
                    .containsEntry("host", "from-dotenv")
                    .containsEntry("user", "env-user")
                    .containsEntry("password", PASSWORD);
        }
        String property = "DS_TEST_HOST";
        System.setProperty(property, "from-system-property");
        try (Datastores datastores = Datastores.load(yaml)) {
            assertThat(config(datastores, "pg").connection())
                    .containsEntry("host", "from-system-property")
                    .containsEntry("user", "dotenv-user");
        } finally {
            System.clearProperty(property);
        }
    }

    @Test
    void explicitEnvFileIsUsed(@TempDir Path dir) throws Exception {
        Path env = dir.resolve("prod.env");
        Files.writeString(env, "DS_TEST_HOST=prod-db\n");
        try (Datastores datastores = Datastores.loader()
                .environment(Map.of())
                .envFile(env)
                .fromYaml("datastores: {pg: {type: postgres, connection: {host: '${DS_TEST_HOST}'}}}")) {
            assertThat(config(datastores, "pg").connection()).containsEntry("host", "prod-db");
        }
    }

    @Test
    void secretsNeverAppearInToStringOrMessages() {
        try (Datastores datastores = Datastores.fromYaml("""
                datastores:
                  pg:
                    type: postgres
                    connection:
                      host: h
                      password: '${PW}'
                      url: 'jdbc:postgresql://h/db?user=u&password=${PW}'
                      properties: {sslpassword: '${PW}'}
                """, Map.of("PW", PASSWORD))) {
            DatastoreConfig config = config(datastores, "pg");
            assertThat(config.connection()).containsEntry("password", PASSWORD);
            assertThat(config.toString()).doesNotContain(PASSWORD).contains("password=****");
            assertThat(datastores.toString()).doesNotContain(PASSWORD);
            assertThat(config.redact("driver said: login " + PASSWORD + " failed"))
                    .isEqualTo("driver said: login **** failed");
        }
    }

    @Test
    void logicalDatabasesResolveToTheirDatastore() {
        try (Datastores datastores = Datastores.fromYaml("""
                datastores:
                  bank: {type: postgres, connection: {host: h}, databases: [customer_db, accounts_db]}
                  shop: {type: mysql, connection: {host: h}, databases: {orders_db: orders}}
                """, Map.of())) {
            assertThat(datastores.database("customer_db", "accounts_db").name()).isEqualTo("bank");
            assertThat(config(datastores, "shop").databases()).containsEntry("orders_db", "orders");

            assertThatThrownBy(() -> datastores.database("customer_db", "orders_db"))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                    .hasMessage("Cannot query across different datasources: customer_db (datastore 'bank'), "
                            + "orders_db (datastore 'shop')");
            assertThatThrownBy(() -> datastores.database("nowhere"))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                    .hasMessageContaining("Logical database 'nowhere' not found");
        }
    }

    @Test
    void providersAreListed() {
        try (Datastores datastores = Datastores.fromYaml("datastores: {}", Map.of())) {
            assertThat(datastores.providers())
                    .extracting(p -> p.type())
                    .containsExactlyInAnyOrder("postgres", "mysql", "clickhouse", "duckdb", "s3");
            assertThat(datastores.list()).isEmpty();
        }
    }
}
