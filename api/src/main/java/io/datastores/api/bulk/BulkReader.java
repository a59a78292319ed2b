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
     * <p>A reader is sent only what its {@link #pushdown} accepted: {@code io.datastores.core.Reads},
     * the way every caller should read a structured request, narrows the request first and does
     * the rest itself. Called directly, a reader must either do every part of the request it is
     * given or refuse it ({@link io.datastores.api.ErrorCode#UNSUPPORTED}); it never ignores one.
     * The request's {@link ReadRequest#partition()}, made by this reader's {@link #partition}, is
     * always the reader's own to apply.
     *
     * @param request what to read
     * @param allocator where the batches' memory comes from; its limit bounds the read
     * @return the stream; the caller owns it and must close it, which releases the connection
     */
    ArrowReader read(ReadRequest request, BufferAllocator allocator);

    /**
     * Says which parts of a structured request this reader does itself (filter, projection,
     * limit). Nothing by default: the reader returns every row and column of the table or query.
     *
     * @param request a read
     * @return what the reader does of it
     */
    default Pushdown pushdown(ReadRequest request) {
        return Pushdown.none(request);
    }

    /**
     * Splits a read into at most {@code count} independent partitions whose union is the read's rows,
     * each row exactly once; one partition (the request itself) by default. Callers read every
     * partition at once, so there are never more than the datastore can serve at the same time (its
     * pool's connections). The request given is
     * the one the caller will read each partition as: partitions copy it with their own
     * {@link ReadPartition}.
     *
     * @param request a read of a table
     * @param count the most partitions wanted, at least 1
     * @return the partitions; the caller closes them after reading every one
     */
    default PartitionedRead partition(ReadRequest request, int count) {
        return PartitionedRead.single(request);
    }
}
