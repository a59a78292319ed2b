package io.datastores.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

@ExtendWith(OutputCaptureExtension.class)
class ExampleApplicationTest {

    @Test
    void startsAndPrintsTheHealthOfEveryDatastore(@TempDir Path dir, CapturedOutput output) {
        // An unreachable PostgreSQL must not stop it: it shows as DOWN.
        try (ConfigurableApplicationContext context = SpringApplication.run(
                ExampleApplication.class, "--WAREHOUSE_PATH=" + dir.resolve("w.duckdb"), "--POSTGRES_PORT=1")) {
            assertThat(context.isActive()).isTrue();
        }
        assertThat(output.getOut())
                .contains("JdbcTemplate on the warehouse's pool: sum(amount) = 112.5")
                .contains("\"datastores\"")
                .contains("\"warehouse\"")
                .contains("\"orders_db\"")
                .containsPattern("\"warehouse\" : \\{\\s+\"status\" : \"UP\"")
                .containsPattern("\"orders_db\" : \\{\\s+\"status\" : \"DOWN\"");
    }
}
