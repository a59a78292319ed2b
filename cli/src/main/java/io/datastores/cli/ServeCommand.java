package io.datastores.cli;

import io.datastores.core.Datastores;
import io.datastores.registry.RegistryKey;
import io.datastores.registry.RegistryServer;
import io.datastores.registry.RegistrySettings;
import io.datastores.registry.RegistryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "serve",
        description = {
            "Run the datastore registry: REST API under /api/v1/ and the web console at /.",
            "Key from $DATASTORES_REGISTRY_KEY or --key-file; first admin token from $DATASTORES_REGISTRY_ADMIN_TOKEN."
        })
final class ServeCommand implements Callable<Integer> {
    static final String ADMIN_TOKEN_VARIABLE = "DATASTORES_REGISTRY_ADMIN_TOKEN";

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    RegistryOptions registry;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "Port to listen on (0: any free port; default ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--allow-host",
            paramLabel = "PATTERN",
            description =
                    "Host pattern connection tests may reach (* wildcard, 'embedded' for files); repeatable. Default: any.")
    List<String> allowedHosts = new ArrayList<>();

    @Option(
            names = "--test-timeout",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "How long one connection test may take (default ${DEFAULT-VALUE}).")
    int testTimeoutSeconds;

    @Option(
            names = "--tests-per-minute",
            paramLabel = "N",
            defaultValue = "30",
            description = "Connection tests one token may run per minute (default ${DEFAULT-VALUE}).")
    int testsPerMinute;

    @Override
    public Integer call() throws InterruptedException {
        RegistryKey key = registry.key(main);
        Datastores configuration = registry.configuration(main);
        RegistryServer server;
        try {
            RegistryStore store = RegistryStore.open(registry.datastore(configuration));
            server = RegistryServer.start(RegistrySettings.of(store, key)
                    .withHost(host)
                    .withPort(port)
                    .withAdminToken(main.variable(ADMIN_TOKEN_VARIABLE))
                    .withAllowedHosts(allowedHosts)
                    .withTestLimits(Duration.ofSeconds(testTimeoutSeconds), testsPerMinute));
        } catch (RuntimeException e) {
            configuration.close();
            throw e;
        }
        spec.commandLine()
                .getOut()
                .println("Datastores registry listening on http://" + host + ":" + server.port() + "/");
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            configuration.close();
                            stopped.countDown();
                        },
                        "registry-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }
}
