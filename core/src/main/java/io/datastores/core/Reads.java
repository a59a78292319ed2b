package io.datastores.core;

import io.datastores.api.Capability;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.bulk.BulkReader;
import io.datastores.api.bulk.PartitionedRead;
import io.datastores.api.bulk.Pushdown;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.core.internal.ResidualReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Reads a structured request from any datastore with a bulk reader. The datastore's reader does what
 * its {@link BulkReader#pushdown} says it does; the rest — the residual filter, the projection, the
 * limit — is done here on the Arrow batches, so every datastore answers the same rows for the same
 * request. Thread-safe: each call opens an independent stream.
 */
public final class Reads {
    private Reads() {}

    /**
     * Opens a read.
     *
     * @param source the datastore to read
     * @param request what to read; a {@link ReadRequest#partition()} must come from
     *     {@link #partition} on a datastore of the same type
     * @param allocator where batch memory comes from; its limit bounds the read
     * @return the stream; the caller owns it and must close it
     * @throws DatastoreException {@code UNSUPPORTED} when the datastore has no bulk reader
     */
    public static ArrowReader open(Datastore source, ReadRequest request, BufferAllocator allocator) {
        Objects.requireNonNull(request, "request is null");
        BulkReader reader = reader(source);
        if (request.filter() == null && request.columns().isEmpty() && request.limit() == null) {
            return reader.read(request, allocator);
        }
        Pushdown pushdown = reader.pushdown(request);
        boolean residual = pushdown.residual() != null;
        List<String> columns = request.columns();
        if (pushdown.columns() && residual && !columns.isEmpty()) {
            // The reader must return what the residual filter reads, beside what was asked for.
            List<String> widened = new ArrayList<>(columns);
            request.withFilter(pushdown.residual()).filterColumns().stream()
                    .filter(c -> !widened.contains(c))
                    .forEach(widened::add);
            columns = widened;
        }
        boolean limitPushed = pushdown.limit() && !residual;
        ReadRequest sent = new ReadRequest(
                request.table(),
                request.query(),
                request.params(),
                pushdown.columns() ? columns : List.of(),
                pushdown.pushed(),
                limitPushed ? request.limit() : null,
                request.partition(),
                request.batchSize());
        ArrowReader stream = reader.read(sent, allocator);
        boolean done = !residual
                && (limitPushed || request.limit() == null)
                && sent.columns().equals(request.columns());
        return done
                ? stream
                : new ResidualReader(
                        stream,
                        allocator,
                        pushdown.residual(),
                        request.columns(),
                        request.limit(),
                        source.name(),
                        source.type());
    }

    /**
     * Splits a read into at most {@code count} partitions whose union is the read's rows, each row
     * exactly once; read each with {@link #open}, then close the result. A read with a limit is
     * one partition.
     *
     * @param source the datastore to read
     * @param request what to read
     * @param count the most partitions wanted, at least 1
     * @return the partitions
     */
    public static PartitionedRead partition(Datastore source, ReadRequest request, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        if (request.partition() != null) {
            throw new IllegalArgumentException("the request is already " + request.partition());
        }
        // A limit cannot be shared out between independent partitions.
        return count == 1 || request.limit() != null
                ? PartitionedRead.single(request)
                : reader(source).partition(request, count);
    }

    private static BulkReader reader(Datastore source) {
        if (!source.supports(Capability.BULK_READ)) {
            throw DatastoreException.unsupported(source.name(), source.type(), Capability.BULK_READ);
        }
        return source.bulkReader();
    }
}
