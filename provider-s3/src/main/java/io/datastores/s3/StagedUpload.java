package io.datastores.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * An object written as a stream through a multipart upload, holding one upload part of memory
 * at a time. Nothing is visible in the bucket until {@link #publish()} completes the upload (S3
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
    private byte[] buffer = new byte[PART_BYTES];
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
            if (length > 0 || parts.isEmpty()) {
                flushPart();
            }
            buffer = null;
        }
    }

    /** Completes the upload: the object appears, whole, under its key. */
    void publish() {
        close();
        store.completeUpload(key, uploadId, parts);
    }

    /** Discards every uploaded part; the key never appears. */
    void abort() {
        buffer = null;
        finished = true;
        store.abortUpload(key, uploadId);
    }

    private void flushPart() {
        parts.add(store.uploadPart(key, uploadId, parts.size() + 1, buffer, length));
        length = 0;
    }
}
