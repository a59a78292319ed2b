package io.datastores.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Addresses and quoting, without a server. */
class ClickHouseDialectTest {
    private final ClickHouseDialect dialect = new ClickHouseDialect();

    private static DatastoreConfig config(Map<String, String> connection) {
        return new DatastoreConfig(
                "clickhouse_db",
                "clickhouse",
                "",
                List.of(),
                true,
                connection,
                Map.of(),
                PoolSettings.DEFAULT,
                Map.of());
    }

    @Test
    void theNativePortOfUsersConfigurationsIsMappedToTheHttpPortAndSaidSo() {
        DatastoreConfig config = config(Map.of(
                "host", "ch.example.com", "port", "9000", "user", "u", "password", "p4ss", "database", "analytics"));

        assertThat(dialect.jdbcUrl(config)).isEqualTo("jdbc:clickhouse://ch.example.com:8123/analytics");
        assertThat(dialect.location(config))
                .isEqualTo("u@ch.example.com:8123/analytics (HTTP interface; the configured "
                        + "port 9000 is ClickHouse's native protocol)")
                .doesNotContain("p4ss");
    }

    @Test
    void theHttpPortIsTheDefaultAndAGivenUrlIsKept() {
        assertThat(dialect.jdbcUrl(config(Map.of("host", "h")))).isEqualTo("jdbc:clickhouse://h:8123/");
        assertThat(dialect.jdbcUrl(config(Map.of("host", "h", "port", "9440")))).isEqualTo("jdbc:clickhouse://h:8443/");
        assertThat(dialect.connectionProperties(config(Map.of("host", "h", "port", "9440"))))
                .containsEntry("ssl", "true");
        assertThat(dialect.jdbcUrl(config(Map.of("url", "jdbc:clickhouse://h:18123/db"))))
                .isEqualTo("jdbc:clickhouse://h:18123/db");
    }

    @Test
    void identifiersAreBackQuotedWithBackslashEscapes() {
        assertThat(dialect.quote("a`b\\c\"d")).isEqualTo("`a\\`b\\\\c\"d`");
    }
}
