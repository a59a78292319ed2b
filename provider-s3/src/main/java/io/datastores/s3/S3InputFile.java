package io.datastores.s3;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * An object as parquet-java's random-access file: each seek that is not a short skip forward
 * starts a ranged GET from the new position to the end, read as far as the reader wants.
 */
record S3InputFile(ObjectStore store, String key, long length) implements InputFile {
    /** A forward seek shorter than this reads through the gap rather than starting a new request. */
    private static final long SKIP_LIMIT = 1 << 20;

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public SeekableInputStream newStream() {
        return new SeekableInputStream() {
            private InputStream in;
            private long position;

            private InputStream stream() {
                if (in == null) {
                    in = store.open(key, position, length - 1);
                }
                return in;
            }

            @Override
            public long getPos() {
                return position;
            }

            @Override
            public void seek(long target) throws IOException {
                if (target == position) {
                    return;
                }
                if (in != null && target > position && target - position < SKIP_LIMIT) {
                    in.skipNBytes(target - position);
                } else if (in != null) {
                    in.close();
                    in = null;
                }
                position = target;
            }

            @Override
            public int read() throws IOException {
                if (position >= length) {
                    return -1;
                }
                int b = stream().read();
                if (b >= 0) {
                    position++;
                }
                return b;
            }

            @Override
            public int read(byte[] bytes, int offset, int count) throws IOException {
                if (position >= length) {
                    return -1;
                }
                int n = stream().read(bytes, offset, count);
                if (n > 0) {
                    position += n;
                }
                return n;
            }

            @Override
            public void readFully(byte[] bytes) throws IOException {
                readFully(bytes, 0, bytes.length);
            }

            @Override
            public void readFully(byte[] bytes, int offset, int count) throws IOException {
                while (count > 0) {
                    int n = read(bytes, offset, count);
                    if (n < 0) {
                        throw new EOFException(key + ": unexpected end at byte " + position);
                    }
                    offset += n;
                    count -= n;
                }
            }

            @Override
            public int read(ByteBuffer buffer) throws IOException {
                byte[] bytes = new byte[buffer.remaining()];
                int n = read(bytes, 0, bytes.length);
                if (n > 0) {
                    buffer.put(bytes, 0, n);
                }
                return n;
            }

            @Override
            public void readFully(ByteBuffer buffer) throws IOException {
                byte[] bytes = new byte[buffer.remaining()];
                readFully(bytes);
                buffer.put(bytes);
            }

            @Override
            public void close() throws IOException {
                if (in != null) {
                    in.close();
                    in = null;
                }
            }
        };
    }
}
