package io.datastores.neo4j;

import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.LazyClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;

/**
 * The one driver of a datastore, created and checked ({@code verifyConnectivity}) on first use; it
 * pools Bolt connections and is shared by every thread. Driver classes are touched only from
 * here on, so a missing driver jar fails when the datastore first connects, naming the artifact.
 */
final class Neo4jDriver {
    static final String DRIVER_ARTIFACT = "org.neo4j.driver:neo4j-java-driver";

    private final DatastoreConfig config;
    private final Neo4jSettings settings;
    private final Neo4jErrors errors;
    private final LazyClient<Driver> driver;

    Neo4jDriver(DatastoreConfig config, Neo4jSettings settings, Neo4jErrors errors) {
        this.config = config;
        this.settings = settings;
        this.errors = errors;
        this.driver = new LazyClient<>(errors, "Neo4j", DRIVER_ARTIFACT, this::open, Driver::verifyConnectivity);
    }

    private Driver open() {
        Config driverConfig = Config.builder()
                .withConnectionTimeout(config.pool().connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .withMaxConnectionPoolSize(config.pool().maxSize())
                .withConnectionAcquisitionTimeout(config.pool().connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build();
        return settings.user().isPresent()
                ? GraphDatabase.driver(
                        settings.uri(),
                        AuthTokens.basic(
                                settings.user().get(),
                                config.value(Neo4jSettings.PASSWORD).orElseThrow()),
                        driverConfig)
                : GraphDatabase.driver(settings.uri(), AuthTokens.none(), driverConfig);
    }

    /** @return the driver's lifecycle */
    LazyClient<Driver> client() {
        return driver;
    }

    Session session() {
        Driver current = driver.get();
        return current.session(
                settings.database().map(SessionConfig::forDatabase).orElseGet(SessionConfig::defaultConfig));
    }

    /** Runs one statement in an auto-commit transaction and reads every record. */
    List<Record> run(String cypher, Map<String, Object> parameters) {
        try (Session session = session()) {
            return session.run(cypher, parameters).list();
        } catch (RuntimeException e) {
            throw errors.classify("Running Cypher", e);
        }
    }
}
