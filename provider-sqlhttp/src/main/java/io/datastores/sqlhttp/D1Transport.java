package io.datastores.sqlhttp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.datastores.api.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cloudflare D1's REST API: {@code POST …/d1/database/{database_id}/raw} with {@code {sql, params}}
 * or {@code {batch: [{sql, params}…]}} (a batch runs as one transaction); the reply's
 * {@code result[i].results} holds {@code columns} and {@code rows}, {@code meta.changes} the rows
 * changed; failures list {@code errors[{code, message}]}. Parameters are strings, as documented:
 * SQLite's affinities turn them back into numbers.
 */
final class D1Transport extends EnvelopeTransport {
    /** Cloudflare's error code for a token it does not accept. */
    private static final int AUTHENTICATION_ERROR = 10000;

    private final String path;

    D1Transport(HttpEndpoint endpoint, String accountId, String databaseId) {
        super(endpoint);
        this.path = "accounts/" + accountId + "/d1/database/" + databaseId + "/raw";
    }

    @Override
    List<Result> post(List<Statement> statements) {
        byte[] body = body(statements, "batch");
        HttpEndpoint.Reply reply = endpoint.post(path, body);
        JsonNode tree = Json.read(reply.body(), endpoint);
        if (reply.status() != 200 || !tree.path("success").asBoolean(false)) {
            JsonNode error = tree.path("errors").path(0);
            if (!error.isObject()) {
                throw endpoint.failure(reply.status(), reply.body());
            }
            String message = error.path("message").asText();
            if (error.path("code").asInt() == AUTHENTICATION_ERROR) {
                throw endpoint.error(
                        ErrorCode.AUTHENTICATION, endpoint.host() + " refused the API token: " + message, false);
            }
            if (reply.status() == 404) {
                throw endpoint.error(ErrorCode.NOT_FOUND, message + " (connection.database_id)", false);
            }
            throw sqlError(message, statements);
        }
        List<Result> results = new ArrayList<>();
        for (JsonNode one : tree.path("result")) {
            results.add(
                    result(one.path("results"), one.path("meta").path("changes").asLong()));
        }
        return results;
    }

    @Override
    void writeValue(JsonGenerator json, Object value) throws IOException {
        json.writeString(value instanceof Double d ? Double.toString(Json.finite(d)) : value.toString());
    }
}
