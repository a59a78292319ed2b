package io.datastores.registry;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a registry server runs. Immutable; start from {@link #of(RegistryStore, RegistryKey)}.
 *
 * @param host the address to listen on ({@code 0.0.0.0} for every interface)
 * @param port the port; 0 picks a free one
 * @param store where definitions live
 * @param key the operator's encryption key
 * @param adminToken a bootstrap admin token to store (hashed) at start, or {@code null}
 * @param allowedHosts host patterns ({@code *} wildcard; {@code embedded} for file datastores)
 *     connection tests may reach; empty allows every host
 * @param testTimeout how long one connection test may take
 * @param testsPerMinute connection tests one token may run per minute
 */
public record RegistrySettings(
        String host,
        int port,
        RegistryStore store,
        RegistryKey key,
        String adminToken,
        List<String> allowedHosts,
        Duration testTimeout,
        int testsPerMinute) {

    /** The shortest bootstrap token accepted: shorter ones can be guessed. */
    static final int MIN_TOKEN_LENGTH = 16;

    /**
     * Checks what a server cannot run without.
     *
     * @param host the address to listen on
     * @param port the port; 0 picks a free one
     * @param store where definitions live
     * @param key the operator's encryption key
     * @param adminToken a bootstrap admin token, or {@code null}
     * @param allowedHosts host patterns connection tests may reach; empty allows every host
     * @param testTimeout how long one connection test may take
     * @param testsPerMinute connection tests one token may run per minute
     */
    public RegistrySettings {
        Objects.requireNonNull(host, "host is null");
        Objects.requireNonNull(store, "store is null");
        Objects.requireNonNull(key, "key is null: the registry refuses to start without an encryption key");
        allowedHosts = List.copyOf(allowedHosts);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535: " + port);
        }
        if (adminToken != null && adminToken.strip().length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException(
                    "The bootstrap admin token must have at least " + MIN_TOKEN_LENGTH + " characters");
        }
        if (testTimeout.isNegative() || testTimeout.isZero() || testsPerMinute < 1) {
            throw new IllegalArgumentException("testTimeout and testsPerMinute must be positive");
        }
    }

    /**
     * @param store where definitions live
     * @param key the encryption key
     * @return settings for loopback port 8080, no bootstrap token, every host testable, 10 s tests, 30 a minute
     */
    public static RegistrySettings of(RegistryStore store, RegistryKey key) {
        return new RegistrySettings("127.0.0.1", 8080, store, key, null, List.of(), Duration.ofSeconds(10), 30);
    }

    /**
     * @param newHost the listen address
     * @return a copy listening there
     */
    public RegistrySettings withHost(String newHost) {
        return new RegistrySettings(newHost, port, store, key, adminToken, allowedHosts, testTimeout, testsPerMinute);
    }

    /**
     * @param newPort the port, 0 for any free one
     * @return a copy on that port
     */
    public RegistrySettings withPort(int newPort) {
        return new RegistrySettings(host, newPort, store, key, adminToken, allowedHosts, testTimeout, testsPerMinute);
    }

    /**
     * @param token the bootstrap admin token, or {@code null}
     * @return a copy with it
     */
    public RegistrySettings withAdminToken(String token) {
        return new RegistrySettings(host, port, store, key, token, allowedHosts, testTimeout, testsPerMinute);
    }

    /**
     * @param patterns host patterns tests may reach
     * @return a copy with them
     */
    public RegistrySettings withAllowedHosts(List<String> patterns) {
        return new RegistrySettings(host, port, store, key, adminToken, patterns, testTimeout, testsPerMinute);
    }

    /**
     * @param timeout per test
     * @param perMinute tests per token per minute
     * @return a copy with the limits
     */
    public RegistrySettings withTestLimits(Duration timeout, int perMinute) {
        return new RegistrySettings(host, port, store, key, adminToken, allowedHosts, timeout, perMinute);
    }

    /** @return the settings, never the key nor the token */
    @Override
    public String toString() {
        return "RegistrySettings[" + host + ":" + port + ", store=" + store + ", key=" + key + ", adminToken="
                + (adminToken == null ? "none" : "***") + ", allowedHosts=" + allowedHosts + ", testTimeout="
                + testTimeout
                + ", testsPerMinute=" + testsPerMinute + "]";
    }
}
