package io.datastores.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.datastores.api.Datastore;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import io.datastores.jdbc.TestingServers;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A MongoDB database of one test's own, dropped by {@link #close()}: on the server
 * {@code MONGODB_TEST_URI} names ({@code mongodb://user:pw@host:port}, a real mongod), else on an
 * in-process {@code mongo-java-server} (memory backend), started once per JVM. That server speaks the
 * wire protocol but has no users (no authentication) and no transactions.
 */
public final class TestingMongo implements AutoCloseable {
    private static MongoServer shared;
    private static String sharedUri;

    /** The server's URI, without a database. */
    public final String uri;

    /** The test's own database, dropped by {@link #close()}. */
    public final String database;

    private final String options;
    private final MongoClient admin;

    TestingMongo(String uri, String prefix) {
        this(uri, prefix, "");
    }

    /** @param options the URI's options, such as {@code ?authSource=admin}, or empty */
    TestingMongo(String uri, String prefix, String options) {
        this.uri = uri;
        this.options = options;
        this.database = TestingServers.uniqueName(prefix);
        this.admin = MongoClients.create(uri + "/" + options);
    }

    /** @return a fresh database on the shared server */
    public static TestingMongo open(String prefix) {
        return new TestingMongo(sharedUri(), prefix);
    }

    static synchronized String sharedUri() {
        String configured = System.getenv("MONGODB_TEST_URI");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (shared == null) {
            shared = new MongoServer(new MemoryBackend());
            InetSocketAddress address = shared.bind();
            sharedUri = "mongodb://" + address.getHostString() + ":" + address.getPort();
        }
        return sharedUri;
    }

    /** @return whether the tests run against the in-process server (no users, no transactions) */
    static boolean inProcess() {
        String configured = System.getenv("MONGODB_TEST_URI");
        return configured == null || configured.isBlank();
    }

    DatastoreConfig config(Map<String, String> extra) {
        Map<String, String> connection = new HashMap<>();
        connection.put("uri", uri + "/" + database + options);
        connection.putAll(extra);
        return config(connection, Duration.ofSeconds(10));
    }

    static DatastoreConfig config(Map<String, String> connection, Duration connectTimeout) {
        return new DatastoreConfig(
                "docs",
                "mongodb",
                "",
                List.of(),
                true,
                connection,
                Map.of(),
                new PoolSettings(0, 10, connectTimeout),
                Map.of());
    }

    Datastore datastore() {
        return datastore(Map.of());
    }

    Datastore datastore(Map<String, String> extra) {
        return new MongoDatastoreProvider().open(config(extra));
    }

    /** @return the driver's client, for writing and checking documents directly */
    public MongoClient client() {
        return admin;
    }

    /** @return the connection block of a YAML datastore on the test's database */
    public String yaml() {
        return "{uri: '" + uri + "/" + database + options + "'}";
    }

    @Override
    public void close() {
        try {
            admin.getDatabase(database).drop();
        } finally {
            admin.close();
        }
    }
}
