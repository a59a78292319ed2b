package io.datastores.starrocks;

import static io.datastores.api.Capability.BULK_READ;
import static io.datastores.api.Capability.BULK_WRITE;
import static io.datastores.api.Capability.SCHEMAS;
import static io.datastores.api.Capability.STREAM_LOAD;
import static io.datastores.api.Capability.UPSERT;

import io.datastores.jdbc.BaseJdbcProvider;

/**
 * StarRocks: SQL, introspection and bulk reads over the MySQL protocol (Connector/J, query port
 * 9030 by default); bulk writes through HTTP Stream Load on the FE's {@code http_port} (8030 by
 * default), in one Stream Load transaction per write unless {@code load_atomic: false}; upserts
 * into PRIMARY KEY tables, which is also what a transfer creates for a keyed table (DUPLICATE KEY
 * otherwise). Stream Load options are set per datastore under {@code connection:} (see
 * {@link StreamLoadOptions}) or per write through {@link StarRocksStreamLoad}.
 *
 * <p>Stateless and thread-safe. Opening a datastore touches no Connector/J class and no network.
 */
public final class StarRocksDatastoreProvider extends BaseJdbcProvider {
    /** Declares StarRocks. */
    public StarRocksDatastoreProvider() {
        super(define("starrocks")
                .capabilities(SCHEMAS, BULK_READ, BULK_WRITE, UPSERT, STREAM_LOAD)
                .server()
                .connectionKeys("sslmode")
                .check(StreamLoadOptions.KEYS, StreamLoadOptions::validate)
                .dialect(StarRocksDialect::new)
                // Lambdas, not method references: the writer's and reader's classes load on first use. The
                // table creator comes before the JDBC default one, so StarRocks DDL is what callers get.
                .feature(datastore -> new StarRocksBulkWriter(datastore))
                // Connector/J streams row by row at this fetch size, so memory stays at one batch.
                .streamingReads(Integer.MIN_VALUE)
                .feature(datastore -> new StarRocksTableCreator(datastore)));
    }
}
