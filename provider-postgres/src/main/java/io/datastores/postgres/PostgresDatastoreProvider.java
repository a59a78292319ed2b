package io.datastores.postgres;

import static io.datastores.api.Capability.BULK_READ;
import static io.datastores.api.Capability.BULK_WRITE;
import static io.datastores.api.Capability.SCHEMAS;
import static io.datastores.api.Capability.TEMP_TABLES;
import static io.datastores.api.Capability.TRANSACTIONS;
import static io.datastores.api.Capability.UPSERT;

import io.datastores.jdbc.BaseJdbcProvider;

/**
 * PostgreSQL through pgjdbc: host/port/database or a full {@code url}, TLS options passed through,
 * bulk writes through {@code COPY … FROM STDIN (FORMAT binary)}, bulk reads through
 * {@code COPY … TO STDOUT (FORMAT binary)}, upserts through a temporary staging table.
 *
 * <p>Stateless and thread-safe. Opening a datastore touches no pgjdbc class: the driver is named
 * in {@link PostgresDialect} and loaded when the datastore first connects.
 */
public final class PostgresDatastoreProvider extends BaseJdbcProvider {
    /** Declares PostgreSQL. */
    public PostgresDatastoreProvider() {
        super(define("postgres")
                .aliases("postgresql")
                .capabilities(TRANSACTIONS, SCHEMAS, TEMP_TABLES, BULK_READ, BULK_WRITE, UPSERT)
                .server()
                .connectionKeys("sslmode", "sslrootcert", "application_name")
                .dialect(PostgresDialect::new)
                // Lambdas, not method references: the bulk classes (and through them pgjdbc) load on first use.
                .feature(datastore -> new PostgresBulkWriter(datastore))
                .feature(datastore -> new PostgresBulkReader(datastore)));
    }
}
