package io.datastores.sqlhttp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What D1's REST API and StarbaseDB share: one POST per request holding one statement or a list of
 * them, values as plain JSON (an integer beyond 2^53 is rounded on the way back, a BLOB comes back
 * as an array of byte values), columns without declared types, no transaction across requests
 * and no cursor, so reads come in pages ({@link PagedRows}). Subclasses write the body and pick the
 * results out of the reply. Thread-safe: each call is one request.
 */
abstract class EnvelopeTransport implements Transport {
    /** D1's and Durable Object SQLite's limit of bound parameters a statement. */
    private static final int MAX_PARAMETERS = 100;
    /** Well under both services' request limits; D1 also caps a statement's SQL text at 100 kB. */
    private static final long MAX_REQUEST_BYTES = 1L << 20;

    private static final Limits LIMITS = new Limits(MAX_PARAMETERS, MAX_REQUEST_BYTES, false);
    final HttpEndpoint endpoint;

    EnvelopeTransport(HttpEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * @param statements one statement, or several for one request (D1's batch, StarbaseDB's transaction)
     * @return each statement's result, in order
     */
    abstract List<Result> post(List<Statement> statements);

    /** Writes one value as the service binds it. */
    abstract void writeValue(JsonGenerator json, Object value) throws IOException;

    @Override
    public Result run(Statement statement) {
        return post(List.of(statement)).get(0);
    }

    @Override
    public WriteSession writeSession() {
        return new WriteSession() {
            @Override
            public void send(List<Statement> statements) {
                post(statements);
            }

            @Override
            public void commit(List<Statement> last) {
                // Every request is final when it returns; beforeCommit statements were refused up front.
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public Rows stream(Statement statement, int pageRows) {
        return new PagedRows(this, statement, pageRows);
    }

    @Override
    public Limits limits() {
        return LIMITS;
    }

    /** Binary values travel as hex text that SQLite turns back into a BLOB. */
    @Override
    public String blobMarker() {
        return "unhex(?)";
    }

    /**
     * @param statements what to send
     * @param listField the field that holds several statements ({@code batch}, {@code transaction})
     * @return one statement's object, or an object holding the list
     */
    byte[] body(List<Statement> statements, String listField) {
        return Json.write(json -> {
            if (statements.size() == 1) {
                writeStatement(json, statements.get(0));
                return;
            }
            json.writeStartObject();
            json.writeArrayFieldStart(listField);
            for (Statement statement : statements) {
                writeStatement(json, statement);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private void writeStatement(JsonGenerator json, Statement statement) throws IOException {
        json.writeStartObject();
        json.writeStringField("sql", statement.sql());
        json.writeArrayFieldStart("params");
        for (Object value : statement.params()) {
            if (value == null) {
                json.writeNull();
            } else if (value instanceof byte[]) {
                throw endpoint.error(
                        ErrorCode.INVALID_DATA,
                        "A binary value cannot be bound over this API's JSON; bind "
                                + "its hex text to unhex(?) instead",
                        false);
            } else {
                writeValue(json, value);
            }
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** @return the result of one statement: {@code {columns: [...], rows: [[...]]}} and its count of changes */
    static Result result(JsonNode raw, long changes) {
        List<String> columns = new ArrayList<>();
        raw.path("columns").forEach(c -> columns.add(c.asText()));
        List<Object[]> rows = new ArrayList<>();
        for (JsonNode values : raw.path("rows")) {
            Object[] row = new Object[values.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = value(values.get(i));
            }
            rows.add(row);
        }
        List<String> types = new ArrayList<>();
        columns.forEach(c -> types.add(null));
        return new Result(columns, types, rows, changes);
    }

    private static Object value(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isArray()) {
            byte[] bytes = new byte[value.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) value.get(i).intValue();
            }
            return bytes;
        }
        return value.asText();
    }

    DatastoreException sqlError(String message, List<Statement> statements) {
        return endpoint.error(
                Transport.errorCode(message),
                message + " (statement: " + Json.abbreviate(statements.get(0).sql())
                        + (statements.size() > 1 ? " and " + (statements.size() - 1) + " more" : "")
                        + ")",
                false);
    }
}
