package io.datastores.micrometer;

import io.datastores.api.bulk.BulkWriter;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import org.apache.arrow.vector.ipc.ArrowReader;

/** Records rows, bytes and time of each bulk write, the landing side of every copy and sync. */
final class MeteredBulkWriter implements BulkWriter {
    private final BulkWriter delegate;
    private final DatastoreMeters meters;

    MeteredBulkWriter(BulkWriter delegate, DatastoreMeters meters) {
        this.delegate = delegate;
        this.meters = meters;
    }

    @Override
    public WriteResult write(WriteRequest request, ArrowReader source) {
        long start = System.nanoTime();
        try {
            WriteResult result = delegate.write(request, source);
            meters.transferred(request, result, start);
            return result;
        } catch (RuntimeException e) {
            meters.transferFailed(request, e, start);
            throw e;
        }
    }
}
