package io.datastores.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Bytes encoded on a background thread and read as an {@link InputStream}: a bulk writer encodes
 * Arrow batches into the database's load format while the driver sends what is ready, so encoding
 * overlaps the server's parsing instead of stalling it. Memory is bounded by a few chunks.
 *
 * <p>One reader (usually the driver) and one producer. A failure in the producer ends the stream
 * cleanly, so the driver finishes its exchange and the connection stays usable, and is reported by
 * {@link #failure()}: the caller must check it and roll back. {@link #close()} stops the producer
 * (if the server gave up early) and waits for it, so the source is no longer touched afterwards.
 */
public final class ProducedStream extends InputStream {
    private static final int QUEUED_CHUNKS = 32;
    private static final Chunk END = new Chunk(new byte[0], 0);

    /** Encodes everything, handing chunks to the sink; runs on the producer thread. */
    @FunctionalInterface
    public interface Producer {
        /**
         * @param sink receives chunks; it takes ownership of each array
         * @throws IOException when the source fails
         */
        void produce(Sink sink) throws IOException;
    }

    /** Receives produced chunks, waiting while the reader is behind. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param bytes the chunk, no longer touched by the producer
         * @param length how many of its bytes are data
         */
        void accept(byte[] bytes, int length);
    }

    private record Chunk(byte[] bytes, int length) {}

    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
    private final Thread producer;
    private volatile boolean closed;
    private volatile RuntimeException failure;
    private Chunk current;
    private int position;

    /**
     * Starts the producer thread.
     *
     * @param threadName the producer thread's name
     * @param work what to produce
     */
    public ProducedStream(String threadName, Producer work) {
        this.producer = new Thread(() -> run(work), threadName);
        producer.setDaemon(true);
        producer.start();
    }

    /**
     * @return the failure that ended the stream early, if any; once the stream has been read to its
     *     end (or closed), everything the producer did is visible to the caller
     */
    public RuntimeException failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (current == null || position == current.length()) {
            if (current == END) {
                return -1;
            }
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for encoded rows");
            }
            position = 0;
        }
        int count = Math.min(length, current.length() - position);
        System.arraycopy(current.bytes(), position, target, offset, count);
        position += count;
        return count;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        queue.clear();
        try {
            producer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping the encoder");
        }
    }

    private void run(Producer work) {
        try {
            work.produce((bytes, length) -> offer(new Chunk(bytes, length)));
        } catch (Stopped e) {
            // The reader closed the stream; nobody waits for the rest.
        } catch (IOException e) {
            failure = new UncheckedIOException(e);
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            offer(END);
        } catch (Stopped e) {
            // Closed: the end marker is not needed.
        }
    }

    /** Queues a chunk, waiting while the reader is behind; stops the producer once the reader has closed. */
    private void offer(Chunk chunk) {
        try {
            while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new Stopped();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
        if (closed) {
            throw new Stopped();
        }
    }

    /** Unwinds the producer when the reader has closed the stream. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }
}
