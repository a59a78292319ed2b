package io.datastores.s3;

import io.datastores.api.arrow.ArrowText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * RFC 4180 CSV in UTF-8 with a header row: a NULL is an empty unquoted field, an empty string a
 * quoted {@code ""}; fields holding a comma, quote, CR or LF are quoted with quotes doubled.
 */
final class CsvPartWriter implements PartWriter {
    private final Writer out;

    CsvPartWriter(Schema schema, OutputStream stream) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        List<Field> fields = schema.getFields();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            field(fields.get(i).getName());
        }
        out.write("\r\n");
    }

    @Override
    public void write(VectorSchemaRoot batch) throws IOException {
        List<FieldVector> vectors = batch.getFieldVectors();
        for (int row = 0; row < batch.getRowCount(); row++) {
            for (int i = 0; i < vectors.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                FieldVector vector = vectors.get(i);
                if (!vector.isNull(row)) {
                    field(ArrowText.text(vector, row));
                }
            }
            out.write("\r\n");
        }
    }

    private void field(String value) throws IOException {
        boolean quote = value.isEmpty();
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!quote) {
            out.write(value);
            return;
        }
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
