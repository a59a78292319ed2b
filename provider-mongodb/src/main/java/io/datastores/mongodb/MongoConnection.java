package io.datastores.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.LazyClient;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.UuidRepresentation;

/**
 * The one driver client of a datastore, made on first use and checked with a {@code ping}, so
 * refused credentials and unreachable hosts fail when connecting. The driver pools its own
 * connections ({@code min_pool_size}, {@code max_pool_size}; {@code connect_timeout} bounds the
 * connect, server selection and the wait for a pooled connection). The driver's classes are touched
 * only from here on, so a missing driver jar fails on first connect, naming the artifact. Thread-safe.
 */
final class MongoConnection {
    static final String DRIVER_ARTIFACT = "org.mongodb:mongodb-driver-sync";

    private final DatastoreConfig config;
    private final MongoSettings settings;
    private final LazyClient<MongoClient> client;

    MongoConnection(DatastoreConfig config, MongoSettings settings, MongoErrors errors) {
        this.config = config;
        this.settings = settings;
        this.client = new LazyClient<>(
                errors,
                "MongoDB",
                DRIVER_ARTIFACT,
                () -> MongoClients.create(clientSettings()),
                made -> made.getDatabase("admin").runCommand(new BsonDocument("ping", new BsonInt32(1))));
    }

    /** @return the client's lifecycle */
    LazyClient<MongoClient> client() {
        return client;
    }

    /** @param name a database, or {@code null} for the configured one */
    MongoDatabase database(String name) {
        return client.get().getDatabase(name == null ? settings.database() : name);
    }

    private MongoClientSettings clientSettings() {
        long timeout = config.pool().connectTimeout().toMillis();
        MongoClientSettings.Builder builder =
                MongoClientSettings.builder().uuidRepresentation(UuidRepresentation.STANDARD);
        if (settings.uri().isPresent()) {
            builder.applyConnectionString(new ConnectionString(settings.uri().get()));
        } else {
            builder.applyConnectionString(new ConnectionString("mongodb://" + settings.where()));
        }
        // A user given as keys (or overriding the URI's) authenticates with the password key.
        if (settings.user().isPresent() && config.value("user").isPresent()) {
            builder.credential(MongoCredential.createCredential(
                    settings.user().get(),
                    settings.authSource().isEmpty() ? "admin" : settings.authSource(),
                    config.value(MongoSettings.PASSWORD).orElse("").toCharArray()));
        }
        if (settings.tls()) {
            builder.applyToSslSettings(ssl -> ssl.enabled(true));
        }
        return builder.applyToConnectionPoolSettings(
                        pool -> pool.minSize(config.pool().minSize())
                                .maxSize(config.pool().maxSize())
                                .maxWaitTime(timeout, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout((int) timeout, TimeUnit.MILLISECONDS))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(timeout, TimeUnit.MILLISECONDS))
                .build();
    }
}
