package io.datastores.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreProvider;
import io.datastores.core.Datastores;
import io.datastores.core.DatastoresLoader;
import io.datastores.core.Placeholders;
import io.datastores.core.YamlDocuments;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the datastores of a {@code datastores.yaml} into a registry through its REST API, by
 * name: a name the registry does not have is created, one it has is replaced (PUT) with the
 * file's values, and the registry reports "unchanged" when they already matched, so running an
 * import twice changes nothing the second time. The file is first loaded by core, so a file that
 * would not load is refused before anything is sent. Placeholders are stored as written unless
 * {@link #resolve(boolean)} is asked; a stored placeholder is resolved by each client as it loads.
 * Not thread-safe; one import per instance.
 */
public final class RegistryImport {
    private final RegistryClient client;
    private final Providers providers;
    private Map<String, String> environment;
    private Path envFile;
    private boolean resolve;

    RegistryImport(RegistryClient client) {
        this.client = client;
        this.providers = new Providers(RegistryImport.class.getClassLoader());
    }

    /**
     * @param values variables used instead of system properties and the process environment
     * @return this import
     */
    public RegistryImport environment(Map<String, String> values) {
        this.environment = Map.copyOf(values);
        return this;
    }

    /**
     * @param file a {@code .env} file to use instead of the one beside the YAML
     * @return this import
     */
    public RegistryImport envFile(Path file) {
        this.envFile = file;
        return this;
    }

    /**
     * @param values whether to store values with their placeholders resolved here (secrets included)
     *     rather than the placeholders themselves; default {@code false}
     * @return this import
     */
    public RegistryImport resolve(boolean values) {
        this.resolve = values;
        return this;
    }

    /**
     * @param file the datastores.yaml
     * @return what happened to each datastore
     * @throws io.datastores.core.ConfigException when the file does not load
     * @throws DatastoreException with {@link ErrorCode#AUTHENTICATION} when the token lacks the write scope
     */
    public ImportReport run(Path file) {
        Path dotEnv = envFile != null ? envFile : file.toAbsolutePath().resolveSibling(".env");
        Placeholders placeholders = environment != null
                ? Placeholders.of(environment, Files.isRegularFile(dotEnv) ? dotEnv : null)
                : Placeholders.fromEnvironment(Files.isRegularFile(dotEnv) ? dotEnv : null);
        DatastoresLoader loader = Datastores.loader();
        if (environment != null) {
            loader.environment(environment);
        }
        if (envFile != null) {
            loader.envFile(envFile);
        }
        List<ConfigProblem> unresolved;
        Map<String, String> types = new HashMap<>();
        try (Datastores checked = loader.load(file)) {
            unresolved = checked.problems();
            checked.list().forEach(d -> types.put(d.name(), d.type()));
        }
        Map<?, ?> datastores =
                (Map<?, ?>) ((Map<?, ?>) YamlDocuments.parse(read(file), file.toString())).get("datastores");
        Map<String, JsonNode> existing = existing();
        List<ImportReport.Outcome> outcomes = new ArrayList<>();
        for (Map.Entry<?, ?> entry : datastores.entrySet()) {
            String name = String.valueOf(entry.getKey());
            List<String> missing = unresolved.stream()
                    .filter(p -> name.equals(p.datastore()))
                    .map(ConfigProblem::toString)
                    .toList();
            if (resolve && !missing.isEmpty()) {
                outcomes.add(new ImportReport.Outcome(name, ImportReport.Action.FAILED, String.join("; ", missing)));
                continue;
            }
            DatastoreProvider provider = providers.find(types.get(name)).orElseThrow();
            ImportedDefinition definition = ImportedDefinition.of(
                    name,
                    (Map<?, ?>) entry.getValue(),
                    provider,
                    placeholders,
                    resolve,
                    file.getFileName().toString());
            outcomes.add(
                    definition.body() == null
                            ? new ImportReport.Outcome(name, ImportReport.Action.FAILED, definition.detail())
                            : write(name, definition, existing.get(name)));
        }
        return new ImportReport(outcomes);
    }

    private ImportReport.Outcome write(String name, ImportedDefinition definition, JsonNode current) {
        RegistryClient.Reply reply = current == null
                ? client.send("POST", "api/v1/datastores/", definition.body())
                : client.send("PUT", "api/v1/datastores/" + current.get("id").asLong() + "/", definition.body());
        if (reply.status() == 400) {
            String hint = definition.placeholders()
                    ? " (the registry checks the text as stored, placeholders included;"
                            + " --resolve stores resolved values)"
                    : "";
            return new ImportReport.Outcome(name, ImportReport.Action.FAILED, errors(reply.json()) + hint);
        }
        if (reply.status() >= 300) {
            return new ImportReport.Outcome(
                    name, ImportReport.Action.FAILED, "HTTP " + reply.status() + ": " + errors(reply.json()));
        }
        ImportReport.Action action = current == null
                ? ImportReport.Action.CREATED
                : reply.json()
                                .get("updated_at")
                                .asText()
                                .equals(current.get("updated_at").asText())
                        ? ImportReport.Action.UNCHANGED
                        : ImportReport.Action.UPDATED;
        return new ImportReport.Outcome(name, action, definition.detail());
    }

    /** @return the registry's live definitions by name (masked, as any reader sees them) */
    private Map<String, JsonNode> existing() {
        Map<String, JsonNode> byName = new HashMap<>();
        String next = "api/v1/datastores/?page_size=100&ordering=name";
        while (next != null) {
            JsonNode page = client.send("GET", next, null).json();
            page.get("results").forEach(d -> byName.put(d.get("name").asText(), d));
            JsonNode link = page.get("next");
            next = link == null || link.isNull() ? null : relative(URI.create(link.asText()));
        }
        return byName;
    }

    /** The path and query only: the token goes to the registry's own address, whatever host a link names. */
    private static String relative(URI link) {
        return link.getRawPath() + "?" + link.getRawQuery();
    }

    /** @return DRF's {"detail": ...} or {"field": [messages]} as one line */
    private static String errors(JsonNode body) {
        List<String> messages = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            List<String> items = new ArrayList<>();
            if (field.getValue().isArray()) {
                field.getValue().forEach(item -> items.add(item.asText()));
            } else {
                items.add(field.getValue().asText());
            }
            messages.add((field.getKey().equals("detail") ? "" : field.getKey() + ": ") + String.join(" ", items));
        }
        return String.join("; ", messages);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw DatastoreException.of(ErrorCode.NOT_FOUND, "Cannot read " + file)
                    .withCause(e);
        }
    }
}
