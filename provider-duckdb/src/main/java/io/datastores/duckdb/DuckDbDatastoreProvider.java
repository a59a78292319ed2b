package io.datastores.duckdb;

import static io.datastores.api.Capability.BULK_READ;
import static io.datastores.api.Capability.BULK_WRITE;
import static io.datastores.api.Capability.EMBEDDED;
import static io.datastores.api.Capability.SCHEMAS;
import static io.datastores.api.Capability.TEMP_TABLES;
import static io.datastores.api.Capability.TRANSACTIONS;
import static io.datastores.api.Capability.UPSERT;

import io.datastores.jdbc.BaseJdbcProvider;

/**
 * DuckDB, the embedded default: a database file (folders created as needed) or {@code :memory:}.
 * Bulk reads and writes go through DuckDB's Arrow export and import (the Arrow C Data interface);
 * upserts through {@code INSERT … ON CONFLICT}.
 *
 * <p>Stateless and thread-safe. Opening a datastore touches no DuckDB class: the driver is named in
 * {@link DuckDbDialect} and loaded on first connect, the bulk classes on first use.
 */
public final class DuckDbDatastoreProvider extends BaseJdbcProvider {
    /** Declares DuckDB. */
    public DuckDbDatastoreProvider() {
        super(define("duckdb")
                .capabilities(TRANSACTIONS, SCHEMAS, TEMP_TABLES, EMBEDDED, BULK_READ, BULK_WRITE, UPSERT)
                .embeddedFile()
                .booleanKeys("read_only")
                .connectionKeys("memory_limit", "threads")
                .dialect(DuckDbDialect::new)
                // Lambdas, not method references: the bulk classes (and through them DuckDB's) load on first use.
                .feature(datastore -> new DuckDbBulkWriter(datastore))
                .feature(datastore -> new DuckDbBulkReader(datastore)));
    }
}
