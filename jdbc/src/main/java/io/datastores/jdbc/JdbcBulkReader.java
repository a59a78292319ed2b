package io.datastores.jdbc;

import io.datastores.api.bulk.ReadRequest;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * The default bulk reader of a JDBC datastore: a forward-only result set, streamed by the driver at
 * the given fetch size, filled into Arrow batches by {@link ResultSetArrowReader}. Providers with a
 * faster native path use it as their fallback. Public API of {@code datastores-jdbc}; thread-safe:
 * each read borrows its own connection, which the returned reader owns.
 */
public final class JdbcBulkReader implements SqlBulkReader {
    private final JdbcDatastore datastore;
    private final int fetchSize;

    /**
     * @param datastore where to read
     * @param fetchSize the fetch size that makes the driver stream rather than buffer the result
     *     ({@link Integer#MIN_VALUE} for Connector/J)
     */
    public JdbcBulkReader(JdbcDatastore datastore, int fetchSize) {
        this.datastore = datastore;
        this.fetchSize = fetchSize;
    }

    @Override
    public ArrowReader read(ReadRequest request, BufferAllocator allocator) {
        return ResultSetArrowReader.open(datastore, request, allocator, fetchSize);
    }

    @Override
    public JdbcDatastore datastore() {
        return datastore;
    }

    /**
     * @param request a table or a query
     * @return what a failed read was, for error messages: {@code Bulk read of orders failed}
     */
    public static String failure(ReadRequest request) {
        return "Bulk read of " + request.describe() + " failed";
    }
}
