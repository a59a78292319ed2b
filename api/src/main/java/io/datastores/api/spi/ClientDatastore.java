package io.datastores.api.spi;

import io.datastores.api.Capability;
import io.datastores.api.QueryResult;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A base for a datastore reached through one shared driver client (a session, a pool, a driver
 * object): {@link #connect}, {@link #isConnected} and {@link #close} are the client's lazy,
 * idempotent, thread-safe lifecycle ({@link LazyClient}), and the varargs {@link #query(String, Object...)}
 * is the bounded one without a row limit. A subclass gives its client and its query language.
 */
public abstract class ClientDatastore extends ConfiguredDatastore {
    /**
     * @param config the datastore's validated configuration
     * @param capabilities what its provider declares
     */
    protected ClientDatastore(DatastoreConfig config, Set<Capability> capabilities) {
        super(config, capabilities);
    }

    /** @return the driver client whose lifecycle is this datastore's */
    protected abstract LazyClient<?> client();

    /**
     * The client if it was made, for {@link #isConnected} and {@link #close}: a datastore that makes its
     * client (and loads its driver's classes) only on first use overrides this, so that asking whether it
     * is connected, or closing it unused, makes nothing and cannot fail for a driver jar that is missing.
     *
     * @return {@link #client()} by default
     */
    protected Optional<LazyClient<?>> madeClient() {
        return Optional.of(client());
    }

    @Override
    public final void connect() {
        client().get();
    }

    @Override
    public final boolean isConnected() {
        return madeClient().map(LazyClient::isOpen).orElse(false);
    }

    @Override
    public final void close() {
        madeClient().ifPresent(LazyClient::close);
    }

    @Override
    public QueryResult query(String query, Object... params) {
        return query(query, List.of(params), Integer.MAX_VALUE);
    }

    /**
     * @param maxRows the row limit a caller gave
     * @throws IllegalArgumentException when it is not positive
     */
    protected static void requirePositive(int maxRows) {
        if (maxRows <= 0) {
            throw new IllegalArgumentException("maxRows must be positive: " + maxRows);
        }
    }
}
