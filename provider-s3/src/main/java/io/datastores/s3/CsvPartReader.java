package io.datastores.s3;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads the CSV {@link CsvPartWriter} writes (and any RFC 4180 CSV with a header row): every
 * column comes back as nullable text; an empty unquoted field is NULL, a quoted {@code ""} the
 * empty string.
 */
final class CsvPartReader implements PartReader {
    private final Reader in;
    private final Schema schema;
    private final List<String> fields = new ArrayList<>();
    private final List<Boolean> quoted = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private int pushedBack = -2;

    CsvPartReader(InputStream stream) throws IOException {
        this.in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16);
        List<Field> columns = new ArrayList<>();
        if (record()) {
            for (String name : fields) {
                columns.add(new Field(name, FieldType.nullable(ArrowType.Utf8.INSTANCE), null));
            }
        }
        this.schema = new Schema(columns);
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public int fill(VectorSchemaRoot root, int maxRows) throws IOException {
        root.allocateNew();
        int rows = 0;
        while (rows < maxRows && record()) {
            if (fields.size() != schema.getFields().size()) {
                throw new IOException("CSV row " + (rows + 1) + " of this batch has " + fields.size()
                        + " fields, the header " + schema.getFields().size());
            }
            for (int i = 0; i < fields.size(); i++) {
                VarCharVector vector = (VarCharVector) root.getVector(i);
                if (fields.get(i).isEmpty() && !quoted.get(i)) {
                    vector.setNull(rows);
                } else {
                    vector.setSafe(rows, fields.get(i).getBytes(StandardCharsets.UTF_8));
                }
            }
            rows++;
        }
        root.setRowCount(rows);
        return rows;
    }

    /** Parses the next record into {@link #fields}; false at the end of the input. */
    private boolean record() throws IOException {
        fields.clear();
        quoted.clear();
        int c = next();
        if (c < 0) {
            return false;
        }
        while (true) {
            field.setLength(0);
            boolean isQuoted = c == '"';
            if (isQuoted) {
                while (true) {
                    c = next();
                    if (c < 0) {
                        throw new IOException("CSV ends inside a quoted field");
                    }
                    if (c == '"') {
                        c = next();
                        if (c != '"') {
                            break;
                        }
                    }
                    field.append((char) c);
                }
            } else {
                while (c >= 0 && c != ',' && c != '\r' && c != '\n') {
                    field.append((char) c);
                    c = next();
                }
            }
            fields.add(field.toString());
            quoted.add(isQuoted);
            if (c == ',') {
                c = next();
                continue;
            }
            if (c == '\r') {
                int after = next();
                if (after != '\n') {
                    pushedBack = after;
                }
            }
            return true;
        }
    }

    private int next() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
