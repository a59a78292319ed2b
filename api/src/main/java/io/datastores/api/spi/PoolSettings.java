package io.datastores.api.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Connection pool settings of one datastore, read from {@code connection:}
 * ({@code min_pool_size}, {@code max_pool_size}, {@code connect_timeout} in seconds).
 *
 * @param minSize connections kept open while idle
 * @param maxSize the most connections open at once
 * @param connectTimeout how long to wait for a connection before failing
 */
public record PoolSettings(int minSize, int maxSize, Duration connectTimeout) {

    /** The pool keys accepted under {@code connection:} of every datastore. */
    public static final Set<String> KEYS = Set.of("min_pool_size", "max_pool_size", "connect_timeout");

    /** Settings used for keys left out: 1 idle connection, at most 10, 30 s to connect. */
    public static final PoolSettings DEFAULT = new PoolSettings(1, 10, Duration.ofSeconds(30));

    /**
     * Checks the bounds.
     *
     * @param minSize connections kept open while idle
     * @param maxSize the most connections open at once
     * @param connectTimeout how long to wait for a connection before failing
     */
    public PoolSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout is null");
        if (minSize < 0 || maxSize < 1 || minSize > maxSize) {
            throw new IllegalArgumentException(
                    "pool sizes must satisfy 0 <= min <= max, max >= 1: min=" + minSize + ", max=" + maxSize);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
        }
    }
}
