package io.datastores.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.registry.RegistryKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
        CommandLine commandLine = Main.commandLine(Map.of(), dir);
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

        Path config = Files.writeString(dir.resolve("datastores.yaml"), "datastores:\n  reg:\n    type: sqlite\n"
                + "    connection: {database: '" + dir.resolve("reg.db") + "'}\n");
        out.getBuffer().setLength(0);
        assertThat(run("--config", config.toString(), "registry", "token", "create", "--store", "reg", "--key-file",
                key.toString(), "--name", "ci", "--scope", "read,test")).as(err.toString()).isZero();
        assertThat(out.toString().strip()).startsWith("dsr_").hasSizeGreaterThan(40);
        out.getBuffer().setLength(0);
        Path newKey = Files.writeString(dir.resolve("new.key"), second.toText());
        assertThat(run("--config", config.toString(), "registry", "rotate-key", "--store", "reg", "--key-file",
                newKey.toString(), "--dry-run")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("(dry run) 0 datastores with secrets");
    }

    @Test
    void serveRefusesToStartWithoutAKey() {
        assertThat(run("serve", "--key-file", dir.resolve("missing.key").toString(), "--port", "0"))
                .isEqualTo(ExitCodes.of(io.datastores.api.DatastoreException.of(io.datastores.api.ErrorCode.NOT_FOUND, "x")));
        Path bad = dir.resolve("bad.key");
        assertThat(run("serve", "--key-file", writeQuietly(bad, "changeme"), "--port", "0")).isEqualTo(3);
        assertThat(err.toString()).contains("datastores registry keygen").doesNotContain("changeme");
    }

    private static String writeQuietly(Path file, String text) {
        try {
            return Files.writeString(file, text).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
