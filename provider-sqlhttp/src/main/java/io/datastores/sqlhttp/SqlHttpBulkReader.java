package io.datastores.sqlhttp;

import io.datastores.api.bulk.BulkReader;
import io.datastores.api.bulk.ReadRequest;
import java.util.Arrays;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Reads a table or query as Arrow: through libSQL's cursor endpoint, whose rows stream as they are
 * stepped, or in pages of one batch where the service has no cursor (D1, StarbaseDB). Thread-safe:
 * each read has its own request.
 */
record SqlHttpBulkReader(SqlHttpDatastore datastore) implements BulkReader {

    @Override
    public ArrowReader read(ReadRequest request, BufferAllocator allocator) {
        Transport.Statement statement = request.table() != null
                ? Transport.Statement.of("SELECT * FROM " + datastore.qualify(request.table()))
                : new Transport.Statement(
                        request.query(),
                        Arrays.asList(request.params().stream()
                                .map(SqlValues::bindable)
                                .toArray()));
        Transport.Rows rows = datastore.transport().stream(statement, request.batchSize());
        try {
            return new RowsArrowReader(allocator, rows, request.batchSize());
        } catch (RuntimeException e) {
            rows.close();
            throw e;
        }
    }
}
