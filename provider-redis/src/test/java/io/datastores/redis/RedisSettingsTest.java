package io.datastores.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration: URL parts, overrides, and every problem reported at once without the password. */
class RedisSettingsTest {
    private static DatastoreConfig config(Map<String, String> connection) {
        return new DatastoreConfig(
                "cache", "redis", "", List.of(), true, connection, Map.of(), PoolSettings.DEFAULT, Map.of());
    }

    @Test
    void aUrlGivesHostPortUserDatabaseTlsAndPassword() {
        DatastoreConfig config = config(Map.of("url", "rediss://app:p%40ss@cache.example:6380/4"));
        RedisSettings settings = RedisSettings.of(config);
        assertThat(settings.address()).isEqualTo("cache.example:6380/4");
        assertThat(settings.username()).contains("app");
        assertThat(settings.tls()).isTrue();
        assertThat(RedisSettings.password(config)).contains("p@ss");
        assertThat(settings.toString()).doesNotContain("p%40ss").doesNotContain("p@ss");
        assertThat(RedisSettings.of(config(Map.of("url", "redis://h/4", "database", "2", "port", "7000")))
                        .address())
                .isEqualTo("h:7000/2");
    }

    @Test
    void everyProblemIsReportedAtOnceAndTheUrlPasswordIsMasked() {
        List<ConfigProblem> problems = new RedisDatastoreProvider()
                .validate(config(
                        Map.of("url", "http://u:hunter2@h", "port", "70000", "tls", "maybe", "write_batch_size", "0")));
        assertThat(problems)
                .extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder(
                        "connection.url", "connection.port", "connection.tls", "connection.write_batch_size");
        assertThat(problems.toString()).doesNotContain("hunter2");
    }
}
