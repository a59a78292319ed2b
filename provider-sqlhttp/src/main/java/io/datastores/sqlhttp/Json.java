package io.datastores.sqlhttp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one Jackson mapper of the module, and the small helpers every transport's JSON needs. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** Writes one JSON document. */
    @FunctionalInterface
    interface Writer {
        void write(JsonGenerator json) throws IOException;
    }

    static byte[] write(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            writer.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static JsonNode read(String body, HttpEndpoint endpoint) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw endpoint.error(
                            ErrorCode.CONNECTION,
                            endpoint.host() + " answered with something that is not JSON: " + abbreviate(body),
                            true)
                    .withCause(e);
        }
    }

    /** JSON has no NaN or infinities, so none of these services can be sent one. */
    static double finite(double value) {
        if (!Double.isFinite(value)) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_DATA,
                    "Cannot send " + value + " over JSON: SQLite over "
                            + "HTTP has no NaN or infinities (store NULL, or the value as text)");
        }
        return value;
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
