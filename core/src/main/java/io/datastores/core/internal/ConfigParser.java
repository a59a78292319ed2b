package io.datastores.core.internal;

import io.datastores.api.Capability;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DatastoreProvider;
import io.datastores.api.spi.PoolSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a parsed {@code datastores.yaml} into validated {@link DatastoreConfig}s, collecting every
 * problem of the file rather than stopping at the first. Placeholders are resolved per scalar,
 * after parsing, so a value from the environment can never inject YAML.
 *
 * <p>Problems come in two kinds. A problem in a value that used an unset variable comes from the
 * environment: the file is fine, this environment just has not set what that datastore needs, so
 * only that datastore becomes unusable. Every other problem is in the file itself and fails the
 * load. The {@code type} key is always the file's: without a type nothing else can be checked.
 */
final class ConfigParser {
    private static final Set<String> FILE_KEYS = Set.of("datastores");
    private static final Set<String> DATASTORE_KEYS =
            Set.of("type", "description", "tags", "enabled", "connection", "databases");
    static final Map<String, String> CONNECTION_ALIASES = Map.of(
            "dbname", "database",
            "min_connections", "min_pool_size",
            "max_connections", "max_pool_size",
            "connection_string", "url");
    private static final String PROPERTIES = "properties";

    private final Interpolator interpolator;
    private final ProviderRegistry registry;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<ConfigProblem> unresolved = new ArrayList<>();
    private final List<Declared> declared = new ArrayList<>();
    private final List<ConfigProblem> missingProviders = new ArrayList<>();

    /**
     * @param config the datastore's configuration
     * @param provider its provider, or {@code null} when none is installed (only for a disabled one)
     */
    record Declared(DatastoreConfig config, DatastoreProvider provider) {}

    /**
     * @param datastores every datastore, valid or not, in file order
     * @param problems every problem found, in file order
     * @param unresolved those of the problems caused by a variable unset in this environment, each
     *     ending with the note that names the variable; the others are the file's own
     * @param onlyMissingProviders whether every problem is a missing provider jar
     */
    record Parsed(
            List<Declared> datastores,
            List<ConfigProblem> problems,
            List<ConfigProblem> unresolved,
            boolean onlyMissingProviders) {}

    private ConfigParser(Interpolator interpolator, ProviderRegistry registry) {
        this.interpolator = interpolator;
        this.registry = registry;
    }

    /** @param document the YAML document, already known to be a non-empty mapping with {@code datastores} */
    static Parsed parse(Map<?, ?> document, Interpolator interpolator, ProviderRegistry registry) {
        ConfigParser parser = new ConfigParser(interpolator, registry);
        parser.file(document);
        return new Parsed(
                List.copyOf(parser.declared),
                List.copyOf(parser.problems),
                List.copyOf(parser.unresolved),
                !parser.problems.isEmpty() && parser.missingProviders.containsAll(parser.problems));
    }

    private void file(Map<?, ?> document) {
        for (Object key : document.keySet()) {
            if (!FILE_KEYS.contains(String.valueOf(key))) {
                problem(
                        null,
                        String.valueOf(key),
                        "Unknown top-level key" + Suggestions.didYouMean(String.valueOf(key), FILE_KEYS));
            }
        }
        if (!(document.get("datastores") instanceof Map<?, ?> datastores)) {
            problem(null, "datastores", "Must be a mapping of datastore names to their settings");
            return;
        }
        datastores.forEach((name, body) -> datastore(String.valueOf(name), body));
        checkLogicalDatabasesAreUnique();
    }

    private void datastore(String name, Object body) {
        if (!(body instanceof Map<?, ?> map)) {
            problem(name, "datastore", "Must be a mapping with at least 'type' and 'connection'");
            return;
        }
        int firstProblem = problems.size();
        unknownKeys(name, "", map.keySet(), DATASTORE_KEYS);
        Scalars scalars = new Scalars(name);
        String type =
                scalars.text("type", map.get("type")).toLowerCase(Locale.ROOT).strip();
        boolean enabled = scalars.bool("enabled", map.get("enabled"), true);
        DatastoreProvider provider = type.isEmpty() ? null : registry.find(type).orElse(null);
        if (type.isEmpty()) {
            problem(name, "type", "Must specify type; installed types: " + String.join(", ", registry.types()));
        } else if (provider == null && enabled && registry.isOurs(type)) {
            ConfigProblem missing = new ConfigProblem(name, "type", registry.missing(type));
            problems.add(missing);
            missingProviders.add(missing);
        } else if (provider == null && enabled) {
            problem(name, "type", registry.missing(type));
        }
        Map<String, String> connection = new LinkedHashMap<>();
        Map<String, String> properties = new LinkedHashMap<>();
        connection(name, map.get("connection"), scalars, connection, properties);
        if (provider != null) {
            Set<String> known = new TreeSet<>(provider.connectionKeys());
            known.addAll(PoolSettings.KEYS);
            unknownKeys(name, "connection.", connection.keySet(), known);
        }
        DatastoreConfig config = new DatastoreConfig(
                name,
                provider == null ? type : provider.type(),
                scalars.text("description", map.get("description")),
                scalars.list("tags", map.get("tags")),
                enabled,
                connection,
                properties,
                pool(name, connection),
                databases(name, map.get("databases"), scalars));
        if (provider != null
                && !config.databases().isEmpty()
                && !provider.capabilities().contains(Capability.SCHEMAS)) {
            problem(
                    name,
                    "databases",
                    "Datastore type '" + provider.type()
                            + "' has no schemas, so it cannot declare logical databases; remove 'databases:'");
        }
        declared.add(new Declared(config, provider));
        if (provider != null && enabled) {
            // A disabled datastore is listed but never connects, so half-filled settings are fine.
            provider.validate(config).forEach(p -> problem(p.datastore(), p.key(), p.message()));
        }
        separateUnresolved(firstProblem, scalars);
    }

    /** Marks this datastore's problems in values that used unset variables as {@link #unresolved}. */
    private void separateUnresolved(int firstProblem, Scalars scalars) {
        List<ConfigProblem> own = problems.subList(firstProblem, problems.size());
        Set<String> reported = new HashSet<>();
        for (int i = 0; i < own.size(); i++) {
            ConfigProblem p = own.get(i);
            String note = scalars.unsetNote(p.key());
            // One message per key: a value core already refused (a port) is not refused again by the provider.
            if (!reported.add(p.key())) {
                own.remove(i--);
            } else if (!p.key().equals("type") && !note.isEmpty()) {
                ConfigProblem named = new ConfigProblem(p.datastore(), p.key(), p.message() + note);
                own.set(i, named);
                unresolved.add(named);
            }
        }
    }

    private void connection(
            String name, Object raw, Scalars scalars, Map<String, String> connection, Map<String, String> properties) {
        if (raw == null) {
            return;
        }
        if (!(raw instanceof Map<?, ?> map)) {
            problem(name, "connection", "Must be a mapping of connection settings");
            return;
        }
        map.forEach((rawKey, value) -> {
            String written = String.valueOf(rawKey);
            String key = CONNECTION_ALIASES.getOrDefault(written, written);
            if (key.equals(PROPERTIES)) {
                driverProperties(name, value, scalars, properties);
            } else if (value instanceof Map || (value instanceof List<?> items && !allScalars(items))) {
                problem(
                        name,
                        "connection." + written,
                        "Must be a single value or a list of single values, not a mapping");
            } else if (connection.containsKey(key)) {
                problem(
                        name,
                        "connection." + written,
                        "Give either '" + key + "' or its alias '" + written + "', not both");
            } else {
                // A list (contact points such as Cassandra's hosts: [a, b]) is kept as the
                // comma-separated text every provider already reads for such keys.
                connection.put(
                        key,
                        value instanceof List
                                ? String.join(",", scalars.list("connection." + key, value))
                                : scalars.text("connection." + key, value));
            }
        });
        port(name, connection.get("port"));
    }

    private static boolean allScalars(List<?> items) {
        return items.stream().noneMatch(item -> item instanceof Map || item instanceof List);
    }

    private void driverProperties(String name, Object value, Scalars scalars, Map<String, String> properties) {
        if (!(value instanceof Map<?, ?> map)) {
            problem(name, "connection.properties", "Must be a mapping of driver property names to values");
            return;
        }
        map.forEach((k, v) -> properties.put(String.valueOf(k), scalars.text("connection.properties." + k, v)));
    }

    private void port(String name, String port) {
        if (port == null || port.isBlank()) {
            return;
        }
        Integer number = integer(port);
        if (number == null || number < 1 || number > 65535) {
            problem(name, "connection.port", "Port must be a whole number from 1 to 65535, got '" + port + "'");
        }
    }

    private PoolSettings pool(String name, Map<String, String> connection) {
        int min = poolNumber(name, connection, "min_pool_size", PoolSettings.DEFAULT.minSize(), 0);
        int max = poolNumber(name, connection, "max_pool_size", Math.max(min, PoolSettings.DEFAULT.maxSize()), 1);
        int timeout = poolNumber(
                name,
                connection,
                "connect_timeout",
                (int) PoolSettings.DEFAULT.connectTimeout().toSeconds(),
                1);
        if (min > max) {
            problem(
                    name,
                    "connection.min_pool_size",
                    "min_pool_size (" + min + ") must not exceed max_pool_size (" + max + ")");
            return PoolSettings.DEFAULT;
        }
        return new PoolSettings(min, max, Duration.ofSeconds(timeout));
    }

    private int poolNumber(String name, Map<String, String> connection, String key, int defaultValue, int least) {
        String raw = connection.get(key);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        Integer number = integer(raw);
        if (number == null || number < least) {
            problem(
                    name,
                    "connection." + key,
                    key + " must be a whole number of at least " + least + ", got '" + raw + "'");
            return defaultValue;
        }
        return number;
    }

    private Map<String, String> databases(String name, Object raw, Scalars scalars) {
        Map<String, String> databases = new LinkedHashMap<>();
        if (raw instanceof List<?> list) {
            list.forEach(item -> {
                String logical = scalars.text("databases", item);
                databases.put(logical, logical);
            });
        } else if (raw instanceof Map<?, ?> map) {
            map.forEach((k, v) -> databases.put(String.valueOf(k), scalars.text("databases." + k, v)));
        } else if (raw != null) {
            problem(name, "databases", "Must be a list of logical database names, or a mapping of name to schema");
        }
        return databases;
    }

    private void checkLogicalDatabasesAreUnique() {
        Map<String, String> owner = new HashMap<>();
        for (Declared d : declared) {
            for (String logical : d.config().databases().keySet()) {
                String previous = owner.putIfAbsent(logical, d.config().name());
                if (previous != null) {
                    problem(
                            d.config().name(),
                            "databases",
                            "Logical database '" + logical + "' is also declared by datastore '" + previous
                                    + "'; logical database names must be unique across datastores");
                }
            }
        }
    }

    private void unknownKeys(String name, String prefix, Set<?> keys, Set<String> known) {
        for (Object key : keys) {
            String k = String.valueOf(key);
            if (!known.contains(k)) {
                problem(
                        name,
                        prefix + k,
                        "Unknown key" + Suggestions.didYouMean(k, known) + "; valid keys: "
                                + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    private void problem(String datastore, String key, String message) {
        problems.add(new ConfigProblem(datastore, key, message));
    }

    private static Integer integer(String text) {
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Resolves the scalars of one datastore and remembers which keys used unset variables. */
    private final class Scalars {
        private final String datastore;
        private final Map<String, Set<String>> unsetByKey = new HashMap<>();

        Scalars(String datastore) {
            this.datastore = datastore;
        }

        String text(String key, Object raw) {
            if (raw == null) {
                return "";
            }
            if (!(raw instanceof String s)) {
                return String.valueOf(raw);
            }
            try {
                Interpolator.Result result = interpolator.resolve(s);
                if (!result.unset().isEmpty()) {
                    unsetByKey.put(key, result.unset());
                }
                return result.value();
            } catch (Interpolator.SyntaxException e) {
                problem(datastore, key, "Bad placeholder: " + e.getMessage());
                return "";
            }
        }

        boolean bool(String key, Object raw, boolean defaultValue) {
            if (raw instanceof Boolean b) {
                return b;
            }
            String text = text(key, raw).strip().toLowerCase(Locale.ROOT);
            return switch (text) {
                case "" -> defaultValue;
                case "true" -> true;
                case "false" -> false;
                default -> {
                    problem(datastore, key, "Must be true or false, got '" + text + "'");
                    yield defaultValue;
                }
            };
        }

        List<String> list(String key, Object raw) {
            if (raw instanceof List<?> items) {
                return items.stream()
                        .map(item -> text(key, item))
                        .filter(s -> !s.isBlank())
                        .toList();
            }
            String single = text(key, raw);
            return single.isBlank() ? List.of() : List.of(single);
        }

        String unsetNote(String key) {
            Set<String> unset = unsetByKey.get(key);
            if (unset == null) {
                return "";
            }
            return " ("
                    + String.join(", ", unset.stream().map(v -> "${" + v + "}").toList())
                    + (unset.size() == 1 ? " is" : " are") + " not set in the environment or .env)";
        }
    }
}
