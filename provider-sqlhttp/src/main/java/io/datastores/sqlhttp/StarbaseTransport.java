package io.datastores.sqlhttp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * StarbaseDB's query API: {@code POST /query/raw} with {@code {sql, params}} or
 * {@code {transaction: [{sql, params}…]}} (whose statements run one after another, not atomically),
 * replying {@code {result}} — {@code {columns, rows, meta: {rows_read, rows_written}}}, or a list of
 * them for a transaction — or {@code {error}}. Parameters are JSON values; an integer beyond 2^53
 * travels as text, which an INTEGER column turns back into the exact integer.
 */
final class StarbaseTransport extends EnvelopeTransport {
    private static final long EXACT_IN_JSON = 1L << 53;

    StarbaseTransport(HttpEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    List<Result> post(List<Statement> statements) {
        byte[] body = body(statements, "transaction");
        HttpEndpoint.Reply reply = endpoint.post("query/raw", body);
        JsonNode tree = Json.read(reply.body(), endpoint);
        if (reply.status() != 200 || tree.hasNonNull("error")) {
            if (!tree.path("error").isTextual()) {
                throw endpoint.failure(reply.status(), reply.body());
            }
            throw sqlError(tree.path("error").asText(), statements);
        }
        JsonNode result = tree.path("result");
        List<Result> results = new ArrayList<>();
        for (JsonNode one : result.isArray() ? result : List.of(result)) {
            // StarbaseDB reports rows written, not changes: for a table without indexes they are the same.
            results.add(result(one, one.path("meta").path("rows_written").asLong()));
        }
        return results;
    }

    @Override
    void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value instanceof Long l && l >= -EXACT_IN_JSON && l <= EXACT_IN_JSON) {
            json.writeNumber(l);
        } else if (value instanceof Double d) {
            json.writeNumber(Json.finite(d));
        } else {
            json.writeString(value.toString());
        }
    }
}
