package io.datastores.duckdb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Turns the booleans of DuckDB's lossless Arrow export back into Arrow booleans. In that mode
 * (which a UUID or JSON column switches on, see {@link DuckDbArrowTypes}) DuckDB sends BOOLEAN as
 * the canonical extension {@code arrow.bool8}, an int8, which Arrow Java does not know: without
 * this the column would read as a tiny integer. Every other column is the wrapped reader's own
 * vector, handed on as it is.
 * Not thread-safe, like every {@link ArrowReader}; closing it closes the reader it wraps.
 */
final class Bool8Reader extends ArrowReader {
    private static final String EXTENSION_NAME = "ARROW:extension:name";
    private static final String BOOL8 = "arrow.bool8";

    private final ArrowReader delegate;
    private final Schema schema;
    private final VectorSchemaRoot root;

    private Bool8Reader(ArrowReader delegate, Schema schema, BufferAllocator allocator) throws IOException {
        super(allocator);
        this.delegate = delegate;
        this.schema = schema;
        VectorSchemaRoot exported = delegate.getVectorSchemaRoot();
        List<FieldVector> vectors = new ArrayList<>();
        for (int i = 0; i < schema.getFields().size(); i++) {
            Field field = schema.getFields().get(i);
            vectors.add(
                    isBool8(exported.getSchema().getFields().get(i))
                            ? new BitVector(field, allocator)
                            : exported.getVector(i));
        }
        this.root = new VectorSchemaRoot(schema.getFields(), vectors, 0);
    }

    /** @return {@code reader} itself when no column is an {@code arrow.bool8}, else a reader that restores them */
    static ArrowReader wrap(ArrowReader reader, BufferAllocator allocator) throws IOException {
        Schema exported = reader.getVectorSchemaRoot().getSchema();
        if (exported.getFields().stream().noneMatch(Bool8Reader::isBool8)) {
            return reader;
        }
        List<Field> fields = new ArrayList<>();
        for (Field field : exported.getFields()) {
            fields.add(
                    isBool8(field)
                            ? new Field(
                                    field.getName(),
                                    new FieldType(field.isNullable(), ArrowType.Bool.INSTANCE, null),
                                    null)
                            : field);
        }
        return new Bool8Reader(reader, new Schema(fields, exported.getCustomMetadata()), allocator);
    }

    private static boolean isBool8(Field field) {
        return field.getType() instanceof ArrowType.Int
                && BOOL8.equals(field.getMetadata().get(EXTENSION_NAME));
    }

    @Override
    public VectorSchemaRoot getVectorSchemaRoot() {
        return root;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        if (!delegate.loadNextBatch()) {
            return false;
        }
        VectorSchemaRoot exported = delegate.getVectorSchemaRoot();
        int rows = exported.getRowCount();
        for (int i = 0; i < schema.getFields().size(); i++) {
            if (root.getVector(i) instanceof BitVector bits && exported.getVector(i) instanceof TinyIntVector bytes) {
                bits.allocateNew(rows);
                for (int row = 0; row < rows; row++) {
                    if (bytes.isNull(row)) {
                        bits.setNull(row);
                    } else {
                        bits.set(row, bytes.get(row) != 0 ? 1 : 0);
                    }
                }
                bits.setValueCount(rows);
            }
        }
        root.setRowCount(rows);
        return true;
    }

    @Override
    public long bytesRead() {
        return delegate.bytesRead();
    }

    @Override
    protected void closeReadSource() throws IOException {
        try (delegate) {
            for (FieldVector vector : root.getFieldVectors()) {
                if (vector instanceof BitVector) {
                    vector.close();
                }
            }
        }
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
