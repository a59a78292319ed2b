package io.datastores.micrometer;

import io.datastores.api.Capability;
import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.QueryResult;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.BulkWriter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A datastore that times its queries and statements and meters its bulk writes, delegating
 * everything to the datastore it wraps (features included, so {@code feature(DataSource.class)}
 * still reaches the real pool). Thread-safe as the delegate is.
 */
final class MeteredDatastore implements Datastore {
    private final Datastore delegate;
    private final DatastoreMeters meters;

    MeteredDatastore(Datastore delegate, DatastoreMeters meters) {
        this.delegate = delegate;
        this.meters = meters;
    }

    @Override
    public QueryResult query(String sql, Object... params) {
        return meters.timed(DatastoreMeters.QUERY, () -> delegate.query(sql, params));
    }

    @Override
    public QueryResult query(String sql, List<?> params, int maxRows) {
        return meters.timed(DatastoreMeters.QUERY, () -> delegate.query(sql, params, maxRows));
    }

    @Override
    public long execute(String sql, Object... params) {
        return meters.timed(DatastoreMeters.EXECUTE, () -> delegate.execute(sql, params));
    }

    @Override
    public <T> Optional<T> feature(Class<T> type) {
        Optional<T> feature = delegate.feature(type);
        if (type == BulkWriter.class) {
            return feature.map(writer -> type.cast(new MeteredBulkWriter((BulkWriter) writer, meters)));
        }
        return feature;
    }

    /** The view shares this datastore's meters: its calls count for this datastore. */
    @Override
    public Datastore database(String logicalName, String... more) {
        return new MeteredDatastore(delegate.database(logicalName, more), meters);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String type() {
        return delegate.type();
    }

    @Override
    public String description() {
        return delegate.description();
    }

    @Override
    public List<String> tags() {
        return delegate.tags();
    }

    @Override
    public boolean enabled() {
        return delegate.enabled();
    }

    @Override
    public List<String> databases() {
        return delegate.databases();
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public void connect() {
        delegate.connect();
    }

    @Override
    public boolean isConnected() {
        return delegate.isConnected();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public ConnectionTest test() {
        return delegate.test();
    }

    @Override
    public List<String> schemas() {
        return delegate.schemas();
    }

    @Override
    public List<TableRef> tables(String schema) {
        return delegate.tables(schema);
    }

    @Override
    public TableInfo describe(TableRef table) {
        return delegate.describe(table);
    }

    @Override
    public String quote(String identifier) {
        return delegate.quote(identifier);
    }

    @Override
    public String qualify(TableRef table) {
        return delegate.qualify(table);
    }

    /** @return the delegate's secret-free description, marked as metered */
    @Override
    public String toString() {
        return "Metered" + delegate;
    }
}
