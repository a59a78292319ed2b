package io.datastores.cli;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.core.Datastores;
import io.datastores.registry.KeyRotation;
import io.datastores.registry.RegistryClient;
import io.datastores.registry.RegistryKey;
import io.datastores.registry.RegistryStore;
import io.datastores.registry.Scope;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "registry", description = "Keys, key rotation and tokens of the datastore registry.",
        subcommands = {RegistryCommand.Keygen.class, RegistryCommand.RotateKey.class, RegistryCommand.Token.class,
            RegistryCommand.Export.class})
final class RegistryCommand {
    @ParentCommand
    Main main;

    @Command(name = "keygen", description = {"Print a new encryption key for DATASTORES_REGISTRY_KEY or --key-file.",
        "With --add-to, print that key plus a new primary: then restart serve with it and run rotate-key."})
    static final class Keygen implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--add-to", paramLabel = "KEY_FILE", description = "An existing key to extend with a new primary.")
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
                KeyRotation result = RegistryStore.open(registry.datastore(configuration)).rotateKey(key, dryRun);
                spec.commandLine().getOut().printf("%s%d datastores with secrets: %d re-encrypted, %d already on key %d%n",
                        dryRun ? "(dry run) " : "", result.examined(), result.reencrypted(), result.current(), key.primaryKeyId());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "export", description = {"Print a registry's active definitions as datastores.yaml.",
        "Secrets stay ${NAME_PASSWORD} placeholders; the token comes from $" + Export.TOKEN_VARIABLE + " or --token-file."})
    static final class Export implements Callable<Integer> {
        static final String TOKEN_VARIABLE = "DATASTORES_REGISTRY_TOKEN";

        @ParentCommand
        RegistryCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--registry", required = true, paramLabel = "URL", description = "The registry, such as http://host:8080/.")
        URI registry;

        @Option(names = "--token-file", paramLabel = "FILE", description = "Read the token from a file instead.")
        Path tokenFile;

        @Override
        public Integer call() throws IOException {
            String token = tokenFile != null ? Files.readString(tokenFile) : parent.main.variable(TOKEN_VARIABLE);
            if (token == null || token.isBlank()) {
                throw DatastoreException.of(ErrorCode.INVALID_CONFIG,
                        "Set " + TOKEN_VARIABLE + " to a registry token with the read scope");
            }
            spec.commandLine().getOut().print(RegistryClient.of(registry, token.strip()).exportYaml());
            return ExitCodes.OK;
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

            @Option(names = "--scope", required = true, split = ",", description = "read, write, test, admin; repeatable.")
            List<String> scopes;

            @Override
            public Integer call() {
                Set<Scope> parsed = EnumSet.noneOf(Scope.class);
                scopes.forEach(scope -> parsed.add(Scope.of(scope)));
                try (Datastores configuration = registry.configuration(token.parent.main)) {
                    spec.commandLine().getOut().println(RegistryStore.open(registry.datastore(configuration)).createToken(name, parsed));
                }
                return ExitCodes.OK;
            }
        }
    }
}
