package io.datastores.neo4j;

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
 * Neo4j through the official {@code neo4j-java-driver}. {@code query} and {@code execute} take
 * Cypher, not SQL, with the SDK's positional {@code ?} parameters bound as Cypher parameters; node
 * labels are the tables of schema {@code nodes} (the default) and relationship types those of
 * schema {@code relationships}.
 *
 * <p>Stateless and thread-safe. Opening a datastore creates no driver and makes no connection.
 */
public final class Neo4jDatastoreProvider implements DatastoreProvider {
    private static final Set<Capability> CAPABILITIES =
            EnumSet.of(Capability.INTROSPECTION, Capability.BULK_READ, Capability.BULK_WRITE, Capability.UPSERT);

    @Override
    public String type() {
        return "neo4j";
    }

    @Override
    public Category category() {
        return Category.GRAPH;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Set<String> connectionKeys() {
        return Neo4jSettings.KEYS;
    }

    @Override
    public List<ConfigProblem> validate(DatastoreConfig config) {
        return Neo4jSettings.validate(config);
    }

    @Override
    public Datastore open(DatastoreConfig config) {
        return new Neo4jDatastore(config, CAPABILITIES);
    }
}
