package io.datastores.api.spi;

import io.datastores.api.Capability;
import io.datastores.api.Datastore;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A base for {@link Datastore} implementations: what a datastore reports about itself (name, type,
 * description, tags, logical databases, capabilities) comes from its configuration and its
 * provider, so it is written once, here. Subclasses implement the operations.
 *
 * <p>Thread-safe: every field is final and immutable.
 */
public abstract class ConfiguredDatastore implements Datastore {
    private final DatastoreConfig config;
    private final Set<Capability> capabilities;

    /**
     * @param config the datastore's validated configuration
     * @param capabilities what its provider declares
     */
    protected ConfiguredDatastore(DatastoreConfig config, Set<Capability> capabilities) {
        this.config = Objects.requireNonNull(config, "config is null");
        this.capabilities = Set.copyOf(capabilities);
    }

    /** @return the configuration, secrets included: pass text through {@link DatastoreConfig#redact} before showing it */
    protected DatastoreConfig config() {
        return config;
    }

    @Override
    public final String name() {
        return config.name();
    }

    @Override
    public final String type() {
        return config.type();
    }

    @Override
    public final String description() {
        return config.description();
    }

    @Override
    public final List<String> tags() {
        return config.tags();
    }

    @Override
    public List<String> databases() {
        return List.copyOf(config.databases().keySet());
    }

    @Override
    public final Set<Capability> capabilities() {
        return capabilities;
    }
}
