package io.datastores.starrocks;

import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Stream Load with options chosen per write: reached through
 * {@code datastore.feature(StarRocksStreamLoad.class)}. The datastore's
 * {@link io.datastores.api.Datastore#bulkWriter()} is the same writer with the configured options
 * and a fresh transfer id per write. Thread-safe: concurrent writes run independently.
 */
public interface StarRocksStreamLoad {

    /** @return the options the datastore's configuration sets, with a fresh transfer id */
    StreamLoadOptions defaults();

    /**
     * Loads every batch of the source into the target table.
     *
     * @param request the target table, mode and key
     * @param source the batches; read to the end but not closed (the caller owns it)
     * @param options how to load
     * @return counts and timings
     */
    WriteResult write(WriteRequest request, ArrowReader source, StreamLoadOptions options);
}
