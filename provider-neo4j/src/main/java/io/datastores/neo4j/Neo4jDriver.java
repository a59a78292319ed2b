package io.datastores.neo4j;

import io.datastores.api.ErrorCode;
import io.datastores.api.spi.DatastoreConfig;
import java.time.Instant;
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
    private Driver driver;
    private Instant connectedAt;

    Neo4jDriver(DatastoreConfig config, Neo4jSettings settings, Neo4jErrors errors) {
        this.config = config;
        this.settings = settings;
        this.errors = errors;
    }

    synchronized Driver driver() {
        if (driver == null) {
            Driver created;
            try {
                Config driverConfig = Config.builder()
                        .withConnectionTimeout(config.pool().connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .withMaxConnectionPoolSize(config.pool().maxSize())
                        .withConnectionAcquisitionTimeout(
                                config.pool().connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .build();
                created = settings.user().isPresent()
                        ? GraphDatabase.driver(
                                settings.uri(),
                                AuthTokens.basic(
                                        settings.user().get(),
                                        config.value(Neo4jSettings.PASSWORD).orElseThrow()),
                                driverConfig)
                        : GraphDatabase.driver(settings.uri(), AuthTokens.none(), driverConfig);
            } catch (NoClassDefFoundError e) {
                throw errors.error(
                        ErrorCode.DRIVER_MISSING,
                        "The Neo4j driver is not on the class path; add " + DRIVER_ARTIFACT,
                        e);
            } catch (RuntimeException e) {
                throw errors.classify("Connecting", e);
            }
            try {
                created.verifyConnectivity();
            } catch (RuntimeException e) {
                created.close();
                throw errors.classify("Connecting", e);
            }
            driver = created;
            connectedAt = Instant.now();
        }
        return driver;
    }

    Session session() {
        Driver current = driver();
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

    synchronized boolean isOpen() {
        return driver != null;
    }

    synchronized Instant connectedAt() {
        return connectedAt;
    }

    synchronized void close() {
        if (driver != null) {
            try {
                driver.close();
            } catch (RuntimeException ignored) {
                // The server may be gone already; the driver's local resources are released either way.
            } finally {
                driver = null;
                connectedAt = null;
            }
        }
    }
}
