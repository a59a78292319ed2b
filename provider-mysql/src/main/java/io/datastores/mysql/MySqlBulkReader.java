package io.datastores.mysql;

import io.datastores.api.bulk.BulkReader;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.jdbc.JdbcDatastore;
import io.datastores.jdbc.ResultSetArrowReader;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Reads through a streaming result set: Connector/J streams rows one at a time when the fetch
 * size is {@link Integer#MIN_VALUE}, so memory stays at one batch. Thread-safe.
 */
final class MySqlBulkReader implements BulkReader {
    private final JdbcDatastore datastore;

    MySqlBulkReader(JdbcDatastore datastore) {
        this.datastore = datastore;
    }

    @Override
    public ArrowReader read(ReadRequest request, BufferAllocator allocator) {
        return ResultSetArrowReader.open(datastore, request, allocator, Integer.MIN_VALUE);
    }
}
