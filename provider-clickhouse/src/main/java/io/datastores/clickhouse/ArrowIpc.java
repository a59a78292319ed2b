package io.datastores.clickhouse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/** One batch as an Arrow IPC stream (schema, batch, end marker): the body of one {@code FORMAT ArrowStream} insert. */
final class ArrowIpc {
    private ArrowIpc() {
    }

    static byte[] encode(VectorSchemaRoot root) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
                64L + root.getFieldVectors().stream().mapToLong(v -> v.getBufferSize()).sum() * 11 / 10));
        try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
            writer.start();
            writer.writeBatch();
            writer.end();
        }
        return out.toByteArray();
    }
}
