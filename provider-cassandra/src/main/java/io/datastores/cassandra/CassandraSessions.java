package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.LazyClient;
import java.time.Duration;
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
    private final LazyClient<CqlSession> client;

    CassandraSessions(DatastoreConfig config, CassandraSettings settings, CassandraErrors errors) {
        this.config = config;
        this.settings = settings;
        this.errors = errors;
        this.client = new LazyClient<>(
                errors, "Cassandra", DRIVER_ARTIFACT, () -> builder().build(), session -> {});
    }

    /** @return the session, opened on first use */
    CqlSession session() {
        return client.get();
    }

    /** @return the session's lifecycle */
    LazyClient<CqlSession> client() {
        return client;
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
}
