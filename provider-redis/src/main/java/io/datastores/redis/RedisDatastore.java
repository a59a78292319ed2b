package io.datastores.redis;

import io.datastores.api.Capability;
import io.datastores.api.ColumnInfo;
import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.QueryResult;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.BulkReader;
import io.datastores.api.bulk.BulkWriter;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.spi.ConfiguredDatastore;
import io.datastores.api.spi.DatastoreConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.arrow.vector.types.pojo.Field;
import redis.clients.jedis.UnifiedJedis;

/**
 * One Redis server and database index, through a Jedis connection pool created on first use. Thread-safe:
 * the pool is created under this object's lock, and every call borrows its own connection.
 */
final class RedisDatastore extends ConfiguredDatastore {
    private static final String DRIVER = "redis.clients:jedis:8.0.2";

    private final RedisSettings settings;
    private final RedisTables tables;
    private volatile RedisPool pool;
    private volatile Instant connectedAt;

    RedisDatastore(DatastoreConfig config, Set<Capability> capabilities) {
        super(config, capabilities);
        this.settings = RedisSettings.of(config);
        this.tables = new RedisTables(settings);
    }

    @Override
    public void connect() {
        client();
    }

    /** @return the pooled client, connecting (and checking the credentials with a PING) on first use */
    UnifiedJedis client() {
        RedisPool current = pool;
        if (current != null) {
            return current.client();
        }
        synchronized (this) {
            if (pool == null) {
                if (!enabled()) {
                    throw DatastoreException.of(ErrorCode.INVALID_CONFIG, name(), type(), "Datastore is disabled");
                }
                pool = open();
                connectedAt = Instant.now();
            }
            return pool.client();
        }
    }

    private RedisPool open() {
        RedisPool opened;
        try {
            opened = new RedisPool(config(), settings);
        } catch (NoClassDefFoundError e) {
            throw DatastoreException.of(
                            ErrorCode.DRIVER_MISSING,
                            name(),
                            type(),
                            "The Redis driver is not on the " + "class path: add " + DRIVER
                                    + " (datastores-provider-redis depends on it)")
                    .withCause(e);
        }
        try {
            opened.client().ping();
            return opened;
        } catch (RuntimeException e) {
            opened.close();
            throw RedisErrors.translate(e, config(), settings, false, "Cannot connect");
        }
    }

    @Override
    public boolean isConnected() {
        return pool != null;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
            connectedAt = null;
        }
    }

    /** Runs {@code work} on the client, translating every Jedis failure. */
    <T> T call(String doing, Function<UnifiedJedis, T> work) {
        UnifiedJedis jedis = client();
        try {
            return work.apply(jedis);
        } catch (RuntimeException e) {
            throw RedisErrors.translate(e, config(), settings, true, doing);
        }
    }

    /** @return a failure of this datastore, its message free of the configuration's secrets (a table name may hold one) */
    DatastoreException fail(ErrorCode code, String message) {
        return DatastoreException.of(code, name(), type(), config().redact(message));
    }

    RedisSettings settings() {
        return settings;
    }

    RedisTables tables() {
        return tables;
    }

    DatastoreConfig configuration() {
        return config();
    }

    @Override
    public QueryResult query(String command, Object... params) {
        long start = System.nanoTime();
        RedisCommand parsed = RedisCommand.parse(name(), type(), command, params);
        Object reply = call("Cannot run " + parsed.name(), jedis -> jedis.executeCommand(parsed.command()));
        return RedisReplies.rows(reply, (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public long execute(String command, Object... params) {
        RedisCommand parsed = RedisCommand.parse(name(), type(), command, params);
        Object reply = call("Cannot run " + parsed.name(), jedis -> jedis.executeCommand(parsed.command()));
        return reply instanceof Long count ? count : 0;
    }

    @Override
    public ConnectionTest test() {
        return ConnectionTest.timed(() -> new ConnectionTest.Answer(
                call("Cannot test", jedis -> {
                    jedis.ping();
                    return RedisReplies.serverVersion(jedis.info("server"));
                }),
                "db" + settings.database()
                        + (settings.namespace().isEmpty() ? "" : " namespace " + settings.namespace()),
                connectedAt));
    }

    @Override
    public List<String> schemas() {
        return List.of();
    }

    @Override
    public List<TableRef> tables(String schema) {
        return call("Cannot list tables", tables::withSchema);
    }

    /**
     * @return the table's columns: from its schema entry, else text fields sampled from its hashes
     * @throws DatastoreException NOT_FOUND when it has neither
     */
    RedisSchema schema(TableRef table) {
        if (table.schema() != null) {
            throw fail(ErrorCode.NOT_FOUND, "Table '" + table + "' not found: Redis tables have no schema part");
        }
        return call("Cannot describe " + table.name(), jedis -> {
            Optional<RedisSchema> entry = tables.schema(jedis, table);
            if (entry.isPresent()) {
                return entry.get();
            }
            if (!tables.hasRows(jedis, table)) {
                throw fail(
                        ErrorCode.NOT_FOUND,
                        "Table '" + table.name()
                                + "' not found: no schema entry " + tables.schemaKey(table) + " and no hash keys under "
                                + tables.rowPrefix(table));
            }
            return RedisSchema.untyped("key", tables.sampledTextColumns(jedis, table, "key"));
        });
    }

    @Override
    public TableInfo describe(TableRef table) {
        RedisSchema schema = schema(table);
        List<ColumnInfo> columns = new ArrayList<>();
        for (int i = 0; i < schema.columns().size(); i++) {
            Field field = schema.columns().get(i);
            columns.add(new ColumnInfo(
                    field.getName(),
                    schema.types().get(i),
                    RedisTypes.jdbcType(field),
                    field.isNullable(),
                    null,
                    null));
        }
        return new TableInfo(TableRef.of(table.name()), columns, schema.keyColumns());
    }

    @Override
    public Datastore database(String logicalName, String... more) {
        throw DatastoreException.unsupported(name(), type(), Capability.SCHEMAS);
    }

    @Override
    public <T> Optional<T> feature(Class<T> type) {
        // Made on request, not with the datastore: the bulk classes name Jedis types, which load with them.
        Object feature = type == BulkReader.class
                ? new RedisBulkReader(this)
                : type == BulkWriter.class
                        ? new RedisBulkWriter(this)
                        : type == TableCreator.class ? new RedisTableCreator(this) : null;
        return Optional.ofNullable(feature).map(type::cast);
    }

    @Override
    public String toString() {
        return "RedisDatastore[" + name() + " at " + settings.address() + "]";
    }
}
