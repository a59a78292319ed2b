package io.datastores.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.core.Datastores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job runs against the shipped example configuration. */
class QuickStartTest {
    @Test
    void runsOnTheShippedConfiguration(@TempDir Path dir) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (Datastores datastores = Datastores.load(
                Path.of("datastores.yaml"),
                Map.of(
                        "DUCKDB_PATH",
                        dir.resolve("q.duckdb").toString(),
                        "SQLITE_PATH",
                        dir.resolve("s.sqlite").toString()))) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            QuickStart.run(datastores);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output)
                .contains("orders_db  postgres disabled")
                .contains("warehouse answers: DuckDB")
                .contains("Loaded 4 orders")
                .containsPattern("Linus\\s+1 orders\\s+310.00")
                .containsPattern("Ada\\s+2 orders\\s+162.75");
        assertThat(dir.resolve("q.duckdb")).exists();
    }
}
