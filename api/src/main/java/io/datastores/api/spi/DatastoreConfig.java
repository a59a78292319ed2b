package io.datastores.api.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One datastore's configuration after interpolation and alias normalisation: immutable and safe
 * to share. {@link #toString()} masks every secret, and {@link #redact(String)} removes secret
 * values from any text (such as a driver's error message) before it is shown.
 *
 * @param name the datastore's name
 * @param type the canonical type (aliases already resolved)
 * @param description free text, or empty
 * @param tags labels for filtering
 * @param enabled whether the datastore may connect
 * @param connection the scalar settings under {@code connection:}, keys normalised
 *     ({@code dbname} → {@code database}, {@code min_connections} → {@code min_pool_size} ...)
 * @param properties extra driver properties from {@code connection.properties}
 * @param pool pool settings
 * @param databases logical database name → the schema it maps onto, in declared order
 */
public record DatastoreConfig(
        String name,
        String type,
        String description,
        List<String> tags,
        boolean enabled,
        Map<String, String> connection,
        Map<String, String> properties,
        PoolSettings pool,
        Map<String, String> databases) {

    private static final String MASK = "****";
    private static final Pattern SECRET_KEY =
            Pattern.compile("password|passwd|secret|token|credential|passphrase|access_key|private_key");
    // password=..., pwd=... inside URLs and connection strings; user:password@ in authorities.
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)((?:password|pwd|passwd)=)[^&;,\\s]*");
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^/:@\\s]*:)[^@/\\s]*@");

    /**
     * Copies the collections so the configuration cannot change afterwards.
     *
     * @param name the datastore's name
     * @param type the canonical type (aliases already resolved)
     * @param description free text, or empty
     * @param tags labels for filtering
     * @param enabled whether the datastore may connect
     * @param connection the scalar settings under {@code connection:}, keys normalised ({@code dbname} →
     *     {@code database}, {@code min_connections} → {@code min_pool_size} ...)
     * @param properties extra driver properties from {@code connection.properties}
     * @param pool pool settings
     * @param databases logical database name → the schema it maps onto, in declared order
     */
    public DatastoreConfig {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        description = description == null ? "" : description;
        tags = List.copyOf(tags);
        connection = Map.copyOf(connection);
        properties = Map.copyOf(properties);
        Objects.requireNonNull(pool, "pool is null");
        // Declared order matters: the first logical database is the default in listings.
        databases = Collections.unmodifiableMap(new LinkedHashMap<>(databases));
    }

    /**
     * @param key a key under {@code connection:}
     * @return its value, or empty when missing or blank
     */
    public Optional<String> value(String key) {
        String value = connection.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /**
     * @param key a key under {@code connection:}
     * @param defaultValue used when the key is missing or blank
     * @return the value
     */
    public String value(String key, String defaultValue) {
        return value(key).orElse(defaultValue);
    }

    /**
     * @param key a key under {@code connection:} holding an integer (checked by validation)
     * @param defaultValue used when the key is missing or blank
     * @return the value
     */
    public int intValue(String key, int defaultValue) {
        return value(key).map(v -> Integer.parseInt(v.trim())).orElse(defaultValue);
    }

    /**
     * @param key a key under {@code connection:}
     * @param message what is wrong and how to fix it
     * @return a problem naming this datastore and {@code connection.key}
     */
    public ConfigProblem problem(String key, String message) {
        return new ConfigProblem(name, "connection." + key, message);
    }

    /**
     * For a store with no schemas: refuses {@code databases:}, which maps logical databases onto schemas.
     *
     * @param why why the store has none, such as {@code "Redis has no schemas"}
     * @param instead what to do instead, such as {@code "use one datastore per database index"}
     * @return the problem naming {@code databases}, or empty when none is declared
     */
    public Optional<ConfigProblem> refuseDatabases(String why, String instead) {
        return databases.isEmpty()
                ? Optional.empty()
                : Optional.of(new ConfigProblem(
                        name,
                        "databases",
                        why + " to map logical databases onto; remove databases: (" + instead + ")"));
    }

    /**
     * @param key a configuration key
     * @return whether its value is a secret that must never be shown
     */
    public static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).find();
    }

    /**
     * Removes this configuration's secrets from a text: every secret value, and any password
     * written inside a URL or connection string.
     *
     * @param text a message, possibly from a driver; may be {@code null}
     * @return the text with secrets replaced by {@code ****}
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Map<String, String> settings : List.of(connection, properties)) {
            for (Map.Entry<String, String> entry : settings.entrySet()) {
                String value = entry.getValue();
                if (isSecretKey(entry.getKey()) && value != null && !value.isEmpty()) {
                    result = result.replace(value, MASK);
                }
            }
        }
        return redactUrl(result);
    }

    /**
     * @param text text that may contain URLs or connection strings
     * @return the text with passwords in URL parameters and user-info replaced by {@code ****}
     */
    public static String redactUrl(String text) {
        String result = URL_PASSWORD.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        return URL_USERINFO.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
    }

    /** @return a description with every secret masked */
    @Override
    public String toString() {
        return "DatastoreConfig[name=" + name + ", type=" + type + ", enabled=" + enabled
                + ", tags=" + tags + ", connection=" + masked(connection)
                + ", properties=" + masked(properties) + ", pool=" + pool + ", databases=" + databases + "]";
    }

    private static Map<String, String> masked(Map<String, String> settings) {
        Map<String, String> copy = new TreeMap<>();
        settings.forEach((key, value) -> copy.put(key, isSecretKey(key) ? MASK : redactUrl(value)));
        return copy;
    }
}
