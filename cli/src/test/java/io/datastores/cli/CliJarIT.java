package io.datastores.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the built jar, and the bin/datastores launcher, as a new user would: in an empty folder. */
class CliJarIT {
    private static final Path JAR = Path.of("target/datastores.jar").toAbsolutePath();
    private static final Path LAUNCHER =
            Path.of("../bin/datastores").toAbsolutePath().normalize();

    record Run(int exitCode, String out, String err) {}

    private static Run run(Path workDir, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().remove("DATASTORES_CONFIG");
        Path out = Files.createTempFile(workDir.getParent(), "out", ".txt");
        Path err = Files.createTempFile(workDir.getParent(), "err", ".txt");
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("the command finished")
                .isTrue();
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<String> jar(String... args) {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void runsFromAnEmptyFolder(@TempDir Path parent) throws Exception {
        Path home = Files.createDirectory(parent.resolve("home"));
        Run none = run(home, jar("list"));
        assertThat(none.exitCode()).isEqualTo(4);
        assertThat(none.err()).contains("No configuration found");

        Files.writeString(home.resolve("datastores.yaml"), """
                datastores:
                  local: {type: duckdb, connection: {database: ./data/local.duckdb}}
                """);
        Run test = run(home, jar("test", "--all"));
        assertThat(test.exitCode()).as(test.err()).isZero();
        assertThat(test.out()).containsPattern("local\\s+duckdb\\s+ok");
        assertThat(home.resolve("data/local.duckdb")).exists();

        Run query = run(home, jar("query", "local", "SELECT 6 * 7 AS answer", "--format", "csv"));
        assertThat(query.out()).isEqualTo("answer\r\n42\r\n");
        assertThat(query.err()).as("no pool chatter on stderr").isEmpty();

        Run types = run(home, jar("types", "--json"));
        assertThat(types.out()).contains("\"type\":\"duckdb\"").contains("\"type\":\"sqlite\"");
    }

    @Test
    void demoRunsInAnEmptyFolder(@TempDir Path parent) throws Exception {
        Path home = Files.createDirectory(parent.resolve("home"));
        Run demo = run(home, jar("demo"));
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("5. Source has 1010 rows, replica has 1010 rows");
        assertThat(demo.err()).contains("INFO [demo] Synced 1000 records for table customers");
        assertThat(home.resolve("datastores-demo/replica.sqlite")).exists();
    }

    @Test
    void launcherScriptRunsTheJar(@TempDir Path parent) throws Exception {
        Path home = Files.createDirectory(parent.resolve("home"));
        Files.writeString(
                home.resolve("datastores.yaml"),
                "datastores: {m: {type: sqlite, connection: {database: ':memory:'}}}\n");
        Run run = run(home, List.of("sh", LAUNCHER.toString(), "query", "m", "SELECT 'hi' AS greeting", "--json"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"rows\":[{\"greeting\":\"hi\"}]");
    }
}
