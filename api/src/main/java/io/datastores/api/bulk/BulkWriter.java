package io.datastores.api.bulk;

import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Loads Arrow batches into a table through the database's native bulk path (COPY BINARY,
 * LOAD DATA, appender, Stream Load, multipart upload). Reached through
 * {@link io.datastores.api.Datastore#bulkWriter()}; offered when the datastore declares
 * {@link io.datastores.api.Capability#BULK_WRITE}.
 *
 * <p>Implementations are thread-safe: concurrent calls write independently.
 */
public interface BulkWriter {

    /**
     * Writes every batch of the source into the target table. The target's column types decide
     * how values are encoded.
     *
     * @param request the target table, mode and key
     * @param source the batches; read to the end but not closed (the caller owns it)
     * @return counts and timings
     */
    WriteResult write(WriteRequest request, ArrowReader source);
}
