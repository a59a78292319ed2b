package io.datastores.core.internal;

import io.datastores.api.Capability;
import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.QueryResult;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.spi.ConfiguredDatastore;
import io.datastores.api.spi.DatastoreConfig;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A datastore that is listed with its metadata but refuses every use with one reason: it is
 * disabled ({@code enabled: false}), or its configuration needs variables this environment has
 * not set.
 */
final class UnusableDatastore extends ConfiguredDatastore {
    private final Supplier<DatastoreException> refusal;

    private UnusableDatastore(
            DatastoreConfig config, Set<Capability> capabilities, Supplier<DatastoreException> refusal) {
        super(config, capabilities);
        this.refusal = refusal;
    }

    static UnusableDatastore disabled(DatastoreConfig config, Set<Capability> capabilities) {
        return new UnusableDatastore(
                config,
                capabilities,
                () -> DatastoreException.of(
                        ErrorCode.INVALID_CONFIG,
                        config.name(),
                        config.type(),
                        "Datastore '" + config.name()
                                + "' is disabled (enabled: false); set enabled: true in its configuration to use it"));
    }

    /** @param refusal a new exception for each use, so every stack trace shows where the use was */
    static UnusableDatastore unresolved(
            DatastoreConfig config, Set<Capability> capabilities, Supplier<DatastoreException> refusal) {
        return new UnusableDatastore(config, capabilities, refusal);
    }

    private DatastoreException refused() {
        return refusal.get();
    }

    @Override
    public boolean enabled() {
        return config().enabled();
    }

    @Override
    public void connect() {
        throw refused();
    }

    @Override
    public boolean isConnected() {
        return false;
    }

    @Override
    public void close() {
        // Never connected, so nothing to release.
    }

    @Override
    public QueryResult query(String sql, Object... params) {
        throw refused();
    }

    @Override
    public long execute(String sql, Object... params) {
        throw refused();
    }

    @Override
    public ConnectionTest test() {
        return ConnectionTest.failed(0, refused().getMessage());
    }

    @Override
    public List<String> schemas() {
        throw refused();
    }

    @Override
    public List<TableRef> tables(String schema) {
        throw refused();
    }

    @Override
    public TableInfo describe(TableRef table) {
        throw refused();
    }

    @Override
    public Datastore database(String logicalName, String... more) {
        throw refused();
    }

    @Override
    public String toString() {
        return "UnusableDatastore[" + config().name() + "/" + config().type() + "]";
    }
}
