package io.datastores.redis;

import static io.datastores.api.Capability.BULK_READ;
import static io.datastores.api.Capability.BULK_WRITE;
import static io.datastores.api.Capability.INTROSPECTION;
import static io.datastores.api.Capability.POOLING;
import static io.datastores.api.Capability.UPSERT;

import io.datastores.api.Category;
import io.datastores.api.spi.DeclaredProvider;

/**
 * Redis as a key-value datastore, through Jedis: a table is a key prefix ({@code users:} holds the
 * hashes {@code users:<key>}), a row is a hash, and a small schema entry keeps the column types.
 * {@code query} and {@code execute} take a Redis command with {@code ?} for bound arguments, never SQL.
 * No transactions across batches, no schemas, no introspection beyond the schema entries.
 *
 * <p>Stateless and thread-safe. Opening a datastore creates no client and loads no driver class.
 */
public final class RedisDatastoreProvider extends DeclaredProvider {
    /** Declares Redis. */
    public RedisDatastoreProvider() {
        super(declare("redis", Category.KEYVALUE)
                .capabilities(POOLING, INTROSPECTION, BULK_READ, BULK_WRITE, UPSERT)
                .check(RedisSettings.KEYS, RedisSettings::validate)
                // A lambda, not a method reference: the datastore's class (and Jedis) load on first open.
                .opens((config, capabilities) -> new RedisDatastore(config, capabilities)));
    }
}
