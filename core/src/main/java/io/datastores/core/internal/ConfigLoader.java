package io.datastores.core.internal;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreProvider;
import io.datastores.api.spi.DatastoreConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads, interpolates and validates a whole {@code datastores.yaml}, then opens (without
 * connecting) a datastore for each entry.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /**
     * @param yaml the file's text
     * @param source the file name, for messages
     * @param lookup variable lookup: system properties and environment (or an explicit map), then {@code .env}
     * @param registry the installed providers
     * @return the datastores by name, in file order, with their configurations
     * @throws io.datastores.core.ConfigException listing every problem when the file is not valid
     */
    public static Loaded load(String yaml, String source, Function<String, String> lookup,
            ProviderRegistry registry) {
        Object document = yaml.isBlank() ? null : YamlReader.parse(yaml, source);
        if (!(document instanceof Map<?, ?> map) || map.isEmpty()) {
            throw DatastoreException.of(ErrorCode.INVALID_CONFIG, "Empty or invalid datastores YAML: " + source
                    + " must hold a mapping with a top-level 'datastores:' key");
        }
        ConfigParser.Parsed parsed = ConfigParser.parse(map, new Interpolator(lookup), registry);
        if (!parsed.problems().isEmpty()) {
            throw failure(source, parsed);
        }
        Map<String, Datastore> datastores = new LinkedHashMap<>();
        List<DatastoreConfig> configs = new ArrayList<>();
        for (ConfigParser.Declared declared : parsed.datastores()) {
            DatastoreProvider provider = declared.provider();
            Datastore datastore = declared.config().enabled()
                    ? provider.open(declared.config())
                    : new DisabledDatastore(declared.config(), provider == null ? Set.of() : provider.capabilities());
            datastores.put(declared.config().name(), datastore);
            configs.add(declared.config());
        }
        return new Loaded(Collections.unmodifiableMap(datastores), List.copyOf(configs));
    }

    /**
     * @param datastores the opened (not connected) datastores by name, in file order
     * @param configs their configurations, for redaction
     */
    public record Loaded(Map<String, Datastore> datastores, List<DatastoreConfig> configs) {
    }

    private static DatastoreException failure(String source, ConfigParser.Parsed parsed) {
        List<ConfigProblem> problems = parsed.problems();
        StringBuilder message = new StringBuilder("Invalid datastores configuration in ").append(source)
                .append(problems.size() == 1 ? " (1 problem):" : " (" + problems.size() + " problems):");
        problems.forEach(p -> message.append("\n  - ").append(p));
        ErrorCode code = parsed.onlyMissingProviders() ? ErrorCode.DRIVER_MISSING : ErrorCode.INVALID_CONFIG;
        return new io.datastores.core.ConfigException(code, message.toString(), problems);
    }
}
