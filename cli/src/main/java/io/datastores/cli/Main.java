package io.datastores.cli;

import io.datastores.api.DatastoreException;
import io.datastores.core.ConfigException;
import io.datastores.core.Datastores;
import io.datastores.core.DatastoresLoader;
import io.datastores.core.Placeholders;
import io.datastores.sync.SyncJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code datastores} command: check, inspect and query the datastores of a datastores.yaml. */
@Command(
        name = "datastores",
        mixinStandardHelpOptions = true,
        version = "datastores 0.1.0-SNAPSHOT",
        description = "Name, open, query and move data between databases declared in datastores.yaml.",
        subcommands = {
            ListCommand.class,
            CheckCommand.class,
            SchemaCommand.class,
            TypesCommand.class,
            TestCommand.class,
            QueryCommand.class,
            TablesCommand.class,
            DescribeCommand.class,
            CopyCommand.class,
            SyncCommand.class,
            DemoCommand.class,
            ServeCommand.class,
            RegistryCommand.class,
            CommandLine.HelpCommand.class
        },
        footerHeading = "%nConfiguration:%n",
        footer = {
            "  --config FILE, else $DATASTORES_CONFIG, else ./datastores.yaml.",
            "  --registry URL (or $DATASTORES_REGISTRY) adds a datastore registry's",
            "  definitions, with the token from $DATASTORES_REGISTRY_TOKEN (admin",
            "  scope); without a file, the registry's alone. A name in both fails.",
            "  Variables come from system properties, the environment, then",
            "  .env.PROFILE (--profile or $DATASTORES_PROFILE), then .env beside",
            "  the file (or --env-file). A datastore whose variables are unset is",
            "  listed as invalid and refused when used; `check` fails on it.",
            "",
            "Exit codes:",
            "  0  success",
            "  1  a datastore failed its connection test",
            "  2  bad command line (unknown command or option, missing argument)",
            "  3  bad configuration (INVALID_CONFIG) or missing provider jar (DRIVER_MISSING)",
            "  4  datastore, table or file not found (NOT_FOUND)",
            "  5  cannot reach or log in to a datastore (CONNECTION, AUTHENTICATION, TIMEOUT)",
            "  6  the database refused the statement (INVALID_DATA, INTEGRITY, UNSUPPORTED)",
            "  7  cancelled (CANCELLED)",
            "  8  a sync run finished but at least one table failed",
            " 10  internal error (INTERNAL); rerun with --verbose and report it"
        })
public final class Main {
    static final String CONFIG_VARIABLE = "DATASTORES_CONFIG";
    static final String REGISTRY_VARIABLE = "DATASTORES_REGISTRY";
    static final String TOKEN_VARIABLE = "DATASTORES_REGISTRY_TOKEN";

    @Option(names = "--config", paramLabel = "FILE", description = "The datastores.yaml to use.")
    Path config;

    @Option(names = "--env-file", paramLabel = "FILE", description = "A .env file to read variables from.")
    Path envFile;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description =
                    "Also read .env.NAME beside the configuration (its values win over .env's); default $DATASTORES_PROFILE.")
    String profile;

    @Option(
            names = "--registry",
            paramLabel = "URL",
            description = "Also load the definitions of this datastore registry (default $" + REGISTRY_VARIABLE + "); "
                    + "its token comes from $" + TOKEN_VARIABLE + ", never the command line.")
    URI registry;

    @Option(names = "--verbose", description = "Print stack traces of errors (secrets still masked).")
    boolean verbose;

    private final Map<String, String> environment;
    private final Path workingDirectory;
    private UnaryOperator<String> redactor = UnaryOperator.identity();

    Main(Map<String, String> environment, Path workingDirectory) {
        this.environment = environment;
        this.workingDirectory = workingDirectory;
    }

    /**
     * Runs the command line and exits with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        // One line per log record ("INFO [job] Synced 100 records for table users") instead of JUL's two.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %5$s%6$s%n");
        }
        System.exit(commandLine(System.getenv(), Path.of("")).execute(args));
    }

    static CommandLine commandLine(Map<String, String> environment, Path workingDirectory) {
        Main main = new Main(environment, workingDirectory);
        CommandLine commandLine = new CommandLine(main);
        commandLine.setExecutionExceptionHandler((error, line, parsed) -> main.report(error, line));
        return commandLine;
    }

    /**
     * Loads the configuration: --config, else $DATASTORES_CONFIG, else ./datastores.yaml; beside the
     * registry of --registry or $DATASTORES_REGISTRY when one is given (then the file is optional).
     */
    Datastores load() {
        URI address = registryAddress();
        Path file = config;
        if (file == null
                && environment.get(CONFIG_VARIABLE) != null
                && !environment.get(CONFIG_VARIABLE).isBlank()) {
            file = Path.of(environment.get(CONFIG_VARIABLE));
        }
        if (file == null) {
            file = workingDirectory.resolve("datastores.yaml");
            if (!Files.exists(file) && address == null) {
                throw DatastoreException.of(
                        io.datastores.api.ErrorCode.NOT_FOUND,
                        "No configuration found: pass --config FILE, " + "set " + CONFIG_VARIABLE
                                + ", create ./datastores.yaml, or give a registry with --registry URL");
            }
            file = Files.exists(file) ? file : null;
        }
        DatastoresLoader loader = Datastores.loader().environment(environment).profile(profile);
        if (envFile != null) {
            loader.envFile(envFile);
        }
        if (address != null) {
            loader.registry(address, registryToken("the admin scope"));
        }
        Datastores datastores = file == null ? loader.load() : loader.load(file);
        redactor = datastores::redact;
        return datastores;
    }

    /** @return --registry, else $DATASTORES_REGISTRY, else {@code null} */
    URI registryAddress() {
        String named = environment.get(REGISTRY_VARIABLE);
        return registry != null ? registry : named == null || named.isBlank() ? null : URI.create(named.strip());
    }

    /**
     * @param scope what the token needs, for the message when it is missing
     * @return $DATASTORES_REGISTRY_TOKEN: an environment variable, so the token never shows in {@code ps}
     */
    String registryToken(String scope) {
        String token = environment.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            throw DatastoreException.of(
                    io.datastores.api.ErrorCode.INVALID_CONFIG,
                    "Set " + TOKEN_VARIABLE + " to a token of the registry with " + scope);
        }
        return token.strip();
    }

    /**
     * Reads a sync job, its {@code ${VAR}} values from the same environment as the configuration
     * (and, for the process environment, a {@code .env} beside the job).
     */
    SyncJob syncJob(Path file) {
        if (environment == System.getenv()) {
            return SyncJob.load(file);
        }
        try {
            return SyncJob.parse(Files.readString(file), Placeholders.of(environment));
        } catch (IOException e) {
            throw DatastoreException.of(
                    io.datastores.api.ErrorCode.NOT_FOUND, "Cannot read sync job " + file + ": " + e.getMessage());
        }
    }

    /**
     * @param name an environment variable
     * @return its value in this command line's environment (the process's, or a test's), or {@code null}
     */
    String variable(String name) {
        return environment.get(name);
    }

    /** @return this command line's environment: the process's, or a test's */
    Map<String, String> environment() {
        return environment;
    }

    /** @return the text with every secret of the loaded configuration masked */
    String redact(String text) {
        return redactor.apply(text);
    }

    private int report(Exception error, CommandLine line) {
        PrintWriter err = line.getErr();
        if (error instanceof ConfigException e) {
            err.println(redactor.apply("error [" + e.code() + "] " + e.getMessage()));
        } else if (error instanceof DatastoreException e) {
            // Drivers add hints and carets on further lines; --verbose shows them.
            String message = verbose
                    ? e.getMessage()
                    : e.getMessage().lines().findFirst().orElse("");
            err.println(redactor.apply("error [" + e.code() + "] " + message));
        } else {
            err.println(redactor.apply("error [INTERNAL] " + error));
        }
        if (verbose) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            err.print(redactor.apply(trace.toString()));
        }
        err.flush();
        return ExitCodes.of(error);
    }
}
