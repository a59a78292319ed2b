package io.datastores.cassandra;

import io.datastores.api.Capability;
import io.datastores.api.Category;
import io.datastores.api.Datastore;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DatastoreProvider;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Apache Cassandra (and CQL-compatible stores) through the Apache {@code java-driver-core} 4.x.
 * {@code query} and {@code execute} take CQL, not SQL, with {@code ?} parameters bound; keyspaces
 * are schemas; tables are read in token ranges and written by asynchronous prepared INSERTs (each
 * an upsert by primary key).
 *
 * <p>Stateless and thread-safe. Opening a datastore creates no session and loads no driver class.
 */
public final class CassandraDatastoreProvider implements DatastoreProvider {
    private static final Set<Capability> CAPABILITIES =
            EnumSet.of(Capability.INTROSPECTION, Capability.BULK_READ, Capability.BULK_WRITE, Capability.UPSERT);

    @Override
    public String type() {
        return "cassandra";
    }

    @Override
    public Category category() {
        return Category.COLUMN;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Set<String> connectionKeys() {
        return CassandraSettings.KEYS;
    }

    @Override
    public List<ConfigProblem> validate(DatastoreConfig config) {
        return CassandraSettings.validate(config);
    }

    @Override
    public Datastore open(DatastoreConfig config) {
        return new CassandraDatastore(config, CAPABILITIES);
    }
}
