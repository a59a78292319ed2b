package io.datastores.sqlhttp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.datastores.api.DatastoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * libSQL's Hrana over HTTP (version 3): {@code POST /v3/pipeline} runs requests on a stream named
 * by its baton, and {@code POST /v3/cursor} streams a query's rows as JSON lines. Values are typed
 * objects: integers as decimal strings (exact to 64 bits), floats as JSON numbers, blobs as base64.
 * A stream keeps a transaction open across requests, so a bulk write is one transaction; anything
 * else runs in a stream of its own, closed by the same request.
 */
final class HranaTransport implements Transport {
    private static final String PIPELINE = "v3/pipeline";
    /** SQLite's default SQLITE_MAX_VARIABLE_NUMBER, which sqld keeps. */
    private static final int MAX_PARAMETERS = 32_766;
    /** Keeps a request's JSON small enough to build and parse without a memory spike. */
    private static final long MAX_REQUEST_BYTES = 8L << 20;

    private static final Limits LIMITS = new Limits(MAX_PARAMETERS, MAX_REQUEST_BYTES, true);
    private final HttpEndpoint endpoint;

    HranaTransport(HttpEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public Result run(Statement statement) {
        return new Stream().run(List.of(statement), true).get(0);
    }

    @Override
    public WriteSession writeSession() {
        Stream stream = new Stream();
        return new WriteSession() {
            private boolean begun;

            @Override
            public void send(List<Statement> statements) {
                List<Statement> all = new ArrayList<>();
                if (!begun) {
                    all.add(Statement.of("BEGIN"));
                    begun = true;
                }
                all.addAll(statements);
                stream.run(all, false);
            }

            @Override
            public void commit(List<Statement> last) {
                List<Statement> all = new ArrayList<>(last);
                if (!begun) {
                    all.add(0, Statement.of("BEGIN"));
                }
                // A pipeline runs on past a failed request, so COMMIT goes alone, once the rest succeeded.
                stream.run(all, false);
                stream.run(List.of(Statement.of("COMMIT")), false);
            }

            @Override
            public void close() {
                stream.close();
            }
        };
    }

    @Override
    public Rows stream(Statement statement, int pageRows) {
        byte[] body = Json.write(json -> {
            json.writeStartObject();
            json.writeNullField("baton");
            json.writeObjectFieldStart("batch");
            json.writeArrayFieldStart("steps");
            json.writeStartObject();
            json.writeFieldName("stmt");
            writeStatement(json, statement);
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        });
        InputStream in = endpoint.postStreaming("v3/cursor", body);
        try {
            MappingIterator<JsonNode> lines =
                    Json.MAPPER.readerFor(JsonNode.class).readValues(in);
            Stream stream = new Stream();
            stream.baton = lines.next().path("baton").textValue();
            JsonNode begin = entry(lines, statement);
            List<String> columns = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (JsonNode col : begin.path("cols")) {
                columns.add(col.path("name").asText());
                types.add(
                        col.path("decltype").isTextual() ? col.path("decltype").asText() : null);
            }
            return new Rows() {
                private boolean done;

                @Override
                public List<String> columns() {
                    return columns;
                }

                @Override
                public List<String> declaredTypes() {
                    return types;
                }

                @Override
                public Object[] next() {
                    if (done) {
                        return null;
                    }
                    JsonNode line = entry(lines, statement);
                    if (!"row".equals(line.path("type").asText())) {
                        done = true;
                        return null;
                    }
                    return row(line.path("row"));
                }

                @Override
                public void close() {
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // The rows are read; the stream is closed on the server below.
                    }
                    stream.close();
                }
            };
        } catch (IOException | RuntimeException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e instanceof DatastoreException d
                    ? d
                    : endpoint.broken(e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** @return the next cursor entry, failing on a step error or a cut-off reply */
    private JsonNode entry(MappingIterator<JsonNode> lines, Statement statement) {
        if (!lines.hasNext()) {
            throw endpoint.broken(new IOException("the cursor ended before the statement did"));
        }
        JsonNode line = lines.next();
        String type = line.path("type").asText();
        if ("step_error".equals(type) || "error".equals(type)) {
            throw sqlError(line.path("error"), statement);
        }
        return line;
    }

    @Override
    public Limits limits() {
        return LIMITS;
    }

    private DatastoreException sqlError(JsonNode error, Statement statement) {
        String message = error.path("message").asText("unknown error");
        return endpoint.error(
                Transport.errorCode(message),
                message + " (statement: " + Json.abbreviate(statement.sql()) + ")",
                false);
    }

    private static void writeStatement(JsonGenerator json, Statement statement) throws IOException {
        json.writeStartObject();
        json.writeStringField("sql", statement.sql());
        json.writeArrayFieldStart("args");
        for (Object value : statement.params()) {
            json.writeStartObject();
            if (value == null) {
                json.writeStringField("type", "null");
            } else if (value instanceof Long l) {
                json.writeStringField("type", "integer");
                json.writeStringField("value", Long.toString(l));
            } else if (value instanceof Double d) {
                json.writeStringField("type", "float");
                json.writeNumberField("value", Json.finite(d));
            } else if (value instanceof byte[] b) {
                json.writeStringField("type", "blob");
                json.writeStringField("base64", Base64.getEncoder().encodeToString(b));
            } else {
                json.writeStringField("type", "text");
                json.writeStringField("value", (String) value);
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static Object[] row(JsonNode values) {
        Object[] row = new Object[values.size()];
        for (int i = 0; i < row.length; i++) {
            JsonNode value = values.get(i);
            row[i] = switch (value.path("type").asText()) {
                case "integer" -> Long.parseLong(value.path("value").asText());
                case "float" -> value.path("value").asDouble();
                case "text" -> value.path("value").asText();
                case "blob" -> Base64.getDecoder().decode(value.path("base64").asText());
                default -> null;
            };
        }
        return row;
    }

    /** One Hrana stream: the baton each reply hands on names it in the next request. Not thread-safe. */
    private final class Stream {
        private String baton;
        private boolean closed;

        List<Result> run(List<Statement> statements, boolean thenClose) {
            byte[] body = Json.write(json -> {
                json.writeStartObject();
                json.writeStringField("baton", baton);
                json.writeArrayFieldStart("requests");
                for (Statement statement : statements) {
                    json.writeStartObject();
                    json.writeStringField("type", "execute");
                    json.writeFieldName("stmt");
                    writeStatement(json, statement);
                    json.writeEndObject();
                }
                if (thenClose) {
                    json.writeStartObject();
                    json.writeStringField("type", "close");
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            });
            HttpEndpoint.Reply reply = endpoint.post(PIPELINE, body);
            if (reply.status() != 200) {
                throw endpoint.failure(reply.status(), reply.body());
            }
            JsonNode tree = Json.read(reply.body(), endpoint);
            baton = tree.path("baton").textValue();
            closed = thenClose || baton == null;
            List<Result> results = new ArrayList<>();
            JsonNode replies = tree.path("results");
            for (int i = 0; i < statements.size(); i++) {
                JsonNode one = replies.path(i);
                if (!"ok".equals(one.path("type").asText())) {
                    throw sqlError(one.path("error"), statements.get(i));
                }
                JsonNode result = one.path("response").path("result");
                List<String> columns = new ArrayList<>();
                List<String> types = new ArrayList<>();
                for (JsonNode col : result.path("cols")) {
                    columns.add(col.path("name").asText());
                    types.add(
                            col.path("decltype").isTextual()
                                    ? col.path("decltype").asText()
                                    : null);
                }
                List<Object[]> rows = new ArrayList<>();
                for (JsonNode values : result.path("rows")) {
                    rows.add(row(values));
                }
                results.add(new Result(
                        columns, types, rows, result.path("affected_row_count").asLong()));
            }
            return results;
        }

        /** Closes the stream on the server, which rolls back a transaction left open. */
        void close() {
            if (closed || baton == null) {
                return;
            }
            closed = true;
            try {
                run(List.of(), true);
            } catch (DatastoreException ignored) {
                // The server drops an idle stream, rolling back its transaction, by itself within seconds.
            }
        }
    }
}
