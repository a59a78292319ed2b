package io.datastores.core;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.core.internal.ConfigLoader;
import io.datastores.core.internal.ProviderRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** Options for loading a configuration. Not thread-safe; use one loader per load. */
public final class DatastoresLoader {
    private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private Map<String, String> environment;
    private Path envFile;
    private String profile;
    private boolean strict;
    private ClassLoader classLoader = Datastores.class.getClassLoader();
    private RegistrySource registry;
    private final List<UnaryOperator<Datastore>> decorators = new ArrayList<>();

    DatastoresLoader() {}

    /**
     * Wraps each datastore as the registry opens it, for concerns that cut across every
     * datastore, such as metrics or tracing ({@code datastores-micrometer} uses this): the
     * registry's {@code get}, {@code list}, copies and sync jobs then all see the wrapped one.
     * Decorators apply in the order added, the last outermost. A decorator must keep the
     * datastore's name and delegate to the datastore it is given, and must not connect; the
     * registry closes what the decorator returns, once.
     *
     * @param decorator given an opened (not connected) datastore, returns its wrapper
     * @return this loader
     */
    public DatastoresLoader decorator(UnaryOperator<Datastore> decorator) {
        decorators.add(Objects.requireNonNull(decorator, "decorator is null"));
        return this;
    }

    /**
     * @param values variable values used instead of system properties and the process environment
     * @return this loader
     */
    public DatastoresLoader environment(Map<String, String> values) {
        this.environment = Map.copyOf(values);
        return this;
    }

    /**
     * @param file a {@code .env} file to use instead of the one beside the YAML; must exist
     * @return this loader
     */
    public DatastoresLoader envFile(Path file) {
        this.envFile = file;
        return this;
    }

    /**
     * Reads {@code .env.NAME} beside the YAML after {@code .env}, its values winning over
     * {@code .env}'s (system properties and the environment still win over both). A missing
     * {@code .env.NAME} is not an error, as with dotenv-flow and Spring profiles: production
     * may take every value from the real environment. Without this call the profile is the
     * {@value Datastores#PROFILE_VARIABLE} variable, when set.
     *
     * @param name the profile, such as {@code prod}: letters, digits, {@code _}, {@code -} and {@code .};
     *     {@code null} for none
     * @return this loader
     * @throws DatastoreException with {@link ErrorCode#INVALID_CONFIG} for a name that is not a plain file suffix
     */
    public DatastoresLoader profile(String name) {
        if (name != null && !PROFILE_NAME.matcher(name).matches()) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_CONFIG,
                    "Profile '" + name + "' must be letters, digits, '_', '-' or '.' (it names the file .env." + name
                            + ")");
        }
        this.profile = name;
        return this;
    }

    /**
     * @param all whether a value left empty by an unset variable fails the whole load, as every
     *     other problem does (for CI checks that want all-or-nothing); default {@code false}:
     *     only that datastore becomes unusable
     * @return this loader
     */
    public DatastoresLoader strict(boolean all) {
        this.strict = all;
        return this;
    }

    /**
     * @param loader where providers are looked up with {@link java.util.ServiceLoader}
     * @return this loader
     */
    public DatastoresLoader classLoader(ClassLoader loader) {
        this.classLoader = loader;
        return this;
    }

    /**
     * Also loads the definitions kept in a datastore registry ({@code datastores serve}): with
     * {@link #load()} instead of a file, with {@link #load(Path)} or {@link #fromYaml(String)} beside
     * one. The registry's definitions are read, at load time, in one request to its admin-scoped
     * export route (audited by the registry), as {@code datastores.yaml} text, and go through exactly
     * the rules of a file: {@code ${VAR}} placeholders stored in the registry are resolved here, from
     * this loader's environment and {@code .env} files, and a definition whose variables are unset
     * becomes unusable as in a file (or fails the load when {@link #strict(boolean) strict}). A name
     * defined both in the file and in the registry fails the load with a {@link ConfigException}
     * naming both sources: neither silently overrides the other.
     *
     * <p>Failures name the registry's address, never the token: {@link ErrorCode#AUTHENTICATION}
     * for a refused token (HTTP 401, or 403 without the admin scope), {@link ErrorCode#CONNECTION}
     * for an unreachable registry or an error answer, {@link ErrorCode#TIMEOUT} after 10 s to
     * connect or 30 s to answer, {@link ErrorCode#INVALID_CONFIG} for an answer that is not
     * datastores YAML.
     *
     * @param address the registry, such as {@code http://registry:8080/}
     * @param token an API token of the registry with the admin scope; kept only in this loader
     * @return this loader
     * @throws DatastoreException with {@link ErrorCode#INVALID_CONFIG} for a blank token or an address
     *     that is not http(s)
     */
    public DatastoresLoader registry(URI address, String token) {
        this.registry = new RegistrySource(address, token);
        return this;
    }

    /**
     * Loads the registry's definitions alone (see {@link #registry(URI, String)}); only an explicit
     * {@link #envFile(Path)} applies, as there is no folder to look in.
     *
     * @return the datastores
     * @throws DatastoreException with {@link ErrorCode#INVALID_CONFIG} when no registry was given
     */
    public Datastores load() {
        if (registry == null) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_CONFIG, "Nothing to load: give a datastores.yaml or a registry");
        }
        return open(null, null, envFile == null ? List.of() : List.of(envFile));
    }

    /**
     * @param file the {@code datastores.yaml}
     * @return the registry
     */
    public Datastores load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw DatastoreException.of(ErrorCode.NOT_FOUND, "Configuration file not found: " + file.toAbsolutePath());
        } catch (CharacterCodingException e) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_CONFIG, "Empty or invalid datastores YAML: " + file + " is not valid UTF-8");
        } catch (IOException e) {
            throw DatastoreException.of(ErrorCode.INVALID_CONFIG, "Cannot read " + file + ": " + e.getMessage())
                    .withCause(e);
        }
        Path folder = file.toAbsolutePath().getParent();
        List<Path> envFiles = new ArrayList<>();
        Path besideYaml = folder.resolve(".env");
        if (envFile != null) {
            envFiles.add(envFile);
        } else if (Files.isRegularFile(besideYaml)) {
            envFiles.add(besideYaml);
        }
        String activeProfile = activeProfile();
        if (activeProfile != null && Files.isRegularFile(folder.resolve(".env." + activeProfile))) {
            envFiles.add(folder.resolve(".env." + activeProfile));
        }
        return open(yaml, file.toString(), envFiles);
    }

    /**
     * @param yaml the configuration text
     * @return the registry; only an explicit {@link #envFile(Path)} applies, as there is no folder to look in
     */
    public Datastores fromYaml(String yaml) {
        return open(yaml, "datastores YAML", envFile == null ? List.of() : List.of(envFile));
    }

    private String activeProfile() {
        if (profile != null) {
            return profile;
        }
        String named = environment != null
                ? environment.get(Datastores.PROFILE_VARIABLE)
                : System.getProperty(Datastores.PROFILE_VARIABLE, System.getenv(Datastores.PROFILE_VARIABLE));
        if (named == null || named.isBlank()) {
            return null;
        }
        profile(named.strip());
        return profile;
    }

    /** @param yaml the file's text, or {@code null} for the registry alone */
    private Datastores open(String yaml, String source, List<Path> envFiles) {
        Variables variables = new Variables(environment, envFiles);
        ProviderRegistry providers = ProviderRegistry.load(classLoader);
        ConfigLoader.Loaded loaded =
                yaml == null ? null : ConfigLoader.load(yaml, source, variables::lookup, providers, strict);
        if (registry != null) {
            ConfigLoader.Loaded remote =
                    ConfigLoader.load(registry.fetch(), registry.description(), variables::lookup, providers, strict);
            loaded = loaded == null ? remote : ConfigLoader.merge(loaded, source, remote, registry.description());
        }
        return new Datastores(loaded, List.copyOf(envFiles), providers, List.copyOf(decorators));
    }
}
