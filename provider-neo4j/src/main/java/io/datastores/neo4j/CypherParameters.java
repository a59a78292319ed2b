package io.datastores.neo4j;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Maps the SDK's positional {@code ?} parameters onto Cypher's named ones: each {@code ?} outside
 * a string literal, a backquoted name and a comment becomes {@code $p1}, {@code $p2} …, and the
 * values are bound under those names, never spliced into the text. Also the one home of turning
 * a Java value into one the driver sends.
 */
final class CypherParameters {
    /** A statement with its parameters named. */
    record Named(String cypher, Map<String, Object> parameters) {}

    private CypherParameters() {}

    static Named of(String cypher, List<?> values) {
        StringBuilder text = new StringBuilder(cypher.length() + 8);
        int count = 0;
        for (int i = 0; i < cypher.length(); i++) {
            char c = cypher.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = closing(cypher, i, c);
                text.append(cypher, i, end);
                i = end - 1;
            } else if (c == '/'
                    && i + 1 < cypher.length()
                    && (cypher.charAt(i + 1) == '/' || cypher.charAt(i + 1) == '*')) {
                int end = cypher.charAt(i + 1) == '/' ? lineEnd(cypher, i) : blockEnd(cypher, i);
                text.append(cypher, i, end);
                i = end - 1;
            } else if (c == '?') {
                text.append("$p").append(++count);
            } else {
                text.append(c);
            }
        }
        if (count != values.size()) {
            throw new IllegalArgumentException(
                    "The Cypher has " + count + " ? parameters but " + values.size() + " values were given");
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            parameters.put("p" + (i + 1), value(values.get(i)));
        }
        return new Named(text.toString(), parameters);
    }

    /** The end (exclusive) of a quoted run starting at {@code start}; a backslash escapes in strings, a doubled backquote in names. */
    private static int closing(String text, int start, char quote) {
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quote != '`') {
                i++;
            } else if (c == quote) {
                if (quote == '`' && i + 1 < text.length() && text.charAt(i + 1) == '`') {
                    i++;
                } else {
                    return i + 1;
                }
            }
        }
        return text.length();
    }

    private static int lineEnd(String text, int start) {
        int end = text.indexOf('\n', start);
        return end < 0 ? text.length() : end;
    }

    private static int blockEnd(String text, int start) {
        int end = text.indexOf("*/", start + 2);
        return end < 0 ? text.length() : end + 2;
    }

    /**
     * @param value a Java value
     * @return what the driver sends for it: Neo4j has no decimal (sent as a double, a loss the type
     *     mapping names), no instant (sent as a UTC date-time) and no UUID (sent as its text)
     */
    static Object value(Object value) {
        if (value instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (value instanceof BigInteger i) {
            return i.longValueExact();
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Instant instant) {
            return instant.atZone(ZoneOffset.UTC);
        }
        if (value instanceof UUID uuid) {
            return uuid.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CypherParameters::value).toList();
        }
        return value;
    }
}
