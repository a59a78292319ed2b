package io.datastores.core;

import io.datastores.api.arrow.ArrowText;

/**
 * The JSON strings the CLI (its {@code --json} output) and sync status write, escaped by api's
 * {@code ArrowText.quote}, the one JSON escaping of the SDK, so
 * escaping is decided once: quotes, backslashes and control characters escaped, everything else
 * as it is. Stateless and thread-safe.
 */
public final class JsonText {
    private JsonText() {}

    /**
     * @param value any text, or {@code null}
     * @return the value as a JSON string literal, or {@code null} for null
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2);
        quote(out, value);
        return out.toString();
    }

    /**
     * @param out where the literal is appended
     * @param value any text, not null
     */
    public static void quote(StringBuilder out, String value) {
        ArrowText.quote(value, out);
    }
}
