package io.datastores.clickhouse;

import static io.datastores.api.Capability.BULK_READ;
import static io.datastores.api.Capability.BULK_WRITE;
import static io.datastores.api.Capability.SCHEMAS;
import static io.datastores.api.Capability.UPSERT;

import io.datastores.jdbc.BaseJdbcProvider;

/**
 * ClickHouse over its HTTP interface: SQL through clickhouse-jdbc, bulk writes and reads through
 * the client-v2 {@code Client} behind the pooled JDBC connection, in Arrow's IPC stream format
 * ({@code FORMAT ArrowStream}), one {@code INSERT} per batch with a deterministic
 * {@code insert_deduplication_token}. Host/port/database/user/password or a full {@code url};
 * the HTTP port 8123 by default, and a configured native port (9000, 9440) is mapped to the HTTP
 * one with a warning, since the drivers speak HTTP only.
 *
 * <p>No TRANSACTIONS (ClickHouse has none): a bulk write is atomic per batch, not per write.
 * UPSERT writes into a ReplacingMergeTree ordered by the key and merges it before returning.
 * Stateless and thread-safe; opening a datastore touches no driver class.
 */
public final class ClickHouseDatastoreProvider extends BaseJdbcProvider {
    /** Declares ClickHouse. */
    public ClickHouseDatastoreProvider() {
        super(define("clickhouse")
                .capabilities(SCHEMAS, BULK_READ, BULK_WRITE, UPSERT)
                .server()
                .connectionKeys("ssl")
                .dialect(ClickHouseDialect::new)
                // Lambdas, not method references: the bulk classes (and through them the driver) load on first use.
                .feature(datastore -> new ClickHouseBulkWriter(datastore))
                .feature(datastore -> new ClickHouseBulkReader(datastore))
                .feature(datastore -> new ClickHouseTableCreator(datastore)));
    }
}
