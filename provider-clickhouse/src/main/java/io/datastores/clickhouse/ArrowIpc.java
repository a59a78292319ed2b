package io.datastores.clickhouse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/**
 * One batch as an Arrow IPC stream (schema, batch, end marker): the body of one
 * {@code FORMAT ArrowStream} insert. Kept in the buffer it was written to, never copied.
 */
final class ArrowIpc extends ByteArrayOutputStream {
    private ArrowIpc(int size) {
        super(size);
    }

    static ArrowIpc encode(VectorSchemaRoot root) throws IOException {
        ArrowIpc out = new ArrowIpc((int) Math.min(Integer.MAX_VALUE - 8,
                1024 + root.getFieldVectors().stream().mapToLong(v -> v.getBufferSize()).sum() * 11 / 10));
        try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
            writer.start();
            writer.writeBatch();
            writer.end();
        }
        return out;
    }

    /** @return the bytes, as a stream that may be read again from a fresh call */
    InputStream stream() {
        return new ByteArrayInputStream(buf, 0, count);
    }

    byte[] buffer() {
        return buf;
    }

    int length() {
        return count;
    }
}
