package io.datastores.registry;

import io.datastores.api.Category;
import io.datastores.api.Datastore;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DatastoreProvider;
import io.datastores.api.spi.PoolSettings;
import io.datastores.core.Datastores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The installed providers, found through {@link java.util.ServiceLoader} by core: a stored
 * definition becomes the provider's own {@link DatastoreConfig}, validated and opened by it.
 */
final class Providers {
    private final List<DatastoreProvider> providers;

    Providers(ClassLoader classLoader) {
        this.providers = Datastores.installedProviders(classLoader);
    }

    List<DatastoreProvider> all() {
        return providers;
    }

    /** @return the provider whose type or alias is {@code system}, in any case */
    Optional<DatastoreProvider> find(String system) {
        String wanted = system.toLowerCase(Locale.ROOT);
        return providers.stream()
                .filter(p -> p.type().equals(wanted) || p.aliases().contains(wanted))
                .findFirst();
    }

    static String typeOf(Category category) {
        return category.name().toLowerCase(Locale.ROOT);
    }

    /** @return field → messages for what the provider itself finds wrong with a definition */
    Map<String, List<String>> validate(DatastoreProvider provider, Definition definition) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (ConfigProblem problem : provider.validate(config(provider, definition, Duration.ofSeconds(10)))) {
            String key = problem.key().startsWith("connection.")
                    ? problem.key().substring("connection.".length())
                    : problem.key();
            String field =
                    Optional.ofNullable(ConfigMapping.fieldOf(provider, key)).orElse("non_field_errors");
            String message = field.equals("non_field_errors") ? key + ": " + problem.message() : problem.message();
            errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
        }
        return errors;
    }

    /** Opens a short-lived datastore for one connection test: one pooled connection, the given timeout. */
    Datastore open(DatastoreProvider provider, Definition definition, Duration timeout) {
        return provider.open(config(provider, definition, timeout));
    }

    private static DatastoreConfig config(DatastoreProvider provider, Definition definition, Duration timeout) {
        return new DatastoreConfig(
                definition.name(),
                provider.type(),
                definition.description(),
                List.of(),
                definition.active(),
                ConfigMapping.connection(provider, definition),
                Map.of(),
                new PoolSettings(0, 1, timeout),
                Map.of());
    }
}
