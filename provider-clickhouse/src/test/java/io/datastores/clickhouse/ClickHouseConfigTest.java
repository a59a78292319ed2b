package io.datastores.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.core.Datastores;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ClickHouse entry users paste from their existing configurations (SPEC.md), native port and all. */
class ClickHouseConfigTest {
    private static final String YAML = """
            datastores:
              clickhouse_db:
                type: 'clickhouse'
                connection: {host: '${CLICKHOUSE_HOST}', port: '${CLICKHOUSE_PORT:9000}', user: '${CLICKHOUSE_USER}',
                             password: '${CLICKHOUSE_PASSWORD}', database: '${CLICKHOUSE_DB}'}
            """;

    @Test
    void theUsersEntryLoadsAndAFailedConnectionNamesTheHttpAddressAndWhyItIsNotPort9000() {
        Map<String, String> env = Map.of(
                "CLICKHOUSE_HOST",
                "127.0.0.1",
                "CLICKHOUSE_USER",
                "default",
                "CLICKHOUSE_PASSWORD",
                "s3cret-Pa55",
                "CLICKHOUSE_DB",
                "analytics");
        try (Datastores datastores = Datastores.fromYaml(YAML, env)) {
            Datastore clickhouse = datastores.get("clickhouse_db");
            assertThat(clickhouse.type()).isEqualTo("clickhouse");
            assertThat(clickhouse.isConnected()).isFalse();

            ConnectionTest test = clickhouse.test();
            assertThat(test.success()).isFalse();
            if (!test.error().contains("127.0.0.1:8123/analytics")) {
                // Something answers on 8123 here (a local server): then the database is what is missing.
                assertThat(test.error()).contains("analytics");
                return;
            }
            assertThat(test.error())
                    .contains("default@127.0.0.1:8123/analytics (HTTP interface; the configured port 9000 "
                            + "is ClickHouse's native protocol)")
                    .doesNotContain("s3cret-Pa55");
            assertThatThrownBy(() -> clickhouse.query("SELECT 1"))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION))
                    .hasMessageContaining("127.0.0.1:8123")
                    .hasMessageContaining("native protocol");
        }
    }
}
