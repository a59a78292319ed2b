package io.datastores.core.internal;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.DatastoreProvider;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;

/** The providers found on the class path, by type and alias. */
public final class ProviderRegistry {
    /** Types we ship, so a missing jar can be named exactly. */
    private static final Map<String, String> OUR_ARTIFACTS = Map.ofEntries(
            Map.entry("postgres", "datastores-provider-postgres"),
            Map.entry("postgresql", "datastores-provider-postgres"),
            Map.entry("mysql", "datastores-provider-mysql"),
            Map.entry("mariadb", "datastores-provider-mysql"),
            Map.entry("starrocks", "datastores-provider-starrocks"),
            Map.entry("clickhouse", "datastores-provider-clickhouse"),
            Map.entry("duckdb", "datastores-provider-duckdb"),
            Map.entry("sqlite", "datastores-provider-sqlite"),
            Map.entry("s3", "datastores-provider-s3"),
            Map.entry("object_storage", "datastores-provider-s3"));

    private final Map<String, DatastoreProvider> byName = new TreeMap<>();
    private final List<DatastoreProvider> providers;

    private ProviderRegistry(List<DatastoreProvider> providers) {
        this.providers = List.copyOf(providers);
        for (DatastoreProvider provider : providers) {
            register(provider.type(), provider);
            provider.aliases().forEach(alias -> register(alias, provider));
        }
    }

    /**
     * @param classLoader where to look for {@code META-INF/services} entries
     * @return the providers installed there
     */
    public static ProviderRegistry load(ClassLoader classLoader) {
        return new ProviderRegistry(ServiceLoader.load(DatastoreProvider.class, classLoader).stream()
                .map(ServiceLoader.Provider::get)
                .toList());
    }

    private void register(String name, DatastoreProvider provider) {
        DatastoreProvider previous = byName.putIfAbsent(name.toLowerCase(Locale.ROOT), provider);
        if (previous != null && previous != provider) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_CONFIG,
                    "Two providers claim datastore type '" + name + "': "
                            + previous.getClass().getName() + " and "
                            + provider.getClass().getName()
                            + "; remove one of the jars");
        }
    }

    /** @return every installed provider */
    public List<DatastoreProvider> providers() {
        return providers;
    }

    /**
     * @param type a type or alias, in any case
     * @return its provider, if installed
     */
    public Optional<DatastoreProvider> find(String type) {
        return Optional.ofNullable(byName.get(type.toLowerCase(Locale.ROOT)));
    }

    /** @return the canonical types installed, sorted */
    public TreeSet<String> types() {
        TreeSet<String> types = new TreeSet<>();
        providers.forEach(p -> types.add(p.type()));
        return types;
    }

    /**
     * @param type a type that has no installed provider
     * @return why it cannot be used: the artifact to add, or the installed types
     */
    String missing(String type) {
        String artifact = OUR_ARTIFACTS.get(type.toLowerCase(Locale.ROOT));
        if (artifact != null) {
            return "Datastore type '" + type + "' needs the provider jar io.datastores:" + artifact
                    + "; add it to your dependencies (version from datastores-bom)";
        }
        return "Unknown datastore type '" + type + "'" + Suggestions.didYouMean(type, byName.keySet())
                + "; installed types: " + (types().isEmpty() ? "none" : String.join(", ", types()));
    }

    boolean isOurs(String type) {
        return OUR_ARTIFACTS.containsKey(type.toLowerCase(Locale.ROOT));
    }
}
