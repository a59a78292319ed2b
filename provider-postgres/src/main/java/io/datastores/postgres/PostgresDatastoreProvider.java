package io.datastores.postgres;

import io.datastores.api.Capability;
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
                .capabilities(
                        Capability.TRANSACTIONS,
                        Capability.SCHEMAS,
                        Capability.TEMP_TABLES,
                        Capability.BULK_READ,
                        Capability.BULK_WRITE,
                        Capability.UPSERT)
                .server()
                .connectionKeys("sslmode", "sslrootcert", "application_name")
                .dialect(PostgresDialect::new)
                // Lambdas, not method references: the bulk classes (and through them pgjdbc) load on first use.
                .feature(datastore -> new PostgresBulkWriter(datastore))
                .feature(datastore -> new PostgresBulkReader(datastore)));
    }
}
