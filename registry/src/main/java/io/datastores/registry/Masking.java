package io.datastores.registry;

import io.datastores.api.spi.DatastoreConfig;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How secrets look when the registry shows a definition. */
final class Masking {
    /** What a stored password reads as; sending it back on PUT/PATCH keeps the stored one. */
    static final String PASSWORD_MASK = "***encrypted***";
    /** The short mask the issue and console also send back to keep the stored password. */
    static final String SHORT_MASK = "***";
    // token=..., api_key=..., secret=... parameters, beyond the password forms the SDK masks already.
    private static final Pattern SECRET_PARAMETER = Pattern.compile("([?&;]\\s*([A-Za-z_]+)\\s*=)([^&;\\s]*)");

    private Masking() {}

    static boolean isMask(String value) {
        return PASSWORD_MASK.equals(value) || SHORT_MASK.equals(value);
    }

    /** @return the connection string with passwords, user-info secrets and token parameters masked */
    static String connectionString(String connectionString) {
        Matcher matcher = SECRET_PARAMETER.matcher(DatastoreConfig.redactUrl(connectionString));
        StringBuilder masked = new StringBuilder();
        while (matcher.find()) {
            String replacement =
                    DatastoreConfig.isSecretKey(matcher.group(2)) ? matcher.group(1) + "****" : matcher.group();
            matcher.appendReplacement(masked, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(masked);
        return masked.toString();
    }
}
