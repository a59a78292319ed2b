package io.datastores.registry;

import io.datastores.api.spi.DatastoreProvider;
import io.datastores.api.spi.PoolSettings;
import io.datastores.core.Placeholders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One datastore of a {@code datastores.yaml} as a registry request body. Values are sent as the
 * file writes them, placeholders included (each client resolves them when it loads), or resolved
 * when asked. A port and max connections are numbers in the registry, so a placeholder there is
 * always resolved, and said so. Keys the registry has no field for fail the datastore when they
 * matter for connecting, and are named as left out when they do not.
 *
 * @param body the JSON body for POST or PUT, or {@code null} when the datastore cannot be stored
 * @param detail why not, or what was left out or resolved; empty when nothing to say
 * @param placeholders whether the body holds placeholders, for the hint on a refusal
 */
record ImportedDefinition(Map<String, Object> body, String detail, boolean placeholders) {
    private static final Set<String> LEFT_OUT_KEYS = Set.of("min_pool_size", "min_connections", "connect_timeout");
    private static final Set<String> NUMBER_FIELDS = Set.of("port", "max_connections");
    private static final List<String> CONNECTION_FIELDS =
            List.of("server", "port", "username", "password", "database", "connection_string");

    /**
     * @param name the datastore's name
     * @param entry its settings as parsed, placeholders not resolved
     * @param provider its provider
     * @param placeholders how variables resolve here
     * @param resolve whether to store resolved values rather than the placeholders
     * @param file the file's name, for the description of a datastore that has none
     */
    static ImportedDefinition of(
            String name,
            Map<?, ?> entry,
            DatastoreProvider provider,
            Placeholders placeholders,
            boolean resolve,
            String file) {
        Map<String, Object> body = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        body.put("name", name);
        body.put("type", Providers.typeOf(provider.category()));
        body.put("system", provider.type());
        String description = text(entry.get("description"));
        body.put(
                "description",
                description.isBlank()
                        ? "Imported from " + file
                        : resolve
                                ? placeholders
                                        .resolve(description, "description")
                                        .value()
                                : description);
        String enabled = placeholders
                .resolve(text(entry.get("enabled")), "enabled")
                .value()
                .strip();
        body.put("is_active", !enabled.equalsIgnoreCase("false"));
        CONNECTION_FIELDS.forEach(field -> body.put(field, null));
        body.put("max_connections", PoolSettings.DEFAULT.maxSize());
        boolean keptPlaceholders = false;
        Map<?, ?> connection = entry.get("connection") instanceof Map<?, ?> map ? map : Map.of();
        for (Map.Entry<?, ?> setting : connection.entrySet()) {
            String key = String.valueOf(setting.getKey());
            String raw = text(setting.getValue());
            String field = ConfigMapping.fieldOf(provider, key);
            if (field == null && LEFT_OUT_KEYS.contains(key)) {
                notes.add("left out connection." + key + " (the registry has no field for it)");
                continue;
            }
            if (field == null) {
                return new ImportedDefinition(
                        null,
                        "connection." + key + " has no field in the registry (it keeps server, port, "
                                + "user, password, database, a connection string and max connections)",
                        false);
            }
            boolean placeholder = raw.contains("${");
            if (NUMBER_FIELDS.contains(field)) {
                String value =
                        placeholders.resolve(raw, "connection." + key).value().strip();
                if (!value.matches("\\d{1,9}")) {
                    return new ImportedDefinition(
                            null,
                            "connection." + key + " '" + raw + "' must resolve to a whole number: "
                                    + "the registry stores " + field + " as a number",
                            false);
                }
                if (placeholder && !resolve) {
                    notes.add("connection." + key + " " + raw + " stored as " + value + " (a number in the registry)");
                }
                body.put(field, Integer.valueOf(value));
            } else if (resolve) {
                String value = placeholders.resolve(raw, "connection." + key).value();
                body.put(field, value.isEmpty() ? null : value);
            } else {
                keptPlaceholders |= placeholder;
                body.put(field, raw.isEmpty() ? null : raw);
            }
        }
        List<String> leftOut = new ArrayList<>();
        for (String key : List.of("tags", "databases")) {
            if (entry.get(key) != null) {
                leftOut.add(key);
            }
        }
        if (!leftOut.isEmpty()) {
            notes.add("left out " + String.join(", ", leftOut) + " (the registry has no field for them)");
        }
        return new ImportedDefinition(body, String.join("; ", notes), keptPlaceholders);
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
