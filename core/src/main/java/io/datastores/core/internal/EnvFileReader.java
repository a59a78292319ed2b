package io.datastores.core.internal;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code .env} file: {@code NAME=value} lines, {@code #} comments, an optional
 * {@code export } prefix, and values in single quotes (literal) or double quotes (with
 * {@code \n}, {@code \t}, {@code \"} and {@code \\} escapes).
 */
public final class EnvFileReader {
    private static final Pattern LINE = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*=\\s*(.*)$");

    private EnvFileReader() {}

    /**
     * @param file a .env file
     * @return its variables in file order
     */
    public static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw DatastoreException.of(
                            ErrorCode.INVALID_CONFIG, "Cannot read env file " + file + ": " + e.getMessage())
                    .withCause(e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                // The line itself is not quoted back: it may hold a secret.
                throw DatastoreException.of(
                        ErrorCode.INVALID_CONFIG, "Env file " + file + ", line " + (n + 1) + ": expected NAME=value");
            }
            values.put(m.group(1), value(m.group(2).strip(), file, n + 1));
        }
        return values;
    }

    private static String value(String raw, Path file, int line) {
        if (raw.startsWith("'") || raw.startsWith("\"")) {
            char quote = raw.charAt(0);
            int end = closingQuote(raw, quote);
            if (end < 0) {
                throw DatastoreException.of(
                        ErrorCode.INVALID_CONFIG,
                        "Env file " + file + ", line " + line + ": the quoted value is not closed with " + quote);
            }
            String inner = raw.substring(1, end);
            return quote == '"' ? unescape(inner) : inner;
        }
        int comment = raw.indexOf(" #");
        return (comment >= 0 ? raw.substring(0, comment) : raw).strip();
    }

    private static int closingQuote(String raw, char quote) {
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && quote == '"') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                out.append(
                        switch (next) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            default -> next;
                        });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
