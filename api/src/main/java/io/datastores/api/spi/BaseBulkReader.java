package io.datastores.api.spi;

import io.datastores.api.ErrorCode;
import io.datastores.api.bulk.BulkReader;
import io.datastores.api.bulk.PartitionedRead;
import io.datastores.api.bulk.Pushdown;
import io.datastores.api.bulk.ReadRequest;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * The template of a bulk reader that reads tables and the results of the store's own query
 * language. The final methods do what every such reader does the same way: a query read is neither
 * narrowed nor split (only a table's read is: {@link #pushdownTable}, {@link #partitionTable}), a
 * query read given columns, a filter, a limit or a partition is refused (core's
 * {@code io.datastores.core.Reads} does those on the batches), and a driver failure while opening
 * is {@link DatastoreErrors#classify}d naming the read.
 *
 * <p>Subclasses must be thread-safe: one reader serves every read of its datastore.
 *
 * @param <E> the provider's error translation
 */
public abstract class BaseBulkReader<E extends DatastoreErrors> implements BulkReader {
    /** The datastore's error translation. */
    protected final E errors;

    /** @param errors the datastore's error translation */
    protected BaseBulkReader(E errors) {
        this.errors = errors;
    }

    @Override
    public final Pushdown pushdown(ReadRequest request) {
        return request.table() == null ? Pushdown.none(request) : pushdownTable(request);
    }

    @Override
    public final PartitionedRead partition(ReadRequest request, int count) {
        return request.table() == null || count <= 1 ? PartitionedRead.single(request) : partitionTable(request, count);
    }

    @Override
    public final ArrowReader read(ReadRequest request, BufferAllocator allocator) {
        try {
            if (request.table() != null) {
                return readTable(request, allocator);
            }
            if (request.isStructured()) {
                throw errors.error(
                        ErrorCode.INVALID_DATA,
                        "A query read takes no columns, filter, limit or partition; read through "
                                + "io.datastores.core.Reads");
            }
            return readQuery(request, allocator);
        } catch (RuntimeException e) {
            throw errors.classify("Reading " + request.describe(), e);
        }
    }

    /**
     * @param request a read of a table
     * @return what the reader does of it; nothing by default
     */
    protected Pushdown pushdownTable(ReadRequest request) {
        return Pushdown.none(request);
    }

    /**
     * @param request a read of a table
     * @param count the most partitions wanted, at least 2
     * @return the partitions, each row in exactly one; the request alone by default
     */
    protected PartitionedRead partitionTable(ReadRequest request, int count) {
        return PartitionedRead.single(request);
    }

    /**
     * @param request a read of a table, with only what {@link #pushdownTable} accepted
     * @param allocator where the batches' memory comes from
     * @return the stream
     */
    protected abstract ArrowReader readTable(ReadRequest request, BufferAllocator allocator);

    /**
     * @param request a read of a query in the store's language, with its parameters
     * @param allocator where the batches' memory comes from
     * @return the stream
     */
    protected abstract ArrowReader readQuery(ReadRequest request, BufferAllocator allocator);
}
