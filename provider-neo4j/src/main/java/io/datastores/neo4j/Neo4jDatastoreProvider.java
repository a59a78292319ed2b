package io.datastores.neo4j;

import static io.datastores.api.Capability.BULK_READ;
import static io.datastores.api.Capability.BULK_WRITE;
import static io.datastores.api.Capability.INTROSPECTION;
import static io.datastores.api.Capability.UPSERT;

import io.datastores.api.Category;
import io.datastores.api.spi.DeclaredProvider;

/**
 * Neo4j through the official {@code neo4j-java-driver}. {@code query} and {@code execute} take
 * Cypher, not SQL, with the SDK's positional {@code ?} parameters bound as Cypher parameters; node
 * labels are the tables of schema {@code nodes} (the default) and relationship types those of
 * schema {@code relationships}.
 *
 * <p>Stateless and thread-safe. Opening a datastore creates no driver and makes no connection.
 */
public final class Neo4jDatastoreProvider extends DeclaredProvider {
    /** Declares Neo4j. */
    public Neo4jDatastoreProvider() {
        super(declare("neo4j", Category.GRAPH)
                .capabilities(INTROSPECTION, BULK_READ, BULK_WRITE, UPSERT)
                .check(Neo4jSettings.KEYS, Neo4jSettings::validate)
                // A lambda, not a method reference: the datastore's class (and the driver) load on first open.
                .opens((config, capabilities) -> new Neo4jDatastore(config, capabilities)));
    }
}
