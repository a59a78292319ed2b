package io.datastores.redis;

import io.datastores.api.spi.DatastoreConfig;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.UnifiedJedis;

/**
 * The Jedis connection pool of one datastore, its pool settings mapped onto commons-pool2. Its own class
 * so that {@link RedisDatastore} names no Jedis class the JVM must load to check it: Jedis loads when the
 * first connect creates this.
 */
final class RedisPool implements AutoCloseable {
    private final RedisClient client;

    RedisPool(DatastoreConfig config, RedisSettings settings) {
        DefaultJedisClientConfig.Builder clientConfig = DefaultJedisClientConfig.builder()
                .database(settings.database())
                .protocol(RedisProtocol.RESP3)
                .connectionTimeoutMillis((int) config.pool().connectTimeout().toMillis())
                .clientName("datastores-" + config.name().replaceAll("[^A-Za-z0-9_.-]", "_"));
        if (settings.tls()) {
            clientConfig.sslOptions(SslOptions.defaults());
        }
        settings.username().ifPresent(clientConfig::user);
        RedisSettings.password(config).ifPresent(clientConfig::password);
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMinIdle(config.pool().minSize());
        pool.setMaxTotal(config.pool().maxSize());
        pool.setMaxWait(config.pool().connectTimeout());
        client = RedisClient.builder()
                .hostAndPort(settings.host(), settings.port())
                .clientConfig(clientConfig.build())
                .poolConfig(pool)
                .build();
    }

    /** @return the pooled client; each command borrows a connection */
    UnifiedJedis client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
