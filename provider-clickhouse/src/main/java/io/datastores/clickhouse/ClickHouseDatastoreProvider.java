package io.datastores.clickhouse;

import io.datastores.api.Capability;
import io.datastores.api.Category;
import io.datastores.api.Datastore;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DatastoreProvider;
import io.datastores.jdbc.JdbcConfigChecks;
import io.datastores.jdbc.JdbcDatastore;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * ClickHouse over its HTTP interface: SQL through clickhouse-jdbc, bulk writes and reads through
 * the client-v2 {@code Client} behind the pooled JDBC connection, in Arrow's IPC stream format
 * ({@code FORMAT ArrowStream}), one {@code INSERT} per batch with a deterministic
 * {@code insert_deduplication_token}. Host/port/database/user/password or a full {@code url};
 * the HTTP port 8123 by default, and a configured native port (9000, 9440) is mapped to the HTTP
 * one with a warning, since the drivers speak HTTP only.
 *
 * <p>No TRANSACTIONS (ClickHouse has none): a bulk write is atomic per batch, not per write.
 * UPSERT writes into a ReplacingMergeTree ordered by the key and merges it before returning. Stateless and thread-safe; opening a datastore touches no driver class.
 */
public final class ClickHouseDatastoreProvider implements DatastoreProvider {
    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.SQL, Capability.POOLING,
            Capability.INTROSPECTION, Capability.SCHEMAS, Capability.BULK_READ, Capability.BULK_WRITE, Capability.UPSERT);

    @Override
    public String type() {
        return "clickhouse";
    }

    @Override
    public Category category() {
        return Category.SQL;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Set<String> connectionKeys() {
        return Set.of("host", "port", "database", "user", "password", "url", "ssl");
    }

    @Override
    public List<ConfigProblem> validate(DatastoreConfig config) {
        return JdbcConfigChecks.serverLocation(config, false);
    }

    @Override
    public Datastore open(DatastoreConfig config) {
        // Lambdas, not method references: the bulk classes (and through them the driver) load on first use.
        return new JdbcDatastore(config, new ClickHouseDialect(), CAPABILITIES,
                List.of(datastore -> new ClickHouseBulkWriter(datastore), datastore -> new ClickHouseBulkReader(datastore),
                        datastore -> new ClickHouseTableCreator(datastore)));
    }
}
