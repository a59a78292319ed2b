package io.datastores.integration;

import io.datastores.api.Datastore;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The loopback sqld of {@code provider-sqlhttp/src/test/servers/start.sh}, or the libSQL server
 * {@code DATASTORES_TEST_TURSO_URL}/{@code DATASTORES_TEST_TURSO_TOKEN} name. Missing: skipped, or failed
 * under CI=true.
 */
final class TestingTurso {
    private TestingTurso() {
    }

    static String url() {
        String url = System.getenv("DATASTORES_TEST_TURSO_URL");
        if (url != null) {
            return url;
        }
        try (Socket probe = new Socket("127.0.0.1", 18080)) {
            return "http://127.0.0.1:18080";
        } catch (IOException e) {
            return unavailable("no libSQL server on 127.0.0.1:18080 (run provider-sqlhttp/src/test/servers/start.sh)");
        }
    }

    static String token() {
        String token = System.getenv("DATASTORES_TEST_TURSO_TOKEN");
        if (token != null) {
            return token;
        }
        Path file = Path.of(System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache"),
                "datastores", "sqld", "token");
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return unavailable("no libSQL token at " + file + " (run provider-sqlhttp/src/test/servers/start.sh)");
        }
    }

    /** Drops the matrix's tables, which live in the server's one database. */
    static void dropZooTables(Datastore turso) {
        for (var row : turso.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND (name LIKE 'zoo\\_%' ESCAPE '\\'"
                + " OR name LIKE 'from\\_%' ESCAPE '\\')").rows()) {
            turso.execute("DROP TABLE " + turso.quote((String) row.get("name")));
        }
    }

    private static String unavailable(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason + " — failing because CI=true");
        }
        Assumptions.abort(reason);
        return null;
    }
}
