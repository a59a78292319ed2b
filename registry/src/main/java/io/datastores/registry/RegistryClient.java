package io.datastores.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.core.Datastores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a registry's definitions from an SDK client: as {@code datastores.yaml} text with every
 * secret left as a {@code ${NAME_PASSWORD}} placeholder ({@link #exportYaml()}), or as a loaded
 * {@link Datastores} whose secrets come from the registry's admin-only, audited connection-details
 * route and never pass through YAML text ({@link #load()}).
 *
 * <p>Thread-safe; holds no connection between calls.
 */
public final class RegistryClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Providers providers = new Providers(RegistryClient.class.getClassLoader());

    private RegistryClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /**
     * @param base the registry's address, such as {@code http://registry:8080/}
     * @param token an API token: read scope for {@link #exportYaml()}, admin for {@link #load()}
     * @return the client
     */
    public static RegistryClient of(URI base, String token) {
        return new RegistryClient(base.toString().endsWith("/") ? base : URI.create(base + "/"), token);
    }

    /** @return every live, active definition as datastores.yaml, secrets as placeholders */
    public String exportYaml() {
        return yaml(new LinkedHashMap<>(), false);
    }

    /**
     * Loads every live, active definition, secrets included (the token needs the admin scope).
     *
     * @return the datastores; the caller closes them
     */
    public Datastores load() {
        Map<String, String> secrets = new LinkedHashMap<>();
        return Datastores.fromYaml(yaml(secrets, true), secrets);
    }

    private String yaml(Map<String, String> secrets, boolean withSecrets) {
        StringBuilder yaml = new StringBuilder("# From the datastore registry at ").append(base)
                .append("; secrets are ${...} placeholders\ndatastores:\n");
        String next = "api/v1/datastores/?is_active=true&ordering=name&page_size=100";
        while (next != null) {
            JsonNode page = get(next);
            for (JsonNode datastore : page.get("results")) {
                JsonNode details = withSecrets ? get("api/v1/datastores/" + datastore.get("id").asLong() + "/connection-details/") : null;
                append(yaml, datastore, details, secrets);
            }
            next = page.get("next").isNull() ? null : base.relativize(URI.create(page.get("next").asText())).toString();
        }
        return yaml.toString();
    }

    private void append(StringBuilder yaml, JsonNode datastore, JsonNode details, Map<String, String> secrets) {
        String name = datastore.get("name").asText();
        String variable = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_|_$", "");
        // Keys are not interpolated: the name goes in as it is.
        yaml.append("  '").append(name.replace("'", "''").replace("\n", " ")).append("':\n");
        yaml.append("    type: ").append(quote(datastore.get("system").asText())).append('\n');
        yaml.append("    description: ").append(quote(datastore.get("description").asText())).append('\n');
        yaml.append("    connection:\n");
        line(yaml, "host", datastore.get("server"));
        line(yaml, "port", datastore.get("port"));
        line(yaml, "user", datastore.get("username"));
        line(yaml, "database", datastore.get("database"));
        if (!datastore.get("max_connections").isNull()) {
            line(yaml, "max_pool_size", datastore.get("max_connections"));
        }
        String key = providers.find(datastore.get("system").asText()).map(Providers::connectionStringKey).orElse("url");
        placeholder(yaml, secrets, "password", variable + "_PASSWORD", datastore.get("password"), details, "password");
        placeholder(yaml, secrets, key, variable + "_CONNECTION_STRING", datastore.get("connection_string"), details,
                "connection_string");
    }

    private static void placeholder(StringBuilder yaml, Map<String, String> secrets, String key, String variable,
            JsonNode masked, JsonNode details, String field) {
        if (masked == null || masked.isNull()) {
            return;
        }
        yaml.append("      ").append(key).append(": '${").append(variable).append("}'\n");
        if (details != null && !details.get(field).isNull()) {
            secrets.put(variable, details.get(field).asText());
        }
    }

    private static void line(StringBuilder yaml, String key, JsonNode value) {
        if (value != null && !value.isNull()) {
            yaml.append("      ").append(key).append(": ").append(value.isNumber() ? value.asText() : quote(value.asText())).append('\n');
        }
    }

    /** Single-quoted YAML; {@code ${} written as a literal so nothing stored is read as a placeholder. */
    private static String quote(String value) {
        return "'" + value.replace("'", "''").replace("${", "\\${").replace("\n", " ") + "'";
    }

    private JsonNode get(String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw DatastoreException.of(ErrorCode.AUTHENTICATION, "The registry at " + base + " refused the token (HTTP "
                        + response.statusCode() + ")" + (path.contains("connection-details") ? ": loading secrets needs the admin scope" : ""));
            }
            if (response.statusCode() != 200) {
                throw DatastoreException.of(ErrorCode.CONNECTION, "The registry at " + base + " answered HTTP " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw DatastoreException.of(ErrorCode.CONNECTION, "Cannot reach the registry at " + base + ": " + e.getClass().getSimpleName())
                    .withCause(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DatastoreException.of(ErrorCode.CANCELLED, "Interrupted while reading the registry at " + base);
        }
    }
}
