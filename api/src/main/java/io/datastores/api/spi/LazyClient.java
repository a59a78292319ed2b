package io.datastores.api.spi;

import io.datastores.api.ErrorCode;
import java.time.Instant;
import java.util.Optional;

/**
 * A driver's client (a session, a pool, a driver object) opened on first use and shared by every
 * thread: opening is lazy, idempotent and thread-safe, and so is closing, which may be followed by
 * another open. A driver missing from the class path is {@link ErrorCode#DRIVER_MISSING} naming its
 * Maven artifact; a failure to open or to verify is {@link DatastoreErrors#classify}d, and a client
 * that failed its check is closed before the failure is thrown.
 *
 * @param <C> the driver's client type
 */
public final class LazyClient<C extends AutoCloseable> {
    /**
     * Makes the client; throws what the driver throws.
     *
     * @param <C> the driver's client type
     */
    @FunctionalInterface
    public interface Opener<C> {
        /** @return a new client */
        C open();
    }

    /**
     * Proves a new client works (a ping, a connectivity check) before it is shared.
     *
     * @param <C> the driver's client type
     */
    @FunctionalInterface
    public interface Check<C> {
        /** @param client the new client; throws what the driver throws when it does not work */
        void verify(C client);
    }

    private final DatastoreErrors errors;
    private final String system;
    private final String artifact;
    private final Opener<C> opener;
    private final Check<C> check;
    private C client;
    private Instant connectedAt;

    /**
     * @param errors the datastore's error translation
     * @param system the store's name for people, such as {@code "Neo4j"}
     * @param artifact the driver's Maven coordinates ({@code group:artifact}) for the missing-driver message
     * @param opener makes the client
     * @param check proves a new client works
     */
    public LazyClient(DatastoreErrors errors, String system, String artifact, Opener<C> opener, Check<C> check) {
        this.errors = errors;
        this.system = system;
        this.artifact = artifact;
        this.opener = opener;
        this.check = check;
    }

    /** @return the client, opened now if it is not open */
    public synchronized C get() {
        if (client == null) {
            C made;
            try {
                made = opener.open();
            } catch (NoClassDefFoundError e) {
                throw errors.error(
                        ErrorCode.DRIVER_MISSING,
                        "The " + system + " driver is not on the class path; add " + artifact,
                        e);
            } catch (RuntimeException e) {
                throw errors.classify("Connecting", e);
            }
            try {
                check.verify(made);
            } catch (RuntimeException e) {
                closeQuietly(made);
                throw errors.classify("Connecting", e);
            }
            client = made;
            connectedAt = Instant.now();
        }
        return client;
    }

    /** @return whether a client is open */
    public synchronized boolean isOpen() {
        return client != null;
    }

    /** @return when the open client was opened, or empty when none is */
    public synchronized Optional<Instant> connectedAt() {
        return Optional.ofNullable(connectedAt);
    }

    /** Closes the client if one is open; a server already gone is no failure. */
    public synchronized void close() {
        if (client != null) {
            try {
                closeQuietly(client);
            } finally {
                client = null;
                connectedAt = null;
            }
        }
    }

    private static void closeQuietly(AutoCloseable client) {
        try {
            client.close();
        } catch (Exception ignored) {
            // The server may be gone already; the client's local resources are released either way.
        }
    }
}
