package io.datastores.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * An object written as a stream through a multipart upload, holding two upload parts of memory:
 * one filling while the previous one uploads on a background thread, so encoding and upload
 * overlap. Nothing is visible in the bucket until {@link #publish()} completes the upload (S3
 * keeps the parts of an incomplete upload out of listings and reads): the upload itself is the
 * staging area, so publishing moves no bytes. {@link #abort()} discards the parts.
 *
 * <p>Not thread-safe: one writer thread owns it.
 */
final class StagedUpload extends OutputStream {
    /** The upload part size; S3 wants at least 5 MiB for every part but the last, and allows 10,000 parts. */
    static final int PART_BYTES = 8 << 20;

    private final ObjectStore store;
    private final String key;
    private final String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();
    private static final ExecutorService UPLOADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "datastores-s3-upload");
        thread.setDaemon(true);
        return thread;
    });

    private byte[] buffer = new byte[PART_BYTES];
    private byte[] spare = new byte[PART_BYTES];
    private Future<CompletedPart> inFlight;
    private int length;
    private long written;
    private boolean finished;

    StagedUpload(ObjectStore store, String key) {
        this.store = store;
        this.key = key;
        this.uploadId = store.startUpload(key);
    }

    String key() {
        return key;
    }

    /** @return bytes written so far */
    long written() {
        return written;
    }

    @Override
    public void write(int b) throws IOException {
        if (length == buffer.length) {
            flushPart();
        }
        buffer[length++] = (byte) b;
        written++;
    }

    @Override
    public void write(byte[] bytes, int offset, int count) throws IOException {
        while (count > 0) {
            if (length == buffer.length) {
                flushPart();
            }
            int n = Math.min(count, buffer.length - length);
            System.arraycopy(bytes, offset, buffer, length, n);
            length += n;
            offset += n;
            count -= n;
            written += n;
        }
    }

    /** Uploads what is buffered as the last part; the object stays invisible until {@link #publish()}. */
    @Override
    public void close() {
        if (!finished) {
            finished = true;
            if (length > 0 || parts.isEmpty() && inFlight == null) {
                flushPart();
            }
            awaitInFlight();
            buffer = null;
            spare = null;
        }
    }

    /** Completes the upload: the object appears, whole, under its key. */
    void publish() {
        close();
        store.completeUpload(key, uploadId, parts);
    }

    /** Discards every uploaded part; the key never appears. */
    void abort() {
        finished = true;
        buffer = null;
        spare = null;
        if (inFlight != null) {
            // Let the running part finish (or fail) first, so the abort is not raced by a late part.
            try {
                inFlight.get();
            } catch (ExecutionException e) {
                // The write already failed; the abort below is what matters now.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight = null;
        }
        store.abortUpload(key, uploadId);
    }

    /** Hands the buffer to the upload thread (after the previous part is done) and continues in the spare. */
    private void flushPart() {
        awaitInFlight();
        byte[] full = buffer;
        int size = length;
        int number = parts.size() + 1;
        inFlight = UPLOADS.submit(() -> store.uploadPart(key, uploadId, number, full, size));
        buffer = spare;
        spare = full;
        length = 0;
    }

    private void awaitInFlight() {
        if (inFlight == null) {
            return;
        }
        try {
            parts.add(inFlight.get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while uploading " + key, e);
        } finally {
            inFlight = null;
        }
    }
}
