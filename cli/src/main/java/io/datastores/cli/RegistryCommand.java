package io.datastores.cli;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.core.Datastores;
import io.datastores.registry.ImportReport;
import io.datastores.registry.KeyRotation;
import io.datastores.registry.RegistryClient;
import io.datastores.registry.RegistryImport;
import io.datastores.registry.RegistryKey;
import io.datastores.registry.RegistryStore;
import io.datastores.registry.Scope;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "registry",
        description = "Keys, key rotation and tokens of the datastore registry; import and export definitions.",
        subcommands = {
            RegistryCommand.Keygen.class,
            RegistryCommand.RotateKey.class,
            RegistryCommand.Token.class,
            RegistryCommand.Export.class,
            RegistryCommand.Import.class
        })
final class RegistryCommand {
    @ParentCommand
    Main main;

    @Command(
            name = "keygen",
            description = {
                "Print a new encryption key for DATASTORES_REGISTRY_KEY or --key-file.",
                "With --add-to, print that key plus a new primary: then restart serve with it and run rotate-key."
            })
    static final class Keygen implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--add-to",
                paramLabel = "KEY_FILE",
                description = "An existing key to extend with a new primary.")
        Path existing;

        @Override
        public Integer call() {
            RegistryKey key = RegistryKey.generate();
            if (existing != null) {
                key = RegistryOptions.keyFromFile(existing).withNewPrimary();
            }
            spec.commandLine().getOut().println(key.toText());
            return ExitCodes.OK;
        }
    }

    @Command(name = "rotate-key", description = "Re-encrypt every stored secret with the key's primary. Idempotent.")
    static final class RotateKey implements Callable<Integer> {
        @ParentCommand
        RegistryCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        RegistryOptions registry;

        @Option(names = "--dry-run", description = "Count what would be re-encrypted; change nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            RegistryKey key = registry.key(parent.main);
            try (Datastores configuration = registry.configuration(parent.main)) {
                KeyRotation result =
                        RegistryStore.open(registry.datastore(configuration)).rotateKey(key, dryRun);
                spec.commandLine()
                        .getOut()
                        .printf(
                                "%s%d datastores with secrets: %d re-encrypted, %d already on key %d%n",
                                dryRun ? "(dry run) " : "",
                                result.examined(),
                                result.reencrypted(),
                                result.current(),
                                key.primaryKeyId());
            }
            return ExitCodes.OK;
        }
    }

    /** Where export and import send their requests: their own --registry, else the global one, and the token. */
    static final class Target {
        @Option(
                names = "--registry",
                paramLabel = "URL",
                description = "The registry, such as http://host:8080/ (default: the global --registry, else $"
                        + Main.REGISTRY_VARIABLE + ").")
        URI registry;

        @Option(
                names = "--token-file",
                paramLabel = "FILE",
                description = "Read the token from a file instead of $" + Main.TOKEN_VARIABLE + ".")
        Path tokenFile;

        RegistryClient client(Main main, String scope) throws IOException {
            URI address = registry != null ? registry : main.registryAddress();
            if (address == null) {
                throw DatastoreException.of(
                        ErrorCode.INVALID_CONFIG,
                        "Give the registry with --registry URL or $" + Main.REGISTRY_VARIABLE);
            }
            String token = tokenFile != null ? Files.readString(tokenFile) : main.registryToken(scope);
            if (token.isBlank()) {
                throw DatastoreException.of(ErrorCode.INVALID_CONFIG, "The token file " + tokenFile + " is empty");
            }
            return RegistryClient.of(address, token);
        }
    }

    @Command(
            name = "export",
            description = {
                "Print a registry's definitions as datastores.yaml.",
                "Placeholders stay placeholders; every other secret becomes ${NAME_PASSWORD}: export never prints a secret."
            })
    static final class Export implements Callable<Integer> {
        @ParentCommand
        RegistryCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Override
        public Integer call() throws IOException {
            spec.commandLine()
                    .getOut()
                    .print(target.client(parent.main, "the read scope").exportYaml());
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "import",
            description = {
                "Create or update a registry's definitions from a datastores.yaml, by name.",
                "Idempotent: a re-run reports 'unchanged'. Placeholders are stored as placeholders (each client",
                "resolves them when it loads) unless --resolve. Needs a token with the read and write scopes."
            })
    static final class Import implements Callable<Integer> {
        @ParentCommand
        RegistryCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @CommandLine.Parameters(paramLabel = "FILE", description = "The datastores.yaml to import.")
        Path file;

        @Option(names = "--resolve", description = "Store values with ${VAR} resolved here, secrets included.")
        boolean resolve;

        @Override
        public Integer call() throws IOException {
            RegistryImport importer = target.client(parent.main, "the read and write scopes")
                    .importer()
                    .environment(parent.main.environment())
                    .resolve(resolve);
            if (parent.main.envFile != null) {
                importer.envFile(parent.main.envFile);
            }
            ImportReport report = importer.run(file);
            for (ImportReport.Outcome outcome : report.outcomes()) {
                spec.commandLine()
                        .getOut()
                        .printf(
                                "%-9s %s%s%n",
                                outcome.action().name().toLowerCase(Locale.ROOT),
                                outcome.name(),
                                outcome.detail().isEmpty() ? "" : ": " + outcome.detail());
            }
            spec.commandLine().getOut().println(report.summary());
            return report.count(ImportReport.Action.FAILED) == 0 ? ExitCodes.OK : ExitCodes.INVALID_CONFIG;
        }
    }

    @Command(name = "token", description = "API tokens.", subcommands = Token.Create.class)
    static final class Token {
        @ParentCommand
        RegistryCommand parent;

        @Command(name = "create", description = "Create a token and print it (only its hash is stored).")
        static final class Create implements Callable<Integer> {
            @ParentCommand
            Token token;

            @Spec
            CommandSpec spec;

            @Mixin
            RegistryOptions registry;

            @Option(names = "--name", required = true, description = "Who or what the token is for.")
            String name;

            @Option(
                    names = "--scope",
                    required = true,
                    split = ",",
                    description = "read, write, test, admin; repeatable.")
            List<String> scopes;

            @Override
            public Integer call() {
                Set<Scope> parsed = EnumSet.noneOf(Scope.class);
                scopes.forEach(scope -> parsed.add(Scope.of(scope)));
                try (Datastores configuration = registry.configuration(token.parent.main)) {
                    spec.commandLine()
                            .getOut()
                            .println(RegistryStore.open(registry.datastore(configuration))
                                    .createToken(name, parsed));
                }
                return ExitCodes.OK;
            }
        }
    }
}
