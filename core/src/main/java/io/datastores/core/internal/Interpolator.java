package io.datastores.core.internal;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves {@code ${NAME}} and {@code ${NAME:default}} in one scalar. The default is everything
 * after the first colon and may itself hold placeholders; {@code \${} writes a literal
 * {@code ${}. A value taken from a variable is inserted as is, never expanded again.
 * Public only so {@link io.datastores.core.Placeholders} can reach it; not an API.
 */
public final class Interpolator {
    private final Function<String, String> lookup;

    /** @param lookup variable name to value, or {@code null} when the variable is unset */
    public Interpolator(Function<String, String> lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup is null");
    }

    /**
     * @param value the resolved text, and the variables that were unset and had no default
     * @param unset names of the variables that resolved to empty because they were unset
     */
    public record Result(String value, Set<String> unset) {}

    /** Thrown for a placeholder that is not closed or has no name. */
    public static final class SyntaxException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    /**
     * @param text one scalar
     * @return the resolved text and the unset variables it used
     * @throws SyntaxException for a placeholder that is not closed or has no name
     */
    public Result resolve(String text) {
        Set<String> unset = new LinkedHashSet<>();
        String value = resolve(text, unset);
        return new Result(value, unset);
    }

    private String resolve(String text, Set<String> unset) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && text.startsWith("${", i + 1)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && text.startsWith("{", i + 1)) {
                int end = closingBrace(text, i + 2);
                out.append(placeholder(text.substring(i + 2, end), unset));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String placeholder(String body, Set<String> unset) {
        int colon = body.indexOf(':');
        String name = (colon < 0 ? body : body.substring(0, colon)).strip();
        if (name.isEmpty()) {
            throw new SyntaxException("placeholder '${" + body + "}' has no variable name");
        }
        String value = lookup.apply(name);
        if (value != null) {
            return value;
        }
        if (colon >= 0) {
            return resolve(body.substring(colon + 1), unset);
        }
        unset.add(name);
        return "";
    }

    /** Finds the brace closing a placeholder, skipping nested placeholders in its default. */
    private static int closingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                depth++;
                i++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new SyntaxException(
                "placeholder starting '" + text.substring(Math.max(0, from - 2)) + "' is not closed with '}'");
    }
}
