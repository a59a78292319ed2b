package io.datastores.sync;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.core.Datastores;
import io.datastores.sync.SyncJob.Endpoint;
import java.util.List;

/**
 * A job's two ends as datastores: one of the caller's registry by {@code datastore_name} (its type
 * checked against the job's), or one opened from the job's inline {@code connection}, which the
 * sync then owns and closes.
 */
final class SyncEndpoints {
    private SyncEndpoints() {}

    /**
     * @param registry the caller's datastores
     * @param job the job, for messages and inline names
     * @param endpoint the end to open
     * @param key {@code source_provider} or {@code target_provider}, for messages
     * @param owned where a registry opened for an inline end is added, for the sync to close
     * @return the datastore
     */
    static Datastore open(Datastores registry, SyncJob job, Endpoint endpoint, String key, List<Datastores> owned) {
        if (endpoint.inline()) {
            String name = job.name() + "_" + key.replace("_provider", "");
            // Values were resolved when the job was read; inline() takes them as they are.
            Datastores inline = Datastores.inline(name, endpoint.type(), endpoint.connection());
            owned.add(inline);
            return inline.get(name);
        }
        Datastore datastore = registry.require(endpoint.datastoreName());
        if (!endpoint.type().isEmpty()) {
            String canonical =
                    registry.provider(endpoint.type()).map(p -> p.type()).orElse(endpoint.type());
            if (!canonical.equals(datastore.type())) {
                throw DatastoreException.of(
                        ErrorCode.INVALID_CONFIG,
                        "Sync job '" + job.name() + "': " + key
                                + ".data_backend.type is '" + endpoint.type() + "' but datastore '" + datastore.name()
                                + "' is of type '" + datastore.type() + "'");
            }
        }
        return datastore;
    }
}
