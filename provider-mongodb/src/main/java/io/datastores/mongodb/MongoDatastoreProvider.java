package io.datastores.mongodb;

import static io.datastores.api.Capability.BULK_READ;
import static io.datastores.api.Capability.BULK_WRITE;
import static io.datastores.api.Capability.INTROSPECTION;
import static io.datastores.api.Capability.POOLING;
import static io.datastores.api.Capability.UPSERT;

import io.datastores.api.Category;
import io.datastores.api.spi.DeclaredProvider;

/**
 * MongoDB (and servers that speak its wire protocol) through the official {@code mongodb-driver-sync}.
 * {@code query} and {@code execute} take a database command as Extended JSON, not SQL, with {@code ?}
 * markers bound as BSON values; databases are schemas, collections are tables; collections are read
 * through {@code find} with the filter pushed down and written in ordered {@code bulkWrite} batches.
 *
 * <p>Stateless and thread-safe. Opening a datastore creates no client and loads no driver class.
 */
public final class MongoDatastoreProvider extends DeclaredProvider {
    /** Declares MongoDB. */
    public MongoDatastoreProvider() {
        super(declare("mongodb", Category.DOCUMENT)
                .aliases("mongo")
                .capabilities(POOLING, INTROSPECTION, BULK_READ, BULK_WRITE, UPSERT)
                .check(MongoSettings.KEYS, MongoSettings::validate)
                // A lambda, not a method reference: the datastore's class (and the driver) load on first open.
                .opens((config, capabilities) -> new MongoDatastore(config, capabilities)));
    }
}
