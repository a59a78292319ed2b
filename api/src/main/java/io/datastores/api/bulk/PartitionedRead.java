package io.datastores.api.bulk;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A read split into independent partitions whose union is the read's rows, each row exactly once.
 * Each partition is a {@link ReadRequest} carrying its {@link ReadPartition}; read them in any
 * order, on any thread or machine, then close this. Where the datastore shares one snapshot
 * between the partitions (PostgreSQL), it holds that snapshot open until closed, so close it only
 * after every partition has been read.
 */
public final class PartitionedRead implements AutoCloseable {
    private final List<ReadRequest> partitions;
    private final AutoCloseable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param partitions the parts, in order
     * @param release what closing frees (a snapshot's transaction), or {@code null} for nothing
     */
    public PartitionedRead(List<ReadRequest> partitions, AutoCloseable release) {
        this.partitions = List.copyOf(Objects.requireNonNull(partitions, "partitions is null"));
        this.release = release;
    }

    /**
     * @param request a read
     * @return the read as its one partition, for datastores that cannot split
     */
    public static PartitionedRead single(ReadRequest request) {
        return new PartitionedRead(List.of(request), null);
    }

    /** @return the parts, in order */
    public List<ReadRequest> partitions() {
        return partitions;
    }

    /** Releases what the partitions share; a no-op when nothing is held. Idempotent. */
    @Override
    public void close() {
        if (release == null || !closed.compareAndSet(false, true)) {
            return;
        }
        try {
            release.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Releasing a partitioned read failed", e);
        }
    }
}
