package io.datastores.micrometer;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.datastores.api.Datastore;
import io.datastores.core.DatastoresLoader;
import io.datastores.jdbc.JdbcDatastore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * Micrometer metrics for every datastore of a registry:
 *
 * <pre>{@code
 * Datastores datastores = DatastoresMetrics.instrument(Datastores.loader(), meterRegistry)
 *         .load(Path.of("datastores.yaml"));
 * }</pre>
 *
 * <ul>
 *   <li>{@code datastores.query}, {@code datastores.execute}: timers of {@code query} and
 *       {@code execute} calls, tagged {@code datastore}, {@code type}, {@code outcome}
 *       ({@code success} or {@code error}) and {@code error} (the {@code ErrorCode}, or
 *       {@code none});
 *   <li>{@code datastores.transfer} (timer), {@code datastores.transfer.rows},
 *       {@code datastores.transfer.bytes} (counters) and {@code datastores.transfer.rows.per.second}
 *       (summary): every bulk write, which is where a copy or a sync lands its rows, tagged
 *       {@code datastore} (the target), {@code type}, {@code mode}, {@code outcome} and {@code error};
 *   <li>HikariCP's own {@code hikaricp.connections.*} meters for each JDBC datastore's pool,
 *       tagged {@code pool} = the datastore's name (present while the pool runs).
 * </ul>
 *
 * <p>Tags hold names, types and error codes only: never SQL text, parameters or anything from a
 * datastore's connection settings. Timings include the wait for a pooled connection.
 */
public final class DatastoresMetrics {
    private DatastoresMetrics() {}

    /**
     * @param loader a registry loader
     * @param registry where the meters go
     * @return the same loader, which now instruments every datastore it opens
     */
    public static DatastoresLoader instrument(DatastoresLoader loader, MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry is null");
        return loader.decorator(datastore -> instrument(datastore, registry));
    }

    /**
     * Instruments one datastore, such as one opened outside a registry. Do it once per
     * datastore: a JDBC pool reports to one meter registry only.
     *
     * @param datastore the datastore; not connected by this
     * @param registry where the meters go
     * @return a datastore that records its calls and delegates everything to {@code datastore}
     */
    public static Datastore instrument(Datastore datastore, MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry is null");
        datastore
                .feature(JdbcDatastore.class)
                .ifPresent(jdbc -> jdbc.poolMetrics(new MicrometerMetricsTrackerFactory(registry)));
        return new MeteredDatastore(datastore, new DatastoreMeters(registry, datastore));
    }
}
