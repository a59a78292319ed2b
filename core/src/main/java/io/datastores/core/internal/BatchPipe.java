package io.datastores.core.internal;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Runs each source reader on its own thread and hands their batches to the writer through a small
 * bounded queue, so reading and writing overlap and memory holds at most a few batches: the queue's
 * two plus one per source. With several sources (the partitions of one read) their batches
 * arrive in whatever order they are read. The writer sees this as an ordinary {@link ArrowReader}.
 *
 * <p>Batches change hands by moving buffers ({@link TransferPair}), never by copying, and the
 * source's vectors are left empty, so a reader that refills its vectors cannot overwrite a batch
 * still waiting in the queue.
 */
public final class BatchPipe extends ArrowReader {
    private static final int QUEUE_BATCHES = 2;
    private static final VectorSchemaRoot END = new VectorSchemaRoot(List.of());

    private final List<ArrowReader> sources;
    private final Schema schema;
    private final BlockingQueue<VectorSchemaRoot> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    private final BatchListener listener;
    private final List<Thread> producers = new ArrayList<>();
    private int ended;
    private volatile boolean stopped;
    private volatile RuntimeException sourceFailure;
    private volatile String cancelReason;
    private long bytesRead;

    /**
     * Starts reading at once.
     *
     * @param sources the readers to drain, all of the same schema; this pipe closes them
     * @param schema the sources' schema
     * @param allocator where the writer-side batches are accounted
     * @param listener told of each batch as the writer takes it
     * @param threadName names the reading threads, for thread dumps
     */
    public BatchPipe(
            List<ArrowReader> sources,
            Schema schema,
            BufferAllocator allocator,
            BatchListener listener,
            String threadName) {
        super(allocator);
        this.sources = List.copyOf(sources);
        this.schema = schema;
        this.listener = listener;
        for (int i = 0; i < this.sources.size(); i++) {
            ArrowReader source = this.sources.get(i);
            Thread producer = new Thread(
                    () -> produce(source), this.sources.size() == 1 ? threadName : threadName + "-" + (i + 1));
            producer.setDaemon(true);
            producers.add(producer);
        }
        producers.forEach(Thread::start);
    }

    /** Told of each batch the writer takes, on the writer's thread. */
    @FunctionalInterface
    public interface BatchListener {
        /**
         * @param batch the batch, about to be written; not to be changed or kept
         * @param bytes the batch's Arrow body size
         */
        void batch(VectorSchemaRoot batch, long bytes);
    }

    /** @return the failure of the source reader, if it failed */
    public RuntimeException sourceFailure() {
        return sourceFailure;
    }

    /**
     * Makes the writer's next read fail with {@link ErrorCode#CANCELLED}, so it rolls back.
     *
     * @param reason why, for the message
     */
    public void cancel(String reason) {
        cancelReason = reason;
        stopped = true;
        producers.forEach(Thread::interrupt);
    }

    private void produce(ArrowReader source) {
        try {
            while (!stopped && source.loadNextBatch()) {
                VectorSchemaRoot batch = moveOut(source.getVectorSchemaRoot());
                boolean queued = false;
                try {
                    queued = offer(batch);
                } finally {
                    if (!queued) {
                        batch.close();
                    }
                }
                if (!queued) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            fail(DatastoreException.of(ErrorCode.INTERNAL, "Reading the source failed: " + e.getMessage())
                    .withCause(e));
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            try {
                offer(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The first failure wins; the other sources stop, since the write will roll back. */
    private synchronized void fail(RuntimeException failure) {
        if (sourceFailure == null) {
            sourceFailure = failure;
            stopped = true;
        }
    }

    /** Waits for room in the queue; once stopped, drops batches and makes room for the end marker. */
    private boolean offer(VectorSchemaRoot batch) throws InterruptedException {
        while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
            if (stopped) {
                if (batch != END) {
                    return false;
                }
                drain();
            }
        }
        return true;
    }

    private void drain() {
        VectorSchemaRoot left;
        while ((left = queue.poll()) != null) {
            if (left != END) {
                left.close();
            }
        }
    }

    private VectorSchemaRoot moveOut(VectorSchemaRoot root) {
        List<FieldVector> moved = new ArrayList<>(root.getFieldVectors().size());
        for (FieldVector vector : root.getFieldVectors()) {
            TransferPair pair = vector.getTransferPair(allocator);
            pair.transfer();
            moved.add((FieldVector) pair.getTo());
        }
        return new VectorSchemaRoot(root.getSchema().getFields(), moved, root.getRowCount());
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        VectorSchemaRoot batch;
        do {
            if (ended == sources.size()) {
                return false;
            }
            batch = take();
            if (batch == END) {
                ended++;
                if (sourceFailure != null) {
                    throw sourceFailure;
                }
                failIfCancelled();
            }
        } while (batch == END);
        try (VectorSchemaRoot owned = batch;
                ArrowRecordBatch records = new VectorUnloader(owned).getRecordBatch()) {
            long bytes = records.computeBodyLength();
            loadRecordBatch(records);
            bytesRead += bytes;
            listener.batch(getVectorSchemaRoot(), bytes);
        }
        return true;
    }

    private VectorSchemaRoot take() {
        try {
            VectorSchemaRoot batch;
            do {
                failIfCancelled();
                if (sourceFailure != null) {
                    throw sourceFailure;
                }
                batch = queue.poll(100, TimeUnit.MILLISECONDS);
            } while (batch == null);
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DatastoreException.of(ErrorCode.CANCELLED, "The transfer was interrupted");
        }
    }

    private void failIfCancelled() {
        if (cancelReason != null) {
            throw DatastoreException.of(ErrorCode.CANCELLED, cancelReason);
        }
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    protected void closeReadSource() throws IOException {
        stopped = true;
        producers.forEach(Thread::interrupt);
        try {
            for (Thread producer : producers) {
                producer.join(TimeUnit.SECONDS.toMillis(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
        IOException failure = null;
        for (ArrowReader source : sources) {
            try {
                source.close();
            } catch (IOException | RuntimeException e) {
                if (failure == null) {
                    failure = e instanceof IOException io ? io : new IOException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
