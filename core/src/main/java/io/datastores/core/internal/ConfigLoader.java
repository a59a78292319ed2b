package io.datastores.core.internal;

import io.datastores.api.Capability;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DatastoreProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads, interpolates and validates a whole {@code datastores.yaml}, then opens (without
 * connecting) a datastore for each entry. A datastore whose values need variables this
 * environment has not set is opened as one that refuses every use with those problems, unless
 * the load is strict.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /**
     * @param yaml the file's text
     * @param source the file name, for messages
     * @param lookup variable lookup: system properties and environment (or an explicit map), then {@code .env}
     * @param registry the installed providers
     * @param strict whether a value left empty by an unset variable fails the load too
     * @return the datastores by name, in file order, with their configurations
     * @throws io.datastores.core.ConfigException listing every problem when the file is not valid
     */
    public static Loaded load(
            String yaml, String source, Function<String, String> lookup, ProviderRegistry registry, boolean strict) {
        return load(yaml.isBlank() ? null : YamlReader.parse(yaml, source), source, lookup, registry, strict);
    }

    /**
     * @param document the parsed file, as {@link YamlReader} returns it, or built in code
     * @param source what the document is, for messages
     * @param lookup variable lookup
     * @param registry the installed providers
     * @param strict whether a value left empty by an unset variable fails the load too
     * @return the datastores by name, in file order, with their configurations
     * @throws io.datastores.core.ConfigException listing every problem when the document is not valid
     */
    public static Loaded load(
            Object document,
            String source,
            Function<String, String> lookup,
            ProviderRegistry registry,
            boolean strict) {
        if (!(document instanceof Map<?, ?> map) || map.isEmpty()) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_CONFIG,
                    "Empty or invalid datastores YAML: " + source
                            + " must hold a mapping with a top-level 'datastores:' key");
        }
        ConfigParser.Parsed parsed = ConfigParser.parse(map, new Interpolator(lookup), registry);
        boolean fileIsValid = parsed.problems().size() == parsed.unresolved().size();
        if (!fileIsValid || (strict && !parsed.unresolved().isEmpty())) {
            // Everything at once: the file's own problems and this environment's.
            throw failure(source, parsed.problems(), parsed.onlyMissingProviders());
        }
        Map<String, Datastore> datastores = new LinkedHashMap<>();
        List<DatastoreConfig> configs = new ArrayList<>();
        for (ConfigParser.Declared declared : parsed.datastores()) {
            DatastoreProvider provider = declared.provider();
            DatastoreConfig config = declared.config();
            Set<Capability> capabilities = provider == null ? Set.of() : provider.capabilities();
            List<ConfigProblem> own = parsed.unresolved().stream()
                    .filter(p -> config.name().equals(p.datastore()))
                    .toList();
            Datastore datastore;
            if (!config.enabled()) {
                datastore = UnusableDatastore.disabled(config, capabilities);
            } else if (!own.isEmpty()) {
                datastore = UnusableDatastore.unresolved(config, capabilities, () -> failure(source, own, false));
            } else {
                datastore = provider.open(config);
            }
            datastores.put(config.name(), datastore);
            configs.add(config);
        }
        return new Loaded(Collections.unmodifiableMap(datastores), List.copyOf(configs), parsed.unresolved());
    }

    /**
     * @param datastores the opened (not connected) datastores by name, in file order
     * @param configs their configurations, for redaction
     * @param unresolved the problems of datastores that need variables this environment has not set
     */
    public record Loaded(
            Map<String, Datastore> datastores, List<DatastoreConfig> configs, List<ConfigProblem> unresolved) {}

    /**
     * Puts two sources' datastores side by side. A name both define is an error, not an override:
     * either way round, one source would silently change what the other's name points at (a
     * shared registry redirecting an application's {@code orders}, or a stray local file hiding
     * the registry's), and nobody would see it until data went to the wrong place.
     *
     * @param first the first source's datastores (the file)
     * @param firstSource the first source, for messages
     * @param second the second source's datastores (the registry)
     * @param secondSource the second source, for messages
     * @return every datastore of both, the first's first
     * @throws io.datastores.core.ConfigException naming every datastore defined in both, and both sources
     */
    public static Loaded merge(Loaded first, String firstSource, Loaded second, String secondSource) {
        List<ConfigProblem> duplicates = second.datastores().keySet().stream()
                .filter(first.datastores()::containsKey)
                .map(name -> new ConfigProblem(
                        name,
                        "name",
                        "Defined both in " + firstSource + " and in " + secondSource
                                + "; a name must come from one source only: rename or remove one of them"))
                .toList();
        if (!duplicates.isEmpty()) {
            throw failure(firstSource + " and " + secondSource, duplicates, false);
        }
        Map<String, Datastore> datastores = new LinkedHashMap<>(first.datastores());
        datastores.putAll(second.datastores());
        List<DatastoreConfig> configs = new ArrayList<>(first.configs());
        configs.addAll(second.configs());
        List<ConfigProblem> unresolved = new ArrayList<>(first.unresolved());
        unresolved.addAll(second.unresolved());
        return new Loaded(Collections.unmodifiableMap(datastores), List.copyOf(configs), List.copyOf(unresolved));
    }

    private static DatastoreException failure(
            String source, List<ConfigProblem> problems, boolean onlyMissingProviders) {
        StringBuilder message = new StringBuilder("Invalid datastores configuration in ")
                .append(source)
                .append(problems.size() == 1 ? " (1 problem):" : " (" + problems.size() + " problems):");
        problems.forEach(p -> message.append("\n  - ").append(p));
        ErrorCode code = onlyMissingProviders ? ErrorCode.DRIVER_MISSING : ErrorCode.INVALID_CONFIG;
        return new io.datastores.core.ConfigException(code, message.toString(), problems);
    }
}
