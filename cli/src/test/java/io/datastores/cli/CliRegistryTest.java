package io.datastores.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.core.Datastores;
import io.datastores.registry.RegistryKey;
import io.datastores.registry.RegistryServer;
import io.datastores.registry.RegistrySettings;
import io.datastores.registry.RegistryStore;
import io.datastores.registry.Scope;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The registry's commands: keygen, rotate-key and token create on a store, serve refusing to start without a key. */
class CliRegistryTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private int run(Map<String, String> environment, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine commandLine = Main.commandLine(environment, dir);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void keygenRotateKeyAndTokenCreateWorkOnAStore() throws Exception {
        assertThat(run("registry", "keygen")).isZero();
        Path key = Files.writeString(dir.resolve("old.key"), out.toString().strip());
        RegistryKey first = RegistryKey.parse(Files.readString(key));
        out.getBuffer().setLength(0);
        assertThat(run("registry", "keygen", "--add-to", key.toString())).isZero();
        RegistryKey second = RegistryKey.parse(out.toString());
        assertThat(second.size()).isEqualTo(2);
        assertThat(second.primaryKeyId()).isNotEqualTo(first.primaryKeyId());

        Path config = Files.writeString(
                dir.resolve("datastores.yaml"),
                "datastores:\n  reg:\n    type: sqlite\n" + "    connection: {database: '" + dir.resolve("reg.db")
                        + "'}\n");
        out.getBuffer().setLength(0);
        assertThat(run(
                        "--config",
                        config.toString(),
                        "registry",
                        "token",
                        "create",
                        "--store",
                        "reg",
                        "--key-file",
                        key.toString(),
                        "--name",
                        "ci",
                        "--scope",
                        "read,test"))
                .as(err.toString())
                .isZero();
        assertThat(out.toString().strip()).startsWith("dsr_").hasSizeGreaterThan(40);
        out.getBuffer().setLength(0);
        Path newKey = Files.writeString(dir.resolve("new.key"), second.toText());
        assertThat(run(
                        "--config",
                        config.toString(),
                        "registry",
                        "rotate-key",
                        "--store",
                        "reg",
                        "--key-file",
                        newKey.toString(),
                        "--dry-run"))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("(dry run) 0 datastores with secrets");
    }

    @Test
    void exportPrintsTheRegistryAsYamlWithPlaceholders() throws Exception {
        Path config = Files.writeString(
                dir.resolve("datastores.yaml"),
                "datastores:\n  reg:\n    type: sqlite\n" + "    connection: {database: '" + dir.resolve("export.db")
                        + "'}\n");
        try (Datastores datastores = Datastores.load(config, Map.of())) {
            RegistryStore store = RegistryStore.open(datastores.get("reg"));
            String token = store.createToken("cli", EnumSet.of(Scope.ADMIN));
            try (RegistryServer server = RegistryServer.start(
                    RegistrySettings.of(store, RegistryKey.generate()).withPort(0))) {
                HttpResponse<String> created = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + server.port() + "/api/v1/datastores/"))
                                        .header("Authorization", "Bearer " + token)
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                "{\"name\": \"pg\", \"type\": \"sql\", "
                                                        + "\"system\": \"postgresql\", \"description\": \"d\", \"server\": \"db\", \"port\": 5432, "
                                                        + "\"username\": \"u\", \"password\": \"cli-secret-7\"}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                Path tokenFile = Files.writeString(dir.resolve("token"), token);
                assertThat(run(
                                "registry",
                                "export",
                                "--registry",
                                "http://127.0.0.1:" + server.port(),
                                "--token-file",
                                tokenFile.toString()))
                        .as(err.toString())
                        .isZero();
            }
        }
        assertThat(out.toString())
                .contains("\"pg\":")
                .contains("type: \"postgres\"")
                .contains("password: \"${PG_PASSWORD}\"")
                .doesNotContain("cli-secret-7");
    }

    @Test
    void importThenEveryCommandWorksAgainstTheRegistryWithTheTokenFromTheEnvironment() throws Exception {
        Path store = Files.writeString(
                dir.resolve("store.yaml"),
                "datastores:\n  reg:\n    type: sqlite\n" + "    connection: {database: '" + dir.resolve("registry.db")
                        + "'}\n");
        Path team = Files.writeString(
                dir.resolve("team.yaml"),
                "datastores:\n  ledger:\n    type: sqlite\n"
                        + "    description: The ledger\n    connection: {database: '${DATA_DIR}/ledger.db'}\n");
        try (Datastores datastores = Datastores.load(store, Map.of())) {
            RegistryStore registryStore = RegistryStore.open(datastores.get("reg"));
            String admin = registryStore.createToken("cli", EnumSet.of(Scope.ADMIN));
            try (RegistryServer server = RegistryServer.start(
                    RegistrySettings.of(registryStore, RegistryKey.generate()).withPort(0))) {
                String url = "http://127.0.0.1:" + server.port() + "/";
                Map<String, String> environment = Map.of(
                        "DATASTORES_REGISTRY", url, "DATASTORES_REGISTRY_TOKEN", admin, "DATA_DIR", dir.toString());
                assertThat(run(environment, "registry", "import", team.toString()))
                        .as(err.toString())
                        .isZero();
                assertThat(out.toString())
                        .contains("created   ledger")
                        .contains("1 created, 0 updated, 0 unchanged, 0 failed");
                assertThat(run(environment, "registry", "import", team.toString()))
                        .isZero();
                assertThat(out.toString()).contains("unchanged ledger");

                assertThat(run(environment, "query", "ledger", "SELECT 40 + 2 AS answer"))
                        .as(err.toString())
                        .isZero();
                assertThat(out.toString()).contains("42");
                assertThat(run(environment, "list")).as(err.toString()).isZero();
                assertThat(out.toString()).contains("ledger").doesNotContain(admin);
                assertThat(run(environment, "registry", "export")).isZero();
                assertThat(out.toString()).contains("database: \"${DATA_DIR}/ledger.db\"");

                // The global option instead of the variable; the token still only from the environment.
                assertThat(run(
                                Map.of("DATASTORES_REGISTRY_TOKEN", admin, "DATA_DIR", dir.toString()),
                                "--registry",
                                url,
                                "check"))
                        .as(err.toString())
                        .isZero();
                assertThat(run(Map.of(), "--registry", url, "list")).isEqualTo(3);
                assertThat(err.toString()).contains("DATASTORES_REGISTRY_TOKEN");
                assertThat(run(Map.of("DATASTORES_REGISTRY_TOKEN", "dsr_wrong-4711"), "--registry", url, "list"))
                        .isEqualTo(5);
                assertThat(err.toString())
                        .contains("AUTHENTICATION")
                        .contains(url)
                        .doesNotContain("dsr_wrong-4711");
            }
        }
    }

    @Test
    void serveRefusesToStartWithoutAKey() {
        assertThat(run("serve", "--key-file", dir.resolve("missing.key").toString(), "--port", "0"))
                .isEqualTo(ExitCodes.of(DatastoreException.of(ErrorCode.NOT_FOUND, "x")));
        Path bad = dir.resolve("bad.key");
        assertThat(run("serve", "--key-file", writeQuietly(bad, "changeme"), "--port", "0"))
                .isEqualTo(3);
        assertThat(err.toString()).contains("datastores registry keygen").doesNotContain("changeme");
    }

    private static String writeQuietly(Path file, String text) {
        try {
            return Files.writeString(file, text).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
