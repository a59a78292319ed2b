package io.datastores.spark;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Joins Spark's push of rows to a bulk writer's pull of Arrow batches. Spark's task thread
 * {@link #write}s rows into a batch ({@link ArrowRows});
 * each full batch is handed, buffers and all, to the consumer, which runs on a thread of its own
 * reading an {@link ArrowReader} (the bulk writer's source) — at most two batches wait between them,
 * so memory stays flat. Not thread-safe: one task thread writes.
 *
 * @param <R> what the consumer returns
 */
final class RowBatchPipe<R> {
    private static final ExecutorService CONSUMERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "datastores-spark-writer");
        thread.setDaemon(true);
        return thread;
    });
    private static final Object END = new Object();

    private final BufferAllocator allocator;
    private final VectorSchemaRoot filling;
    private final ArrowRows rows;
    private final int batchSize;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);
    private final CompletableFuture<R> consumer;
    // Sticky: a bulk writer may ask again after the end or a failure (DuckDB's Arrow scan does); it must not wait.
    private volatile IOException aborted;
    private int pending;

    /**
     * Starts the consumer.
     *
     * @param schema the Arrow schema of the rows
     * @param allocator where batches live; the caller closes it after {@link #finish} or {@link #abort}
     * @param batchSize rows per batch
     * @param consume reads the batches to the end (a bulk write), on the consumer's thread
     */
    RowBatchPipe(Schema schema, BufferAllocator allocator, int batchSize, Function<ArrowReader, R> consume) {
        this.allocator = allocator;
        this.filling = VectorSchemaRoot.create(schema, allocator);
        this.rows = ArrowRows.of(filling, batchSize);
        this.batchSize = batchSize;
        this.consumer = CompletableFuture.supplyAsync(
                () -> {
                    try (ArrowReader source = new Source(allocator, schema)) {
                        return consume.apply(source);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                },
                CONSUMERS);
    }

    /** @param row the next row; copied into the batch */
    void write(InternalRow row) throws IOException {
        rows.write(row);
        if (++pending == batchSize) {
            hand(flush());
        }
    }

    /**
     * Hands the last batch over, waits for the consumer and returns its result.
     *
     * @return what the consumer returned
     * @throws IOException carrying the consumer's failure
     */
    R finish() throws IOException {
        try {
            if (pending > 0) {
                hand(flush());
            }
            hand(END);
            return consumer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while the bulk write finished", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } finally {
            filling.close();
        }
    }

    /** Fails the consumer's source, so a transactional write rolls back, and waits for it to stop. */
    void abort() {
        aborted = new IOException("The Spark task was aborted");
        drain();
        try {
            consumer.get(60, TimeUnit.SECONDS);
        } catch (Exception expected) {
            // The consumer fails on the aborted source: that failure is the point.
        } finally {
            drain();
            filling.close();
        }
    }

    private ArrowRecordBatch flush() {
        rows.finish();
        ArrowRecordBatch batch = new VectorUnloader(filling).getRecordBatch();
        // The batch now owns the buffers; the vectors start afresh instead of overwriting them.
        for (FieldVector vector : filling.getFieldVectors()) {
            vector.clear();
            vector.allocateNew();
        }
        rows.reset();
        pending = 0;
        return batch;
    }

    private void hand(Object item) throws IOException {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (consumer.isDone()) {
                    if (item instanceof ArrowRecordBatch batch) {
                        batch.close();
                    }
                    consumer.get(); // throws the consumer's failure; a consumer that stopped early is one too
                    throw new IOException("The bulk write stopped before the rows ended");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while handing a batch to the bulk write", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    private void drain() {
        for (Object item; (item = queue.poll()) != null; ) {
            if (item instanceof ArrowRecordBatch batch) {
                batch.close();
            }
        }
    }

    private static IOException failure(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            throw runtime; // a DatastoreException stays what it is
        }
        return cause instanceof IOException io ? io : new IOException(cause);
    }

    /** The consumer's side: the batches as they are handed over. */
    private final class Source extends ArrowReader {
        private final Schema schema;
        private long bytes;

        Source(BufferAllocator allocator, Schema schema) {
            super(allocator);
            this.schema = schema;
        }

        private boolean ended;

        @Override
        public boolean loadNextBatch() throws IOException {
            Object item = null;
            while (item == null && !ended) {
                if (aborted != null) {
                    throw aborted;
                }
                try {
                    item = queue.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while waiting for rows", e);
                }
            }
            if (ended || item == END) {
                ended = true;
                return false;
            }
            ArrowRecordBatch batch = (ArrowRecordBatch) item;
            bytes += batch.computeBodyLength();
            prepareLoadNextBatch();
            loadRecordBatch(batch);
            return true;
        }

        @Override
        public long bytesRead() {
            return bytes;
        }

        @Override
        protected void closeReadSource() {
            drain();
        }

        @Override
        protected Schema readSchema() {
            return schema;
        }
    }
}
