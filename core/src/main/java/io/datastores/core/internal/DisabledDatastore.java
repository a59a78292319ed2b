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

/** A datastore declared with {@code enabled: false}: listed with its metadata, refuses to connect. */
final class DisabledDatastore extends ConfiguredDatastore {
    DisabledDatastore(DatastoreConfig config, Set<Capability> capabilities) {
        super(config, capabilities);
    }

    private DatastoreException refused() {
        return DatastoreException.of(ErrorCode.INVALID_CONFIG, config().name(), config().type(), "Datastore '"
                + config().name() + "' is disabled (enabled: false); set enabled: true in its configuration to use it");
    }

    @Override
    public boolean enabled() {
        return false;
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
        return "DisabledDatastore[" + config().name() + "/" + config().type() + "]";
    }
}
