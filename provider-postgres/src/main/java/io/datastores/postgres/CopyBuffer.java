package io.datastores.postgres;

import io.datastores.jdbc.ProducedStream;
import org.apache.arrow.memory.ArrowBuf;

/**
 * A growable big-endian byte buffer that hands its contents to a sink in chunks of about 64 KB.
 * Not thread-safe.
 */
final class CopyBuffer {
    private static final int CHUNK = 1 << 16;
    private final ProducedStream.Sink sink;
    private byte[] buffer = new byte[CHUNK * 2];
    private int position;
    private long total;

    CopyBuffer(ProducedStream.Sink sink) {
        this.sink = sink;
    }

    /** Hands the buffered bytes over when a chunk's worth has gathered. */
    void flushIfFull() {
        if (position >= CHUNK) {
            flush();
        }
    }

    /** Hands the buffered bytes over; the sink owns that array from now on. */
    void flush() {
        if (position > 0) {
            sink.accept(buffer, position);
            total += position;
            buffer = new byte[CHUNK * 2];
            position = 0;
        }
    }

    /** @return bytes handed to the sink so far */
    long total() {
        return total;
    }

    void int8(int value) {
        ensure(1);
        buffer[position++] = (byte) value;
    }

    void int16(int value) {
        ensure(2);
        buffer[position++] = (byte) (value >>> 8);
        buffer[position++] = (byte) value;
    }

    void int32(int value) {
        ensure(4);
        buffer[position++] = (byte) (value >>> 24);
        buffer[position++] = (byte) (value >>> 16);
        buffer[position++] = (byte) (value >>> 8);
        buffer[position++] = (byte) value;
    }

    void int64(long value) {
        int32((int) (value >>> 32));
        int32((int) value);
    }

    /**
     * Starts a value whose length is known only once it is written: reserves its length prefix.
     * No flush may happen before {@link #endLength}.
     *
     * @return where the value starts
     */
    int startLength() {
        int32(0);
        return position;
    }

    /** Writes the length of the value begun at {@code start} into its prefix. */
    void endLength(int start) {
        int length = position - start;
        buffer[start - 4] = (byte) (length >>> 24);
        buffer[start - 3] = (byte) (length >>> 16);
        buffer[start - 2] = (byte) (length >>> 8);
        buffer[start - 1] = (byte) length;
    }

    void bytes(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, position, length);
        position += length;
    }

    void fromArrow(ArrowBuf source, long offset, int length) {
        ensure(length);
        source.getBytes(offset, buffer, position, length);
        position += length;
    }

    private void ensure(int more) {
        if (buffer.length - position < more) {
            byte[] grown = new byte[Math.max(buffer.length * 2, position + more)];
            System.arraycopy(buffer, 0, grown, 0, position);
            buffer = grown;
        }
    }
}
