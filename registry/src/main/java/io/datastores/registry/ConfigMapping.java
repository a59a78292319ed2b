package io.datastores.registry;

import io.datastores.api.spi.DatastoreProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one translation between a stored definition's fields and a provider's connection keys in
 * {@code datastores.yaml}: server ↔ {@code host}, username ↔ {@code user}, connection_string ↔
 * the provider's {@code url}, {@code uri} or (for embedded files) {@code database}. The server's
 * validation and connection tests, its export and the import client all go through here.
 */
final class ConfigMapping {
    /** Connection keys as a file may write them (aliases included) → the registry field they fill. */
    private static final Map<String, String> FIELD_OF_KEY = Map.ofEntries(
            Map.entry("host", "server"),
            Map.entry("port", "port"),
            Map.entry("user", "username"),
            Map.entry("password", "password"),
            Map.entry("database", "database"),
            Map.entry("dbname", "database"),
            Map.entry("url", "connection_string"),
            Map.entry("uri", "connection_string"),
            Map.entry("connection_string", "connection_string"),
            Map.entry("max_pool_size", "max_connections"),
            Map.entry("max_connections", "max_connections"));

    /** Keys that a file may write for the connection string's key: the aliases core also accepts. */
    private static final Map<String, String> CONNECTION_STRING_ALIASES =
            Map.of("dbname", "database", "connection_string", "url");

    private ConfigMapping() {}

    /** A JDBC URL for SQL providers, a URI (mongodb://, bolt://) for others, a file for embedded ones. */
    static String connectionStringKey(DatastoreProvider provider) {
        for (String key : List.of("url", "uri")) {
            if (provider.connectionKeys().contains(key)) {
                return key;
            }
        }
        return "database";
    }

    /**
     * @param provider the definition's provider, or {@code null} when it is not installed
     * @param key a connection key, canonical or an alias
     * @return the registry field holding it, or {@code null} when the registry has none
     */
    static String fieldOf(DatastoreProvider provider, String key) {
        if (provider != null
                && CONNECTION_STRING_ALIASES.getOrDefault(key, key).equals(connectionStringKey(provider))) {
            return "connection_string";
        }
        return FIELD_OF_KEY.get(key);
    }

    /**
     * @param provider the definition's provider, or {@code null} when it is not installed
     * @param definition the definition, secrets in plain text
     * @return the provider's connection keys and values, blank fields left out, in a stable order
     */
    static Map<String, String> connection(DatastoreProvider provider, Definition definition) {
        Map<String, String> connection = new LinkedHashMap<>();
        put(connection, "host", definition.server());
        put(
                connection,
                "port",
                definition.port() == null ? null : definition.port().toString());
        put(connection, "user", definition.username());
        put(connection, "password", definition.password());
        put(connection, "database", definition.database());
        put(connection, provider == null ? "url" : connectionStringKey(provider), definition.connectionString());
        return connection;
    }

    private static void put(Map<String, String> connection, String key, String value) {
        if (value != null && !value.isBlank()) {
            connection.put(key, value);
        }
    }
}
