package io.datastores.core;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DatastoreProvider;
import io.datastores.core.internal.ConfigLoader;
import io.datastores.core.internal.ConfigSchema;
import io.datastores.core.internal.ProviderRegistry;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The registry of named datastores read from a {@code datastores.yaml}.
 *
 * <pre>{@code
 * try (Datastores datastores = Datastores.load(Path.of("datastores.yaml"))) {
 *     QueryResult result = datastores.get("warehouse").query("select count(*) from orders");
 * }
 * }</pre>
 *
 * <p>Loading reads the file, resolves {@code ${VAR:default}} placeholders (system properties,
 * then the environment, then {@code .env.PROFILE} and {@code .env} files beside the YAML),
 * validates every datastore through its provider and reports every problem of the file at once.
 * A datastore whose values need variables this environment has not set does not fail the load:
 * it is listed, {@link #problems()} names what it lacks, and its first use throws a
 * {@link ConfigException} with those problems ({@link DatastoresLoader#strict(boolean)} restores the
 * all-or-nothing load). Nothing connects and no driver is loaded until a datastore is first used.
 * Thread-safe; {@link #close()} closes every datastore.
 */
public final class Datastores implements AutoCloseable {
    /** The variable (or system property) naming the profile whose {@code .env.PROFILE} is read. */
    public static final String PROFILE_VARIABLE = "DATASTORES_PROFILE";

    private final Map<String, Datastore> byName;
    private final List<DatastoreConfig> configs;
    private final List<ConfigProblem> problems;
    private final List<Path> envFiles;
    private final ProviderRegistry registry;

    Datastores(
            ConfigLoader.Loaded loaded,
            List<Path> envFiles,
            ProviderRegistry registry,
            List<UnaryOperator<Datastore>> decorators) {
        this.byName = decorated(loaded.datastores(), decorators);
        this.configs = loaded.configs();
        this.problems = loaded.unresolved();
        this.envFiles = envFiles;
        this.registry = registry;
    }

    private static Map<String, Datastore> decorated(
            Map<String, Datastore> opened, List<UnaryOperator<Datastore>> decorators) {
        if (decorators.isEmpty()) {
            return opened;
        }
        Map<String, Datastore> result = new LinkedHashMap<>();
        opened.forEach((name, datastore) -> {
            Datastore wrapped = datastore;
            for (UnaryOperator<Datastore> decorator : decorators) {
                wrapped = Objects.requireNonNull(decorator.apply(wrapped), "a decorator returned null");
                if (!wrapped.name().equals(name)) {
                    throw new IllegalStateException(
                            "A decorator renamed datastore '" + name + "' to '" + wrapped.name() + "'");
                }
            }
            result.put(name, wrapped);
        });
        return Collections.unmodifiableMap(result);
    }

    /**
     * @param providers the providers to describe, such as {@link #installedProviders(ClassLoader)}
     * @return a JSON Schema (draft 2020-12) of {@code datastores.yaml} for these providers, as
     *     nested maps and lists ready to print as JSON: every type and alias, each type's
     *     connection keys, the pool keys and logical databases; editors use it to complete and check the file
     */
    public static Map<String, Object> configSchema(List<DatastoreProvider> providers) {
        return ConfigSchema.of(providers);
    }

    /**
     * @param classLoader where to look for providers
     * @return the providers installed there, without reading any configuration
     */
    public static List<DatastoreProvider> installedProviders(ClassLoader classLoader) {
        return ProviderRegistry.load(classLoader).providers();
    }

    /**
     * Loads a configuration file, taking variables from system properties, the environment and a
     * {@code .env} file beside it.
     *
     * @param file the {@code datastores.yaml}
     * @return the registry
     * @throws ConfigException listing every problem when the file is not valid
     */
    public static Datastores load(Path file) {
        return loader().load(file);
    }

    /**
     * Loads a configuration file, taking variables from the given map instead of the process
     * environment and system properties (a {@code .env} beside the file still applies beneath it).
     *
     * @param file the {@code datastores.yaml}
     * @param environment variable values
     * @return the registry
     */
    public static Datastores load(Path file, Map<String, String> environment) {
        return loader().environment(environment).load(file);
    }

    /**
     * Loads a configuration from YAML text, taking variables from system properties and the
     * environment.
     *
     * @param yaml the configuration
     * @return the registry
     */
    public static Datastores fromYaml(String yaml) {
        return loader().fromYaml(yaml);
    }

    /**
     * Loads a configuration from YAML text, taking variables from the given map only.
     *
     * @param yaml the configuration
     * @param environment variable values
     * @return the registry
     */
    public static Datastores fromYaml(String yaml, Map<String, String> environment) {
        return loader().environment(environment).fromYaml(yaml);
    }

    /**
     * Opens one datastore from settings given in code rather than a file, such as a sync job's
     * inline {@code connection}: validated exactly as a {@code datastores.yaml} entry, every
     * problem reported at once. Values are taken as they are, never expanded: a value that came
     * from the environment and holds <code>${</code> stays intact.
     *
     * @param name the datastore's name
     * @param type its type or an alias
     * @param connection the settings under {@code connection:}, aliases allowed
     * @return a registry holding just that datastore; the caller closes it
     * @throws ConfigException listing every problem
     */
    public static Datastores inline(String name, String type, Map<String, String> connection) {
        Map<String, Object> literal = new LinkedHashMap<>();
        // The loader resolves placeholders in every value; an escaped ${ reads back as itself.
        connection.forEach((key, value) -> literal.put(key, value == null ? null : value.replace("${", "\\${")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("connection", literal);
        ProviderRegistry registry = ProviderRegistry.load(Datastores.class.getClassLoader());
        Map<String, Object> document = Map.of("datastores", Map.of(name, body));
        return new Datastores(
                ConfigLoader.load(document, "inline datastore '" + name + "'", variable -> null, registry, true),
                List.of(),
                registry,
                List.of());
    }

    /**
     * @return a loader for the less common options (explicit {@code .env} file, class loader,
     *     decorators)
     */
    public static DatastoresLoader loader() {
        return new DatastoresLoader();
    }

    /**
     * Returns a datastore by name. A datastore that needs variables this environment has not set
     * is returned too, but refuses every use; see {@link #require(String)}.
     *
     * @param name a datastore's name, matched exactly
     * @return the datastore
     * @throws DatastoreException with {@link ErrorCode#NOT_FOUND} naming the known datastores
     */
    public Datastore get(String name) {
        return find(name)
                .orElseThrow(() -> DatastoreException.of(
                        ErrorCode.NOT_FOUND,
                        "Datastore '" + name + "' not found; known datastores: "
                                + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet()))));
    }

    /**
     * Returns a datastore that can be used now: for jobs that must fail before any work starts
     * when one of the datastores they name cannot be used.
     *
     * @param name a datastore's name, matched exactly
     * @return the datastore
     * @throws DatastoreException with {@link ErrorCode#NOT_FOUND} for an unknown name
     * @throws ConfigException listing the datastore's problems when it needs variables this
     *     environment has not set (the same message its first use would throw)
     * @throws DatastoreException with {@link ErrorCode#INVALID_CONFIG} when it is disabled
     */
    public Datastore require(String name) {
        Datastore datastore = get(name);
        if (!datastore.enabled() || problems.stream().anyMatch(p -> name.equals(p.datastore()))) {
            datastore.connect(); // refuses with its reason, exactly as any other use would
        }
        return datastore;
    }

    /**
     * @return the problems of datastores that need variables this environment has not set, in
     *     file order, each naming the datastore, the key and the variable; empty when every
     *     enabled datastore can be used
     */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** @return the {@code .env} files variables were read from, lowest precedence first */
    public List<Path> envFiles() {
        return envFiles;
    }

    /**
     * @param name a datastore's name
     * @return the datastore, if declared
     */
    public Optional<Datastore> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @return every datastore, enabled or not, in file order */
    public List<Datastore> list() {
        return List.copyOf(byName.values());
    }

    /** @return the datastores' names in file order */
    public Set<String> names() {
        return byName.keySet();
    }

    /**
     * @param tag a tag, matched exactly
     * @return the datastores carrying it, in file order
     */
    public List<Datastore> withTag(String tag) {
        return byName.values().stream().filter(d -> d.tags().contains(tag)).toList();
    }

    /**
     * @param type a type or one of its aliases, in any case ({@code postgresql} finds {@code postgres})
     * @return the datastores of that type, in file order
     */
    public List<Datastore> ofType(String type) {
        String canonical = registry.find(type).map(DatastoreProvider::type).orElse(type.toLowerCase(Locale.ROOT));
        return byName.values().stream().filter(d -> d.type().equals(canonical)).toList();
    }

    /** @return the providers installed on the class path */
    public List<DatastoreProvider> providers() {
        return registry.providers();
    }

    /**
     * @param type a type or alias, in any case
     * @return the installed provider of that type, if any
     */
    public Optional<DatastoreProvider> provider(String type) {
        return registry.find(type);
    }

    /**
     * Removes every secret of this configuration from a text, such as a stack trace about to be
     * shown: each datastore's secret values and any password inside a URL.
     *
     * @param text any text; may be {@code null}
     * @return the text with secrets replaced by {@code ****}
     */
    public String redact(String text) {
        String result = text;
        for (DatastoreConfig config : configs) {
            result = config.redact(result);
        }
        return result == null ? null : DatastoreConfig.redactUrl(result);
    }

    /**
     * Connects every enabled datastore, trying them all even when some fail.
     *
     * @throws DatastoreException the first failure, with the others attached as suppressed
     */
    public void connectAll() {
        EveryDatastore.run(byName.values().stream().filter(Datastore::enabled).toList(), Datastore::connect);
    }

    /**
     * Returns a view of the datastore that declares the given logical databases, running
     * statements in the schemas they map onto.
     *
     * @param logicalName a logical database ({@code databases:} entry)
     * @param more further logical databases of the same datastore
     * @return the view; closing it does nothing
     * @throws DatastoreException with {@link ErrorCode#NOT_FOUND} for an undeclared name, or
     *     {@link ErrorCode#UNSUPPORTED} ("Cannot query across different datasources: ...") when
     *     the names live on different datastores
     */
    public Datastore database(String logicalName, String... more) {
        return LogicalDatabases.view(byName.values(), logicalName, more);
    }

    /**
     * Prepares a copy of a table into a table of another (or the same) datastore; see {@link Transfer}.
     *
     * @param source the source datastore's name
     * @param sourceTable the table to read
     * @param target the target datastore's name
     * @param targetTable the table to write; created from the source's types when missing
     * @return the transfer, to configure and run
     */
    public Transfer copy(String source, TableRef sourceTable, String target, TableRef targetTable) {
        return new Transfer(require(source), ReadRequest.table(sourceTable), require(target), targetTable);
    }

    /**
     * Prepares a copy of a query's rows into a table; see {@link Transfer}.
     *
     * @param source the source datastore's name
     * @param sql the query, with {@code ?} for each parameter
     * @param params values bound in order
     * @param target the target datastore's name
     * @param targetTable the table to write; created from the query's types when missing
     * @return the transfer, to configure and run
     */
    public Transfer copyQuery(String source, String sql, List<?> params, String target, TableRef targetTable) {
        return new Transfer(require(source), ReadRequest.query(sql, params.toArray()), require(target), targetTable);
    }

    /**
     * Closes every datastore, going on when one fails.
     *
     * @throws DatastoreException the first failure, with the others attached as suppressed
     */
    @Override
    public void close() {
        EveryDatastore.run(byName.values(), Datastore::close);
    }

    /** @return the datastores' names, never their settings */
    @Override
    public String toString() {
        return "Datastores" + byName.keySet();
    }
}
