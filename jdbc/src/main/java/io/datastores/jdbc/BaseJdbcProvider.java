package io.datastores.jdbc;

import io.datastores.api.Capability;
import io.datastores.api.Category;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DeclaredProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link DeclaredProvider} for a JDBC database: a provider class
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
public abstract class BaseJdbcProvider extends DeclaredProvider {
    /**
     * @param definition what the provider is; copied, so later changes to it have no effect
     */
    protected BaseJdbcProvider(Definition definition) {
        super(definition.declaration());
    }

    /**
     * Starts a declaration.
     *
     * @param type the canonical {@code type:} of {@code datastores.yaml}, such as {@code postgres}
     * @return a declaration of category {@link Category#SQL} with the capabilities every
     *     {@link JdbcDatastore} has and nothing else yet
     */
    protected static Definition define(String type) {
        return new Definition(declare(type, Category.SQL));
    }

    /**
     * What a JDBC provider declares: the {@link DeclaredProvider.Declaration} of every provider
     * plus a dialect and features. Not thread-safe: build it in the provider's constructor.
     */
    public static final class Definition {
        private final Declaration declaration;
        private Supplier<JdbcDialect> dialect;
        private final List<Function<JdbcDatastore, ?>> features = new ArrayList<>();

        private Definition(Declaration declaration) {
            // Every JdbcDatastore runs SQL, pools its connections and describes tables.
            this.declaration = declaration.capabilities(Capability.SQL, Capability.POOLING, Capability.INTROSPECTION);
        }

        private Declaration declaration() {
            Supplier<JdbcDialect> dialectFactory = Objects.requireNonNull(dialect, "dialect is not declared");
            List<Function<JdbcDatastore, ?>> declaredFeatures = List.copyOf(features);
            return declaration.opens((config, capabilities) ->
                    new JdbcDatastore(config, dialectFactory.get(), capabilities, declaredFeatures));
        }

        /**
         * @param more other accepted spellings of the type, such as {@code postgresql}
         * @return this declaration
         */
        public Definition aliases(String... more) {
            declaration.aliases(more);
            return this;
        }

        /**
         * Adds capabilities. {@link Capability#SQL}, {@link Capability#POOLING} and
         * {@link Capability#INTROSPECTION} are declared from the start.
         *
         * @param declared what else datastores of this type can do, declared honestly (the kit
         *     tests each capability both ways)
         * @return this declaration
         */
        public Definition capabilities(Capability... declared) {
            declaration.capabilities(declared);
            return this;
        }

        /**
         * @param accepted keys accepted under {@code connection:}, beyond those other declarations add
         * @return this declaration
         */
        public Definition connectionKeys(String... accepted) {
            declaration.connectionKeys(accepted);
            return this;
        }

        /**
         * @param keys the keys the check reads, accepted under {@code connection:}
         * @param check a configuration check returning every problem it finds
         * @return this declaration
         */
        public Definition check(Set<String> keys, Function<DatastoreConfig, List<ConfigProblem>> check) {
            declaration.check(keys, check);
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
