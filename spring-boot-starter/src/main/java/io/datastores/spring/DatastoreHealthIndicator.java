package io.datastores.spring;

import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import java.util.function.UnaryOperator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The health of one datastore, from {@link Datastore#test()}: UP with the latency, server version
 * and database, or DOWN with the failure in words; a datastore declared {@code enabled: false} is
 * UNKNOWN. Never a setting or a secret: the failure text goes through the configuration's
 * redaction as well.
 */
final class DatastoreHealthIndicator implements HealthIndicator {
    private final Datastore datastore;
    private final UnaryOperator<String> redact;

    DatastoreHealthIndicator(Datastore datastore, UnaryOperator<String> redact) {
        this.datastore = datastore;
        this.redact = redact;
    }

    @Override
    public Health health() {
        if (!datastore.enabled()) {
            return Health.unknown()
                    .withDetail("type", datastore.type())
                    .withDetail("enabled", false)
                    .build();
        }
        ConnectionTest test = datastore.test();
        Health.Builder health = test.success() ? Health.up() : Health.down();
        health.withDetail("type", datastore.type()).withDetail("latencyMillis", test.responseMillis());
        if (test.success()) {
            health.withDetail("serverVersion", String.valueOf(test.serverVersion()));
            if (test.database() != null) {
                health.withDetail("database", test.database());
            }
        } else {
            health.withDetail("error", redact.apply(String.valueOf(test.error())));
        }
        return health.build();
    }
}
