package io.datastores.cassandra;

import static io.datastores.api.Capability.BULK_READ;
import static io.datastores.api.Capability.BULK_WRITE;
import static io.datastores.api.Capability.INTROSPECTION;
import static io.datastores.api.Capability.UPSERT;

import io.datastores.api.Category;
import io.datastores.api.spi.DeclaredProvider;

/**
 * Apache Cassandra (and CQL-compatible stores) through the Apache {@code java-driver-core} 4.x.
 * {@code query} and {@code execute} take CQL, not SQL, with {@code ?} parameters bound; keyspaces
 * are schemas; tables are read in token ranges and written by asynchronous prepared INSERTs (each
 * an upsert by primary key).
 *
 * <p>Stateless and thread-safe. Opening a datastore creates no session and loads no driver class.
 */
public final class CassandraDatastoreProvider extends DeclaredProvider {
    /** Declares Cassandra. */
    public CassandraDatastoreProvider() {
        super(declare("cassandra", Category.COLUMN)
                .capabilities(INTROSPECTION, BULK_READ, BULK_WRITE, UPSERT)
                .check(CassandraSettings.KEYS, CassandraSettings::validate)
                // A lambda, not a method reference: the datastore's class (and the driver) load on first open.
                .opens((config, capabilities) -> new CassandraDatastore(config, capabilities)));
    }
}
