package io.datastores.micrometer;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The meters of one datastore; tags carry its name and type, never SQL or settings. */
final class DatastoreMeters {
    static final String QUERY = "datastores.query";
    static final String EXECUTE = "datastores.execute";
    static final String TRANSFER = "datastores.transfer";

    private final MeterRegistry registry;
    private final Tags datastore;

    DatastoreMeters(MeterRegistry registry, Datastore datastore) {
        this.registry = registry;
        this.datastore = Tags.of("datastore", datastore.name(), "type", datastore.type());
    }

    /** Times a call and tags it with how it ended; the call's own exception passes through unchanged. */
    <T> T timed(String name, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            T result = call.get();
            record(name, Tags.empty(), null, start);
            return result;
        } catch (RuntimeException e) {
            record(name, Tags.empty(), e, start);
            throw e;
        }
    }

    void transferred(WriteRequest request, WriteResult result, long startNanos) {
        Tags tags = transferTags(request, null);
        registry.timer(TRANSFER, tags).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        Counter.builder(TRANSFER + ".rows")
                .baseUnit("rows")
                .tags(tags)
                .register(registry)
                .increment(result.rows());
        Counter.builder(TRANSFER + ".bytes")
                .baseUnit("bytes")
                .tags(tags)
                .register(registry)
                .increment(result.bytes());
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        DistributionSummary.builder(TRANSFER + ".rows.per.second")
                .baseUnit("rows")
                .tags(tags)
                .register(registry)
                .record(result.rows() * 1000.0 / millis);
    }

    void transferFailed(WriteRequest request, RuntimeException error, long startNanos) {
        registry.timer(TRANSFER, transferTags(request, error))
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    private Tags transferTags(WriteRequest request, RuntimeException error) {
        return outcome(Tags.of("mode", request.mode().name().toLowerCase(Locale.ROOT)), error);
    }

    private void record(String name, Tags extra, RuntimeException error, long startNanos) {
        Timer.builder(name)
                .tags(outcome(extra, error))
                .register(registry)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    private Tags outcome(Tags extra, RuntimeException error) {
        // The error code, not the message: messages may quote values and are unbounded.
        String code = error == null
                ? "none"
                : error instanceof DatastoreException d ? d.code().name() : "INTERNAL";
        return datastore.and(extra).and("outcome", error == null ? "success" : "error", "error", code);
    }
}
