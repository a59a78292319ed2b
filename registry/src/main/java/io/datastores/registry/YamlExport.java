package io.datastores.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datastores.api.spi.DatastoreProvider;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes stored definitions as {@code datastores.yaml}. Connection values are written as they were
 * stored, so a {@code ${VAR}} placeholder (as {@code datastores registry import} keeps them) stays a
 * placeholder that each client resolves from its own environment when it loads; the name is a key
 * and the description is plain text, so a {@code ${} in them is written as a literal. Every value
 * is a YAML double-quoted scalar (JSON's string syntax), so quotes, newlines and backslashes survive.
 *
 * <p>Without secrets, a password or connection string is written only when it reveals nothing: a
 * bare placeholder such as {@code ${PG_PASSWORD}} (no default), or a connection string with no
 * secret part. Any other becomes {@code ${NAME_PASSWORD}} / {@code ${NAME_CONNECTION_STRING}}.
 */
final class YamlExport {
    private static final Pattern BARE_PLACEHOLDER = Pattern.compile("\\$\\{[^:{}$\\\\]+:?}");

    private final ObjectMapper json;
    private final Providers providers;

    YamlExport(ObjectMapper json, Providers providers) {
        this.json = json;
        this.providers = providers;
    }

    /**
     * @param definitions the live definitions, secrets in plain text
     * @param withSecrets whether stored secrets are written as they are (the admin-only export)
     * @param origin what to name in the header comment
     * @return the YAML text
     */
    String write(List<Definition> definitions, boolean withSecrets, String origin) {
        StringBuilder yaml = new StringBuilder("# From the datastore registry at ")
                .append(origin.replace('\n', ' '))
                .append(
                        withSecrets
                                ? "; with stored secrets: keep this text private\n"
                                : "; secrets are ${...} placeholders\n");
        yaml.append(definitions.isEmpty() ? "datastores: {}\n" : "datastores:\n");
        for (Definition definition : definitions) {
            DatastoreProvider provider = providers.find(definition.system()).orElse(null);
            yaml.append("  ").append(quote(definition.name())).append(":\n");
            yaml.append("    type: ").append(quote(definition.system())).append('\n');
            yaml.append("    description: ")
                    .append(quote(literal(definition.description())))
                    .append('\n');
            if (!definition.active()) {
                yaml.append("    enabled: false\n");
            }
            yaml.append("    connection:\n");
            String secretKey = provider == null ? "url" : ConfigMapping.connectionStringKey(provider);
            for (Map.Entry<String, String> entry :
                    ConfigMapping.connection(provider, definition).entrySet()) {
                String key = entry.getKey();
                String value = entry.getValue();
                if (key.equals("port")) {
                    yaml.append("      port: ").append(value).append('\n');
                    continue;
                }
                if (!withSecrets
                        && key.equals("password")
                        && !BARE_PLACEHOLDER.matcher(value).matches()) {
                    value = "${" + variable(definition.name()) + "_PASSWORD}";
                } else if (!withSecrets
                        && key.equals(secretKey)
                        && value.equals(definition.connectionString())
                        && !BARE_PLACEHOLDER.matcher(value).matches()
                        && !Masking.connectionString(value).equals(value)) {
                    value = "${" + variable(definition.name()) + "_CONNECTION_STRING}";
                }
                yaml.append("      ")
                        .append(key)
                        .append(": ")
                        .append(quote(value))
                        .append('\n');
            }
            if (definition.maxConnections() != null) {
                yaml.append("      max_pool_size: ")
                        .append(definition.maxConnections())
                        .append('\n');
            }
        }
        return yaml.toString();
    }

    /** @return the datastore's name as a variable name: {@code Primary PostgreSQL} → {@code PRIMARY_POSTGRESQL} */
    static String variable(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_|_$", "");
    }

    private static String literal(String text) {
        return text.replace("${", "\\${");
    }

    private String quote(String value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A string always writes as JSON", e);
        }
    }
}
