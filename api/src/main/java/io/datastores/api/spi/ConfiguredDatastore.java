package io.datastores.api.spi;

import io.datastores.api.Capability;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.QueryResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A base for {@link Datastore} implementations: what a datastore reports about itself (name, type,
 * description, tags, logical databases, capabilities) comes from its configuration and its
 * provider, so it is written once, here. Subclasses implement the operations; a store with no
 * query language of its own (object storage, a folder of files) leaves {@link #query} and
 * {@link #execute} as they are here, refused as {@link Capability#SQL} it does not declare.
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

    /** Refused with the fixed message: override it where the store has a query language. */
    @Override
    public QueryResult query(String sql, Object... params) {
        throw DatastoreException.unsupported(name(), type(), Capability.SQL);
    }

    /** Refused with the fixed message: override it where the store has a query language. */
    @Override
    public long execute(String sql, Object... params) {
        throw DatastoreException.unsupported(name(), type(), Capability.SQL);
    }

    /**
     * For a {@link #feature} written as one line: the first of the features this datastore offers
     * that is a {@code type}.
     *
     * @param <T> the feature's type
     * @param type the feature asked for
     * @param offered the datastore's features, such as its bulk reader, writer and table creator
     * @return the feature, or empty when none is a {@code type}
     */
    protected static <T> Optional<T> firstOf(Class<T> type, Object... offered) {
        for (Object feature : offered) {
            if (type.isInstance(feature)) {
                return Optional.of(type.cast(feature));
            }
        }
        return Optional.empty();
    }
}
