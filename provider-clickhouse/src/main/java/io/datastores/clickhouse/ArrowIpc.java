package io.datastores.clickhouse;

import io.datastores.api.arrow.ArrowText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * One batch as an Arrow IPC stream (schema, batch, end marker): the body of one
 * {@code FORMAT ArrowStream} insert. Kept in the buffer it was written to, never copied.
 */
final class ArrowIpc extends ByteArrayOutputStream {
    private ArrowIpc(int size) {
        super(size);
    }

    /**
     * @param root the batch; an interval column, which ClickHouse's Arrow input cannot read, is sent
     *     as its ISO-8601 text for the String column the table creator made for it
     */
    static ArrowIpc encode(VectorSchemaRoot root) throws IOException {
        if (root.getFieldVectors().stream().noneMatch(IntervalMonthDayNanoVector.class::isInstance)) {
            return write(root);
        }
        List<FieldVector> vectors = new ArrayList<>();
        List<FieldVector> made = new ArrayList<>();
        try {
            for (FieldVector vector : root.getFieldVectors()) {
                if (vector instanceof IntervalMonthDayNanoVector interval) {
                    VarCharVector text = new VarCharVector(
                            Field.nullable(vector.getName(), ArrowType.Utf8.INSTANCE), vector.getAllocator());
                    made.add(text);
                    text.allocateNew(root.getRowCount());
                    for (int row = 0; row < root.getRowCount(); row++) {
                        if (!interval.isNull(row)) {
                            text.setSafe(row, ArrowText.interval(interval, row).getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                    text.setValueCount(root.getRowCount());
                    vectors.add(text);
                } else {
                    vectors.add(vector);
                }
            }
            // Not closed: it shares the caller's vectors; the ones made here are closed below.
            return write(new VectorSchemaRoot(
                    vectors.stream().map(FieldVector::getField).toList(), vectors, root.getRowCount()));
        } finally {
            made.forEach(FieldVector::close);
        }
    }

    private static ArrowIpc write(VectorSchemaRoot root) throws IOException {
        ArrowIpc out = new ArrowIpc((int) Math.min(
                Integer.MAX_VALUE - 8,
                1024
                        + root.getFieldVectors().stream()
                                        .mapToLong(v -> v.getBufferSize())
                                        .sum()
                                * 11
                                / 10));
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
