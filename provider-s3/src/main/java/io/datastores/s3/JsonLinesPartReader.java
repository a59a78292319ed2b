package io.datastores.s3;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads JSON Lines: the keys of the first object are the columns, in order; every column comes
 * back as nullable text holding the JSON scalar's text ({@code 42}, {@code 1.5}, {@code true},
 * a string's content). A missing key is NULL; a key the first object lacks, or a nested value,
 * fails the read with the object's line.
 */
final class JsonLinesPartReader implements PartReader {
    private static final JsonFactory JSON = new JsonFactory();

    private final JsonParser in;
    private final String key;
    private final Schema schema;
    private final Map<String, Integer> columns = new LinkedHashMap<>();
    private final List<String> first = new ArrayList<>();
    private boolean firstPending;

    JsonLinesPartReader(InputStream stream, String key) throws IOException {
        this.in = JSON.createParser(stream);
        this.key = key;
        List<Field> fields = new ArrayList<>();
        if (in.nextToken() == JsonToken.START_OBJECT) {
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                columns.put(name, columns.size());
                fields.add(new Field(name, FieldType.nullable(ArrowType.Utf8.INSTANCE), null));
                first.add(scalar());
            }
            firstPending = true;
        } else if (in.currentToken() != null) {
            throw new IOException(key + " is not JSON Lines: it does not start with an object");
        }
        this.schema = new Schema(fields);
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public int fill(VectorSchemaRoot root, int maxRows) throws IOException {
        root.allocateNew();
        int rows = 0;
        if (firstPending && maxRows > 0) {
            firstPending = false;
            for (int i = 0; i < first.size(); i++) {
                set((VarCharVector) root.getVector(i), rows, first.get(i));
            }
            rows++;
        }
        while (rows < maxRows && in.nextToken() != null) {
            if (in.currentToken() != JsonToken.START_OBJECT) {
                throw new IOException(key + " line " + in.currentLocation().getLineNr() + ": expected an object");
            }
            for (int i = 0; i < columns.size(); i++) {
                root.getVector(i).setNull(rows);
            }
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                Integer column = columns.get(in.currentName());
                if (column == null) {
                    throw new IOException(key + " line " + in.currentLocation().getLineNr() + " has key '"
                            + in.currentName() + "' that the first line lacks; columns are " + columns.keySet());
                }
                set((VarCharVector) root.getVector(column), rows, scalar());
            }
            rows++;
        }
        root.setRowCount(rows);
        return rows;
    }

    private static void set(VarCharVector vector, int row, String value) {
        if (value == null) {
            vector.setNull(row);
        } else {
            vector.setSafe(row, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** @return the next value's text, or null for JSON null */
    private String scalar() throws IOException {
        JsonToken token = in.nextToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            throw new IOException(key + " line " + in.currentLocation().getLineNr() + ": nested values are not "
                    + "supported in JSON Lines tables (column '" + in.currentName() + "')");
        }
        return in.getText();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
