package io.datastores.redis;

import io.datastores.api.Capability;
import io.datastores.api.Category;
import io.datastores.api.Datastore;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DatastoreProvider;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Redis as a key-value datastore, through Jedis: a table is a key prefix ({@code users:} holds the
 * hashes {@code users:<key>}), a row is a hash, and a small schema entry keeps the column types.
 * {@code query} and {@code execute} take a Redis command with {@code ?} for bound arguments, never SQL.
 * No transactions across batches, no schemas, no introspection beyond the schema entries.
 *
 * <p>Stateless and thread-safe. Opening a datastore creates no client and loads no driver class.
 */
public final class RedisDatastoreProvider implements DatastoreProvider {
    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.POOLING, Capability.INTROSPECTION,
            Capability.BULK_READ, Capability.BULK_WRITE, Capability.UPSERT);

    @Override
    public String type() {
        return "redis";
    }

    @Override
    public Category category() {
        return Category.KEYVALUE;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Set<String> connectionKeys() {
        return RedisSettings.KEYS;
    }

    @Override
    public List<ConfigProblem> validate(DatastoreConfig config) {
        return RedisSettings.validate(config);
    }

    @Override
    public Datastore open(DatastoreConfig config) {
        return new RedisDatastore(config, CAPABILITIES);
    }
}
