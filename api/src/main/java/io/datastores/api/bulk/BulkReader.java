package io.datastores.api.bulk;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Streams a table or query out of a datastore as Arrow batches, through the fastest path the
 * database has (COPY, Arrow export, a forward-only cursor). Reached through
 * {@link io.datastores.api.Datastore#bulkReader()}; offered when the datastore declares
 * {@link io.datastores.api.Capability#BULK_READ}.
 *
 * <p>Implementations are thread-safe: each call opens an independent stream.
 */
public interface BulkReader {

    /**
     * Opens a stream of batches of at most {@link ReadRequest#batchSize()} rows. Memory stays
     * bounded by one or two batches however large the source is.
     *
     * @param request what to read
     * @param allocator where the batches' memory comes from; its limit bounds the read
     * @return the stream; the caller owns it and must close it, which releases the connection
     */
    ArrowReader read(ReadRequest request, BufferAllocator allocator);
}
