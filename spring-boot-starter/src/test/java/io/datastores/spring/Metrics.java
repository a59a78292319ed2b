package io.datastores.spring;

import io.micrometer.core.instrument.MeterRegistry;

/** Reading pool meters in tests. */
final class Metrics {
    private Metrics() {}

    /**
     * HikariCP refreshes its pool counters at most once a second: waits up to 3 s for the expected
     * number of connections in use.
     *
     * @return the last value read
     */
    static double awaitActive(MeterRegistry meters, String pool, double expected) {
        double value = Double.NaN;
        for (int i = 0; i < 30 && value != expected; i++) {
            value = meters.get("hikaricp.connections.active")
                    .tag("pool", pool)
                    .gauge()
                    .value();
            if (value != expected) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return value;
                }
            }
        }
        return value;
    }
}
