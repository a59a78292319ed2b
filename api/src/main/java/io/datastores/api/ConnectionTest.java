package io.datastores.api;

import java.time.Instant;

/**
 * The outcome of {@link Datastore#test()}.
 *
 * @param success whether the datastore answered
 * @param responseMillis time taken to connect (if needed) and answer a trivial query
 * @param serverVersion the server's product name and version, or {@code null} on failure
 * @param database the database (catalog) the connection landed in, or {@code null} on failure
 * @param connectedAt when the datastore first connected, or {@code null} on failure
 * @param error the failure in words a person can act on, or {@code null} on success
 */
public record ConnectionTest(
        boolean success,
        long responseMillis,
        String serverVersion,
        String database,
        Instant connectedAt,
        String error) {

    /**
     * @param responseMillis elapsed time
     * @param serverVersion the server's product name and version
     * @param database the current database
     * @param connectedAt when the connection was made
     * @return a successful test
     */
    public static ConnectionTest succeeded(
            long responseMillis, String serverVersion, String database, Instant connectedAt) {
        return new ConnectionTest(true, responseMillis, serverVersion, database, connectedAt, null);
    }

    /** What a probe of the server learned when it answered. */
    public record Answer(String serverVersion, String database, Instant connectedAt) {}

    /** Asks the server something trivial, connecting first if needed. */
    @FunctionalInterface
    public interface Probe {
        /**
         * @return what the server answered
         * @throws DatastoreException when it cannot be reached or refuses
         */
        Answer ask();
    }

    /**
     * Runs a probe and times it: the one shape of every {@link Datastore#test()} that is not JDBC.
     *
     * @param probe connects if needed and asks the server for its version
     * @return a successful test with the probe's answer, or a failed one with its error's message
     */
    public static ConnectionTest timed(Probe probe) {
        long start = System.nanoTime();
        try {
            Answer answer = probe.ask();
            return succeeded(
                    (System.nanoTime() - start) / 1_000_000,
                    answer.serverVersion(),
                    answer.database(),
                    answer.connectedAt());
        } catch (DatastoreException e) {
            return failed((System.nanoTime() - start) / 1_000_000, e.getMessage());
        }
    }

    /**
     * @param responseMillis elapsed time until the failure
     * @param error what went wrong, free of secrets
     * @return a failed test
     */
    public static ConnectionTest failed(long responseMillis, String error) {
        return new ConnectionTest(false, responseMillis, null, null, null, error);
    }
}
