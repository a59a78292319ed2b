package io.datastores.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Optional;

/** Reading what a request carries: its JSON body, the path's id, the token's holder. */
final class Requests {
    static final String HOLDER = "registry.holder";

    private final ObjectMapper json;

    Requests(ObjectMapper json) {
        this.json = json;
    }

    /** @return the body as a JSON tree; malformed, too deep or too long input is a 400 that does not echo it */
    JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (StreamConstraintsException e) {
            throw ApiError.detail(400, "JSON parse error - the document is nested too deeply or a value is too long.");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw ApiError.detail(400, "JSON parse error - malformed JSON" + where + ".");
        }
    }

    /** @return the path's {@code id} when it is a positive whole number */
    static Optional<Long> id(Context ctx) {
        String id = ctx.pathParam("id");
        return id.matches("\\d{1,18}") ? Optional.of(Long.parseLong(id)) : Optional.empty();
    }

    static TokenTable.Holder holder(Context ctx) {
        return ctx.attribute(HOLDER);
    }

    /** @return who made the request, for the audit: the token's name and id */
    static String actor(Context ctx) {
        TokenTable.Holder holder = holder(ctx);
        return holder == null ? "anonymous" : holder.name() + " (token " + holder.id() + ")";
    }
}
