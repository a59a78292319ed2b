package io.datastores.s3;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.datastores.api.arrow.ArrowText;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * JSON Lines: one object per row with every column as a key (NULL as {@code null}). Signed
 * integers and finite floats are JSON numbers, booleans JSON booleans; everything else, NaN and
 * the infinities included, is a string in the form {@link TextValues} gives. Decimals are strings
 * too: JSON readers (DuckDB's {@code read_json} among them) parse numbers as doubles, which would
 * round a 38-digit decimal.
 */
final class JsonLinesPartWriter implements PartWriter {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private final JsonGenerator out;
    private final List<String> names;

    JsonLinesPartWriter(Schema schema, OutputStream stream) throws IOException {
        this.out = JSON.createGenerator(stream);
        out.setRootValueSeparator(null);
        this.names = schema.getFields().stream().map(f -> f.getName()).toList();
    }

    @Override
    public void write(VectorSchemaRoot batch) throws IOException {
        List<FieldVector> vectors = batch.getFieldVectors();
        for (int row = 0; row < batch.getRowCount(); row++) {
            out.writeStartObject();
            for (int i = 0; i < vectors.size(); i++) {
                out.writeFieldName(names.get(i));
                value(vectors.get(i), row);
            }
            out.writeEndObject();
            out.writeRaw('\n');
        }
    }

    private void value(FieldVector vector, int row) throws IOException {
        if (vector.isNull(row)) {
            out.writeNull();
            return;
        }
        ArrowType type = vector.getField().getType();
        if (type instanceof ArrowType.Int i && i.getIsSigned()) {
            out.writeNumber(((BaseIntVector) vector).getValueAsLong(row));
        } else if (vector instanceof Float8Vector f && Double.isFinite(f.get(row))) {
            out.writeNumber(f.get(row));
        } else if (vector instanceof Float4Vector f && Float.isFinite(f.get(row))) {
            out.writeNumber(f.get(row));
        } else if (vector instanceof BitVector b) {
            out.writeBoolean(b.get(row) != 0);
        } else {
            out.writeString(ArrowText.text(vector, row));
        }
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
