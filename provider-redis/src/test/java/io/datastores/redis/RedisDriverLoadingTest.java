package io.datastores.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.jdbc.TestingClassLoading;
import org.junit.jupiter.api.Test;

/** Reading a configuration and listing its datastores loads no Jedis class: the driver loads on first connect. */
class RedisDriverLoadingTest {
    @Test
    void readingAConfigurationLoadsNoJedisClass() throws Exception {
        String yaml = "datastores:\n  cache: {type: redis, connection: {url: 'redis://127.0.0.1:1/0'}}\n";
        assertThat(TestingClassLoading.loadedWhileReading(
                        yaml,
                        "redis.clients.jedis.UnifiedJedis",
                        "redis.clients.jedis.RedisClient",
                        "redis.clients.jedis.params.ScanParams"))
                .containsOnlyKeys(
                        "redis.clients.jedis.UnifiedJedis",
                        "redis.clients.jedis.RedisClient",
                        "redis.clients.jedis.params.ScanParams")
                .doesNotContainValue(true);
    }
}
