package io.datastores.api.spi;

import io.datastores.api.Capability;
import io.datastores.api.Category;
import io.datastores.api.Datastore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A {@link DatastoreProvider} declared rather than written: the provider class is one constructor
 * call naming its type, category, capabilities, connection keys, checks and how it opens a
 * datastore, and this class answers the SPI from that declaration. Every provider, JDBC or not,
 * is written this way ({@code datastores-jdbc}'s {@code BaseJdbcProvider} builds on it).
 *
 * <pre>{@code
 * public final class FolderDatastoreProvider extends DeclaredProvider {
 *     public FolderDatastoreProvider() {
 *         super(declare("folder", Category.KEYVALUE).capabilities(Capability.INTROSPECTION)
 *                 .check(Set.of("path"), FolderSettings::validate)
 *                 .opens((config, capabilities) -> new FolderDatastore(config, capabilities)));
 *     }
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe once constructed. The opener must not connect or load driver
 * classes: pass a lambda, so the datastore's class loads only when a datastore is opened.
 */
public abstract class DeclaredProvider implements DatastoreProvider {
    private final Declaration declaration;

    /**
     * @param declaration what the provider is; copied, so later changes to it have no effect
     */
    protected DeclaredProvider(Declaration declaration) {
        this.declaration = declaration.copy();
    }

    /**
     * Starts a declaration.
     *
     * @param type the canonical {@code type:} of {@code datastores.yaml}, lower case
     * @param category the family the type belongs to
     * @return a declaration with no capability, key, check or opener yet
     */
    protected static Declaration declare(String type, Category category) {
        return new Declaration(type, category);
    }

    @Override
    public final String type() {
        return declaration.type;
    }

    @Override
    public final Set<String> aliases() {
        return Set.copyOf(declaration.aliases);
    }

    @Override
    public final Category category() {
        return declaration.category;
    }

    @Override
    public final Set<Capability> capabilities() {
        return declaration.capabilities;
    }

    @Override
    public final Set<String> connectionKeys() {
        return Set.copyOf(declaration.keys);
    }

    /** Runs every declared check, in declaration order, and returns all their problems. */
    @Override
    public final List<ConfigProblem> validate(DatastoreConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (Function<DatastoreConfig, List<ConfigProblem>> check : declaration.checks) {
            problems.addAll(check.apply(config));
        }
        return problems;
    }

    @Override
    public final Datastore open(DatastoreConfig config) {
        return declaration.opener.open(config, declaration.capabilities);
    }

    /** Creates a datastore, unconnected, for a validated configuration. */
    @FunctionalInterface
    public interface Opener {
        /**
         * @param config a configuration every declared check accepted
         * @param capabilities the declared capabilities, which the datastore reports
         * @return the datastore, not yet connected
         */
        Datastore open(DatastoreConfig config, Set<Capability> capabilities);
    }

    /** What a provider declares. Not thread-safe: build it in the provider's constructor. */
    public static final class Declaration {
        private final String type;
        private final Category category;
        private final Set<String> aliases = new LinkedHashSet<>();
        private Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        private final Set<String> keys = new LinkedHashSet<>();
        private final List<Function<DatastoreConfig, List<ConfigProblem>>> checks = new ArrayList<>();
        private Opener opener;

        private Declaration(String type, Category category) {
            this.type = Objects.requireNonNull(type, "type is null");
            this.category = Objects.requireNonNull(category, "category is null");
        }

        private Declaration copy() {
            Objects.requireNonNull(opener, "opener is not declared");
            Declaration copy = new Declaration(type, category);
            copy.aliases.addAll(aliases);
            copy.capabilities = Collections.unmodifiableSet(EnumSet.copyOf(capabilities));
            copy.keys.addAll(keys);
            copy.checks.addAll(checks);
            copy.opener = opener;
            return copy;
        }

        /**
         * @param more other accepted spellings of the type, such as {@code postgresql}
         * @return this declaration
         */
        public Declaration aliases(String... more) {
            aliases.addAll(List.of(more));
            return this;
        }

        /**
         * @param declared what datastores of this type can do, declared honestly (the kit tests
         *     each capability both ways)
         * @return this declaration
         */
        public Declaration capabilities(Capability... declared) {
            capabilities.addAll(List.of(declared));
            return this;
        }

        /**
         * @param accepted keys accepted under {@code connection:}, beyond those the checks read
         * @return this declaration
         */
        public Declaration connectionKeys(String... accepted) {
            keys.addAll(List.of(accepted));
            return this;
        }

        /**
         * @param read the keys the check reads, accepted under {@code connection:}
         * @param check a configuration check returning every problem it finds, connecting nowhere
         * @return this declaration
         */
        public Declaration check(Set<String> read, Function<DatastoreConfig, List<ConfigProblem>> check) {
            keys.addAll(read);
            checks.add(Objects.requireNonNull(check, "check is null"));
            return this;
        }

        /**
         * @param how creates each datastore opened; it must not connect or load driver classes
         * @return this declaration
         */
        public Declaration opens(Opener how) {
            opener = Objects.requireNonNull(how, "how is null");
            return this;
        }
    }
}
