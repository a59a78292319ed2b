package io.datastores.jdbc;

import io.datastores.api.Capability;
import io.datastores.api.Category;
import io.datastores.api.Datastore;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DatastoreProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link DatastoreProvider} for a JDBC database, declared rather than written: a provider class
 * is one constructor call that names its type, capabilities, connection keys, checks, dialect and
 * features, and this class answers the SPI from that declaration and opens a {@link JdbcDatastore}.
 *
 * <pre>{@code
 * public final class H2DatastoreProvider extends BaseJdbcProvider {
 *     public H2DatastoreProvider() {
 *         super(define("h2").capabilities(Capability.TRANSACTIONS, Capability.EMBEDDED)
 *                 .embeddedFile().dialect(H2Dialect::new));
 *     }
 * }
 * }</pre>
 *
 * <p>Public API of {@code datastores-jdbc}. Stateless and thread-safe once constructed; opening a
 * datastore connects nowhere and touches no driver class (features are created on first use).
 */
public abstract class BaseJdbcProvider implements DatastoreProvider {
    private final Definition definition;

    /**
     * @param definition what the provider is; copied, so later changes to it have no effect
     */
    protected BaseJdbcProvider(Definition definition) {
        this.definition = definition.copy();
    }

    /**
     * Starts a declaration.
     *
     * @param type the canonical {@code type:} of {@code datastores.yaml}, such as {@code postgres}
     * @return a declaration with category {@link Category#SQL} and nothing else yet
     */
    protected static Definition define(String type) {
        return new Definition(type);
    }

    @Override
    public final String type() {
        return definition.type;
    }

    @Override
    public final Set<String> aliases() {
        return Set.copyOf(definition.aliases);
    }

    @Override
    public final Category category() {
        return definition.category;
    }

    @Override
    public final Set<Capability> capabilities() {
        return definition.capabilities;
    }

    @Override
    public final Set<String> connectionKeys() {
        return Set.copyOf(definition.keys);
    }

    /** Runs every declared check, in declaration order, and returns all their problems. */
    @Override
    public final List<ConfigProblem> validate(DatastoreConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (Function<DatastoreConfig, List<ConfigProblem>> check : definition.checks) {
            problems.addAll(check.apply(config));
        }
        return problems;
    }

    @Override
    public final Datastore open(DatastoreConfig config) {
        return new JdbcDatastore(config, definition.dialect.get(), definition.capabilities, definition.features);
    }

    /**
     * What a JDBC provider declares. Not thread-safe: build it in the provider's constructor.
     */
    public static final class Definition {
        private final String type;
        private final Set<String> aliases = new LinkedHashSet<>();
        private Category category = Category.SQL;
        private Set<Capability> capabilities = EnumSet.of(Capability.SQL, Capability.POOLING, Capability.INTROSPECTION);
        private final Set<String> keys = new LinkedHashSet<>();
        private final List<Function<DatastoreConfig, List<ConfigProblem>>> checks = new ArrayList<>();
        private Supplier<JdbcDialect> dialect;
        private final List<Function<JdbcDatastore, ?>> features = new ArrayList<>();

        private Definition(String type) {
            this.type = Objects.requireNonNull(type, "type is null");
        }

        private Definition copy() {
            Objects.requireNonNull(dialect, "dialect is not declared");
            Definition copy = new Definition(type);
            copy.aliases.addAll(aliases);
            copy.category = category;
            copy.capabilities = Collections.unmodifiableSet(EnumSet.copyOf(capabilities));
            copy.keys.addAll(keys);
            copy.checks.addAll(checks);
            copy.dialect = dialect;
            copy.features.addAll(features);
            return copy;
        }

        /**
         * @param more other accepted spellings of the type, such as {@code postgresql}
         * @return this declaration
         */
        public Definition aliases(String... more) {
            aliases.addAll(List.of(more));
            return this;
        }

        /**
         * @param family the category; {@link Category#SQL} unless declared
         * @return this declaration
         */
        public Definition category(Category family) {
            category = Objects.requireNonNull(family, "family is null");
            return this;
        }

        /**
         * Adds capabilities. {@link Capability#SQL}, {@link Capability#POOLING} and
         * {@link Capability#INTROSPECTION} are declared from the start, since every
         * {@link JdbcDatastore} runs SQL, pools its connections and describes tables.
         *
         * @param declared what else datastores of this type can do, declared honestly (the kit
         *     tests each capability both ways)
         * @return this declaration
         */
        public Definition capabilities(Capability... declared) {
            capabilities.addAll(List.of(declared));
            return this;
        }

        /**
         * @param accepted keys accepted under {@code connection:}, beyond those other declarations add
         * @return this declaration
         */
        public Definition connectionKeys(String... accepted) {
            keys.addAll(List.of(accepted));
            return this;
        }

        /**
         * @param keys the keys the check reads, accepted under {@code connection:}
         * @param check a configuration check returning every problem it finds
         * @return this declaration
         */
        public Definition check(Set<String> keys, Function<DatastoreConfig, List<ConfigProblem>> check) {
            this.keys.addAll(keys);
            checks.add(Objects.requireNonNull(check, "check is null"));
            return this;
        }

        /**
         * A server database: {@code host}, {@code port}, {@code database}, {@code user},
         * {@code password} or a full {@code url}, checked by {@link JdbcConfigChecks#serverLocation}.
         *
         * @return this declaration
         */
        public Definition server() {
            return check(ServerAddress.KEYS, config -> JdbcConfigChecks.serverLocation(config, false));
        }

        /**
         * An embedded database: {@code database} is a file path or {@code :memory:}, checked by
         * {@link EmbeddedFile#validate}.
         *
         * @return this declaration
         */
        public Definition embeddedFile() {
            return check(Set.of("database"), EmbeddedFile::validate);
        }

        /**
         * @param booleanKeys keys that, when given, must be {@code true} or {@code false}
         * @return this declaration
         */
        public Definition booleanKeys(String... booleanKeys) {
            return check(Set.of(booleanKeys), config -> JdbcConfigChecks.booleans(config, booleanKeys));
        }

        /**
         * @param factory creates the dialect for each datastore opened; it must not touch the
         *     driver's classes
         * @return this declaration
         */
        public Definition dialect(Supplier<JdbcDialect> factory) {
            dialect = Objects.requireNonNull(factory, "factory is null");
            return this;
        }

        /**
         * Adds a type-specific extra (bulk reader, bulk writer, table creator …), created on first
         * request through {@link JdbcDatastore#feature(Class)}. Pass a lambda, not a method reference,
         * so the feature's class (and through it the driver's) loads only on first use. Features
         * declared first win; a {@link io.datastores.api.bulk.TableCreator} using the dialect's types
         * is always added last.
         *
         * @param factory creates the feature for a datastore
         * @return this declaration
         */
        public Definition feature(Function<JdbcDatastore, ?> factory) {
            features.add(Objects.requireNonNull(factory, "factory is null"));
            return this;
        }

        /**
         * Adds the portable bulk writer, bound multi-row INSERTs ({@link JdbcInsertBulkWriter}),
         * for a database with no bulk-load interface of its own.
         *
         * @return this declaration
         */
        public Definition insertWrites() {
            return feature(datastore -> new JdbcInsertBulkWriter(datastore));
        }

        /**
         * Adds the default bulk reader: a streaming result set filled into Arrow batches
         * ({@link JdbcBulkReader}).
         *
         * @param fetchSize the fetch size that makes the driver stream rather than buffer the
         *     result ({@link Integer#MIN_VALUE} for Connector/J)
         * @return this declaration
         */
        public Definition streamingReads(int fetchSize) {
            return feature(datastore -> new JdbcBulkReader(datastore, fetchSize));
        }
    }
}
