package io.datastores.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A row key's suffix from its key columns' texts and back. One key column is the suffix as it is
 * ({@code users:42}, as spark-redis and SeaTunnel write it); several are joined by the separator, each
 * with {@code %} and the separator's characters percent-encoded, so any value splits back exactly.
 */
final class RedisKeys {
    private RedisKeys() {}

    static String suffix(List<String> parts, String separator) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (out.length() > 0) {
                out.append(separator);
            }
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c == '%' || separator.indexOf(c) >= 0) {
                    for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                        out.append('%').append(String.format("%02X", b & 0xff));
                    }
                } else {
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    /** @return the key columns' texts, or {@code null} when the suffix does not have that many parts */
    static List<String> parts(String suffix, int count, String separator) {
        if (count == 1) {
            return List.of(suffix);
        }
        String[] pieces = suffix.split(java.util.regex.Pattern.quote(separator), -1);
        if (pieces.length != count) {
            return null;
        }
        List<String> parts = new ArrayList<>(count);
        for (String piece : pieces) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i < piece.length(); i++) {
                if (piece.charAt(i) == '%' && i + 2 < piece.length()) {
                    bytes.write(Integer.parseInt(piece.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    bytes.writeBytes(String.valueOf(piece.charAt(i)).getBytes(StandardCharsets.UTF_8));
                }
            }
            parts.add(bytes.toString(StandardCharsets.UTF_8));
        }
        return parts;
    }
}
