package io.datastores.core.internal;

import io.datastores.api.Capability;
import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.QueryResult;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.spi.DatastoreConfig;
import java.util.List;
import java.util.Set;

/** A datastore declared with {@code enabled: false}: listed with its metadata, refuses to connect. */
final class DisabledDatastore implements Datastore {
    private final DatastoreConfig config;
    private final Set<Capability> capabilities;

    DisabledDatastore(DatastoreConfig config, Set<Capability> capabilities) {
        this.config = config;
        this.capabilities = Set.copyOf(capabilities);
    }

    private DatastoreException refused() {
        return DatastoreException.of(ErrorCode.INVALID_CONFIG, config.name(), config.type(), "Datastore '"
                + config.name() + "' is disabled (enabled: false); set enabled: true in its configuration to use it");
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public String type() {
        return config.type();
    }

    @Override
    public String description() {
        return config.description();
    }

    @Override
    public List<String> tags() {
        return config.tags();
    }

    @Override
    public boolean enabled() {
        return false;
    }

    @Override
    public List<String> databases() {
        return List.copyOf(config.databases().keySet());
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
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
        return "DisabledDatastore[" + config.name() + "/" + config.type() + "]";
    }
}
