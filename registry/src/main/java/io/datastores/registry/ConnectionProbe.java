package io.datastores.registry;

import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.spi.DatastoreProvider;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connection test of a stored definition through its provider: open, connect, run the
 * provider's own test, close. A network probe, so: bounded by a timeout, optionally limited to
 * allowed hosts, and its failures told as a kind (timeout, refused, authentication ...) in fixed
 * words, never with what the server or driver said.
 */
final class ConnectionProbe {
    private static final Pattern URL_HOST = Pattern.compile("//(?:[^@/?#]*@)?(\\[[^\\]]+\\]|[^:/?#;,]+)");
    /** The allow-list entry that permits definitions with no network host (embedded files). */
    static final String EMBEDDED = "embedded";

    /** A test's outcome; {@code failure} is a fixed kind such as {@code timeout}. */
    record Outcome(
            boolean success,
            double responseMillis,
            String message,
            String failure,
            String serverVersion,
            String database,
            Instant connectedAt) {}

    private final Providers providers;
    private final Duration timeout;
    private final List<Pattern> allowedHosts;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "registry-connection-test");
        thread.setDaemon(true);
        return thread;
    });

    ConnectionProbe(Providers providers, Duration timeout, List<String> allowedHostPatterns) {
        this.providers = providers;
        this.timeout = timeout;
        this.allowedHosts =
                allowedHostPatterns.stream().map(ConnectionProbe::glob).toList();
    }

    /** @return the host the test would reach when the allow-list refuses it, empty when allowed */
    Optional<String> refusedHost(Definition definition) {
        if (allowedHosts.isEmpty()) {
            return Optional.empty();
        }
        String host = host(definition).orElse(EMBEDDED).toLowerCase(Locale.ROOT);
        return allowedHosts.stream().anyMatch(p -> p.matcher(host).matches()) ? Optional.empty() : Optional.of(host);
    }

    Outcome test(Definition definition) {
        DatastoreProvider provider = providers.find(definition.system()).orElseThrow();
        long start = System.nanoTime();
        Datastore datastore = providers.open(provider, definition, timeout);
        Future<ConnectionTest> running = executor.submit(() -> {
            datastore.connect();
            return datastore.test();
        });
        try {
            ConnectionTest test = running.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            if (test.success()) {
                return new Outcome(
                        true,
                        millisSince(start),
                        "Connection successful",
                        null,
                        test.serverVersion(),
                        test.database(),
                        test.connectedAt());
            }
            return failed(start, "unreachable");
        } catch (TimeoutException e) {
            running.cancel(true);
            return failed(start, "timeout");
        } catch (ExecutionException e) {
            return failed(start, kind(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(start, "timeout");
        } finally {
            closeQuietly(datastore);
        }
    }

    /** Closes in the background (a timed-out connect may still hold the pool), inline once the probe is closed. */
    private void closeQuietly(Datastore datastore) {
        try {
            executor.execute(datastore::close);
        } catch (RejectedExecutionException e) {
            datastore.close();
        }
    }

    private Outcome failed(long start, String kind) {
        String message = switch (kind) {
            case "timeout" -> "Connection failed: no answer within " + timeout.toSeconds() + " s (timeout)";
            case "refused" -> "Connection failed: connection refused";
            case "unknown_host" -> "Connection failed: unknown host";
            case "authentication" -> "Connection failed: authentication failed (check username and password)";
            case "not_found" -> "Connection failed: the database was not found";
            case "driver_missing" -> "Connection failed: the provider's driver is not installed on the registry";
            case "configuration" -> "Connection failed: the definition is not usable (configuration)";
            default -> "Connection failed: the server could not be reached";
        };
        return new Outcome(false, millisSince(start), message, kind, null, null, null);
    }

    /** The failure's kind, from the SDK's error code and, for connection errors, the socket's exception. */
    static String kind(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof UnknownHostException) {
                return "unknown_host";
            }
            if (e instanceof ConnectException) {
                return "refused";
            }
            if (e instanceof SocketTimeoutException) {
                return "timeout";
            }
        }
        if (error instanceof DatastoreException d) {
            return switch (d.code()) {
                case TIMEOUT -> "timeout";
                case AUTHENTICATION -> "authentication";
                case NOT_FOUND -> "not_found";
                case DRIVER_MISSING -> "driver_missing";
                case INVALID_CONFIG -> "configuration";
                default -> "unreachable";
            };
        }
        return "unreachable";
    }

    static Optional<String> host(Definition definition) {
        if (definition.server() != null) {
            return Optional.of(definition.server());
        }
        if (definition.connectionString() != null) {
            Matcher matcher = URL_HOST.matcher(definition.connectionString());
            if (matcher.find()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.strip().toLowerCase(Locale.ROOT).toCharArray()) {
            regex.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    private static double millisSince(long start) {
        return TestTable.round((System.nanoTime() - start) / 1_000_000.0);
    }

    void close() {
        executor.shutdownNow();
    }
}
