package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.DatastoreConfig;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;

/**
 * The one driver session of a datastore, opened on first use. The driver's classes are touched only
 * here, so opening a datastore without the driver on the class path fails when it first connects,
 * naming the artifact to add. Thread-safe.
 */
final class CassandraSessions {
    static final String DRIVER_ARTIFACT = "org.apache.cassandra:java-driver-core";

    private final DatastoreConfig config;
    private final CassandraSettings settings;
    private final CassandraErrors errors;
    private CqlSession session;
    private Instant connectedAt;

    CassandraSessions(DatastoreConfig config, CassandraSettings settings, CassandraErrors errors) {
        this.config = config;
        this.settings = settings;
        this.errors = errors;
    }

    synchronized CqlSession session() {
        if (session == null) {
            try {
                session = builder().build();
            } catch (NoClassDefFoundError e) {
                throw errors.error(
                        ErrorCode.DRIVER_MISSING,
                        "The Cassandra driver is not on the class path; add " + DRIVER_ARTIFACT,
                        e);
            } catch (RuntimeException e) {
                throw errors.classify("Connecting", e);
            }
            connectedAt = Instant.now();
        }
        return session;
    }

    private CqlSessionBuilder builder() {
        Duration timeout = config.pool().connectTimeout();
        DriverConfigLoader loader = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, settings.readConsistency())
                .build();
        CqlSessionBuilder builder = CqlSession.builder()
                .withConfigLoader(loader)
                .addContactPoints(settings.contactPoints())
                .withLocalDatacenter(settings.localDatacenter());
        settings.user()
                .ifPresent(user -> builder.withAuthCredentials(
                        user, config.value(CassandraSettings.PASSWORD).orElseThrow()));
        settings.keyspace().ifPresent(builder::withKeyspace);
        if (settings.tls()) {
            try {
                builder.withSslContext(SSLContext.getDefault());
            } catch (java.security.NoSuchAlgorithmException e) {
                throw errors.error(ErrorCode.INVALID_CONFIG, "This JVM offers no TLS context: " + e.getMessage(), e);
            }
        }
        return builder;
    }

    synchronized boolean isOpen() {
        return session != null;
    }

    synchronized Instant connectedAt() {
        return connectedAt;
    }

    synchronized void close() {
        if (session != null) {
            try {
                session.close();
            } catch (RuntimeException ignored) {
                // The server may be gone already; the session's local resources are released either way.
            } finally {
                session = null;
                connectedAt = null;
            }
        }
    }
}
