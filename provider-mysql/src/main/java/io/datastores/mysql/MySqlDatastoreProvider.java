package io.datastores.mysql;

import static io.datastores.api.Capability.BULK_READ;
import static io.datastores.api.Capability.BULK_WRITE;
import static io.datastores.api.Capability.SCHEMAS;
import static io.datastores.api.Capability.TEMP_TABLES;
import static io.datastores.api.Capability.TRANSACTIONS;
import static io.datastores.api.Capability.UPSERT;

import io.datastores.jdbc.BaseJdbcProvider;

/**
 * MySQL 8 and MariaDB through Connector/J: host/port/database or a full {@code url}; bulk writes
 * through {@code LOAD DATA LOCAL INFILE} streamed from Arrow batches (multi-row INSERT when the
 * server has {@code local_infile} off, or {@code connection.local_infile: false}); upserts through
 * {@code ON DUPLICATE KEY UPDATE}; bulk reads from a result set Connector/J streams row by row (at
 * fetch size {@link Integer#MIN_VALUE}), so memory stays at one batch.
 *
 * <p>Stateless and thread-safe. Opening a datastore touches no Connector/J class.
 */
public final class MySqlDatastoreProvider extends BaseJdbcProvider {
    /** Declares MySQL and MariaDB. */
    public MySqlDatastoreProvider() {
        super(define("mysql")
                .aliases("mariadb")
                .capabilities(TRANSACTIONS, SCHEMAS, TEMP_TABLES, BULK_READ, BULK_WRITE, UPSERT)
                .server()
                .booleanKeys(MySqlDialect.LOCAL_INFILE)
                .connectionKeys("sslmode")
                .dialect(MySqlDialect::new)
                // A lambda, not a method reference: the writer's class (and through it Connector/J) loads on first use.
                .feature(datastore -> new MySqlBulkWriter(datastore))
                .streamingReads(Integer.MIN_VALUE));
    }
}
