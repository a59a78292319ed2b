package io.datastores.core;

/**
 * The one place JSON strings are written (the CLI's {@code --json} output, sync status), so
 * escaping is decided once: quotes, backslashes and control characters escaped, everything else
 * as it is. Stateless and thread-safe.
 */
public final class JsonText {
    private JsonText() {
    }

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
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
