package io.datastores.mysql;

import io.datastores.jdbc.ArrowValues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The rows of an Arrow stream as the tab-separated text {@code LOAD DATA} reads, produced on
 * demand as the driver pulls: no temporary file, memory bounded by one batch plus one chunk.
 * Fields are separated by tab and rows end in newline; NULL is {@code \N}; backslash, tab,
 * newline, carriage return and NUL inside a value are escaped with a backslash, so any text or
 * binary value arrives byte for byte. Booleans are 1/0; timestamps with a zone are written as
 * their UTC wall clock (sessions run in UTC). Not thread-safe.
 */
final class LoadDataStream extends InputStream {
    private static final int CHUNK = 1 << 16;
    private static final byte[] NULL = {'\\', 'N'};

    /** Appends one non-null value's text. */
    @FunctionalInterface
    private interface Encoder {
        void encode(FieldVector vector, int row);
    }

    private final ArrowReader source;
    private final List<Encoder> encoders = new ArrayList<>();
    private byte[] buffer = new byte[CHUNK * 2];
    private byte[] scratch = new byte[1024];
    private int position;
    private int limit;
    private VectorSchemaRoot root;
    private int row;
    private boolean ended;
    private long rows;
    private long batches;
    private long bytes;
    private RuntimeException failure;

    LoadDataStream(ArrowReader source, List<Field> fields) {
        this.source = source;
        for (Field field : fields) {
            encoders.add(encoder(field.getType()));
        }
    }

    long rows() {
        return rows;
    }

    long batches() {
        return batches;
    }

    long bytes() {
        return bytes;
    }

    /**
     * @return the value that could not be encoded, if any: the stream then ended early, so the
     *     driver finished the exchange cleanly and the caller rolls the load back
     */
    RuntimeException failure() {
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
        while (position == limit) {
            if (failure != null) {
                return -1;
            }
            try {
                if (!fill()) {
                    return -1;
                }
            } catch (RuntimeException e) {
                // Thrown into the driver mid-transfer, this would leave the connection unusable.
                failure = e;
                return -1;
            }
        }
        int count = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, count);
        position += count;
        return count;
    }

    /** Encodes rows until a chunk is ready or the source ends. */
    private boolean fill() throws IOException {
        position = 0;
        limit = 0;
        while (limit < CHUNK && !ended) {
            if (root == null || row == root.getRowCount()) {
                if (!source.loadNextBatch()) {
                    ended = true;
                    break;
                }
                root = source.getVectorSchemaRoot();
                row = 0;
                batches++;
                continue;
            }
            List<FieldVector> vectors = root.getFieldVectors();
            for (int i = 0; i < encoders.size(); i++) {
                if (i > 0) {
                    put((byte) '\t');
                }
                FieldVector vector = vectors.get(i);
                if (vector.isNull(row)) {
                    put(NULL, 0, 2);
                } else {
                    encoders.get(i).encode(vector, row);
                }
            }
            put((byte) '\n');
            row++;
            rows++;
        }
        bytes += limit;
        return limit > 0;
    }

    private Encoder encoder(ArrowType type) {
        return switch (type.getTypeID()) {
            case Bool -> (v, r) -> put(ArrowValues.longValue(v, r) != 0 ? (byte) '1' : (byte) '0');
            case Int -> (v, r) -> ascii(v instanceof UInt8Vector u
                    ? Long.toUnsignedString(u.get(r)) : Long.toString(ArrowValues.longValue(v, r)));
            // A float widened to double prints its exact value; Float.toString's shortest form
            // (3.4028235E38) can round past FLOAT's range on the server.
            case FloatingPoint -> (v, r) -> ascii(Double.toString(MySqlValues.finite(v, r)));
            case Decimal -> (v, r) -> ascii(ArrowValues.decimal(v, r).toPlainString());
            case Utf8, LargeUtf8, Binary, LargeBinary -> (v, r) -> {
                BaseVariableWidthVector variable = (BaseVariableWidthVector) v;
                int length = variable.getValueLength(r);
                if (scratch.length < length) {
                    scratch = new byte[Math.max(length, scratch.length * 2)];
                }
                variable.getDataBuffer().getBytes(variable.getStartOffset(r), scratch, 0, length);
                escaped(scratch, length);
            };
            case Date -> (v, r) -> ascii(MySqlValues.date(v, r));
            case Timestamp -> (v, r) -> ascii(MySqlValues.dateTime(v, r));
            case Time -> (v, r) -> ascii(MySqlValues.time(v, r));
            default -> (v, r) -> {
                byte[] value = v instanceof FixedSizeBinaryVector
                        ? ArrowValues.bytes(v, r) : ArrowValues.string(v, r).getBytes(StandardCharsets.UTF_8);
                escaped(value, value.length);
            };
        };
    }

    private void escaped(byte[] value, int length) {
        ensure(length * 2);
        for (int i = 0; i < length; i++) {
            byte b = value[i];
            switch (b) {
                case '\\' -> {
                    buffer[limit++] = '\\';
                    buffer[limit++] = '\\';
                }
                case '\t' -> {
                    buffer[limit++] = '\\';
                    buffer[limit++] = 't';
                }
                case '\n' -> {
                    buffer[limit++] = '\\';
                    buffer[limit++] = 'n';
                }
                case '\r' -> {
                    buffer[limit++] = '\\';
                    buffer[limit++] = 'r';
                }
                case 0 -> {
                    buffer[limit++] = '\\';
                    buffer[limit++] = '0';
                }
                default -> buffer[limit++] = b;
            }
        }
    }

    private void ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            buffer[limit++] = (byte) text.charAt(i);
        }
    }

    private void put(byte b) {
        ensure(1);
        buffer[limit++] = b;
    }

    private void put(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, limit, length);
        limit += length;
    }

    private void ensure(int more) {
        if (buffer.length - limit < more) {
            byte[] grown = new byte[Math.max(buffer.length * 2, limit + more)];
            System.arraycopy(buffer, 0, grown, 0, limit);
            buffer = grown;
        }
    }
}
