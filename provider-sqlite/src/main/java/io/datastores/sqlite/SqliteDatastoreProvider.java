package io.datastores.sqlite;

import static io.datastores.api.Capability.BULK_READ;
import static io.datastores.api.Capability.BULK_WRITE;
import static io.datastores.api.Capability.EMBEDDED;
import static io.datastores.api.Capability.TEMP_TABLES;
import static io.datastores.api.Capability.TRANSACTIONS;
import static io.datastores.api.Capability.UPSERT;

import io.datastores.jdbc.BaseJdbcProvider;
import java.util.Set;

/**
 * SQLite, embedded: one database file (folders created as needed), or {@code :memory:} shared by
 * the pool's connections. SQLite has no schemas, so logical databases are refused. Bulk writes are
 * bound multi-row INSERTs in one transaction; bulk reads stream a result set into Arrow, with
 * dates and times parsed from the text SQLite keeps them in.
 *
 * <p>Stateless and thread-safe. Opening a datastore touches no sqlite-jdbc class.
 */
public final class SqliteDatastoreProvider extends BaseJdbcProvider {
    /** sqlite-jdbc reads rows as they are stepped; the fetch size only sizes its row cache. */
    private static final int FETCH_SIZE = 10_000;

    /** Declares SQLite. */
    public SqliteDatastoreProvider() {
        super(define("sqlite")
                .capabilities(TRANSACTIONS, TEMP_TABLES, EMBEDDED, BULK_READ, BULK_WRITE, UPSERT)
                .embeddedFile()
                .check(Set.of("busy_timeout"), SqliteDialect::checkBusyTimeout)
                .connectionKeys("journal_mode")
                .dialect(SqliteDialect::new)
                .feature(datastore -> new SqliteBulkWriter(datastore))
                .streamingReads(FETCH_SIZE));
    }
}
