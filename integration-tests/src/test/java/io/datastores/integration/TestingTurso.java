package io.datastores.integration;

import io.datastores.api.Datastore;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The loopback servers of {@code provider-sqlhttp/src/test/servers/start.sh} (sqld; the D1/StarbaseDB
 * worker), or those {@code DATASTORES_TEST_TURSO_URL}/{@code _TOKEN}, {@code DATASTORES_TEST_WORKER_URL},
 * {@code DATASTORES_TEST_D1_TOKEN} and {@code DATASTORES_TEST_STARBASE_TOKEN} name. Missing: skipped, or
 * failed under CI=true.
 */
final class TestingTurso {
    private TestingTurso() {}

    static String url() {
        return local("DATASTORES_TEST_TURSO_URL", 18080, "libSQL server");
    }

    /** The D1 database id the test worker serves. */
    static final String D1_DATABASE = "00000000-0000-4000-8000-00000000d1d1";

    static String token() {
        return token("sqld/token", "DATASTORES_TEST_TURSO_TOKEN");
    }

    /** @return the test worker's base URL (D1 and StarbaseDB emulated on wrangler) */
    static String workerUrl() {
        return local("DATASTORES_TEST_WORKER_URL", 18787, "D1/StarbaseDB test worker");
    }

    /** @return the URL the variable names, else the loopback port's when something listens there */
    private static String local(String variable, int port, String what) {
        String url = System.getenv(variable);
        if (url != null) {
            return url;
        }
        try (Socket probe = new Socket("127.0.0.1", port)) {
            return "http://127.0.0.1:" + port;
        } catch (IOException e) {
            return unavailable(
                    "no " + what + " on 127.0.0.1:" + port + " (run provider-sqlhttp/src/test/servers/start.sh)");
        }
    }

    /**
     * @param cached the token's file under ~/.cache/datastores
     * @param variable the environment variable that overrides it
     * @return the token
     */
    static String token(String cached, String variable) {
        String token = System.getenv(variable);
        if (token != null) {
            return token;
        }
        Path file = Path.of(
                        System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache"),
                        "datastores")
                .resolve(cached);
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return unavailable("no libSQL token at " + file + " (run provider-sqlhttp/src/test/servers/start.sh)");
        }
    }

    /** Drops the matrix's tables, which live in the service's one database. */
    static void dropZooTables(Datastore turso) {
        for (var row : turso.query(
                        "SELECT name FROM sqlite_schema WHERE type = 'table' AND (name LIKE 'zoo\\_%' ESCAPE '\\'"
                                + " OR name LIKE 'types\\_%' ESCAPE '\\' OR name LIKE 'from\\_%' ESCAPE '\\')")
                .rows()) {
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
