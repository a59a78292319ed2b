package io.datastores.integration;

import io.datastores.core.Datastores;
import io.datastores.jdbc.TestingServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Datastores {@code pg} (the test PostgreSQL, with a schema of its own), {@code duck} and
 * {@code lite} (DuckDB and SQLite files in a temporary folder); closing drops the schema and deletes
 * the folder.
 */
final class TestingPgAndDuck implements AutoCloseable {
    final Datastores datastores;
    final String schema;
    private final Path dir;

    TestingPgAndDuck(String prefix) throws Exception {
        dir = Files.createTempDirectory(prefix);
        TestingServers.Server server = TestingServers.postgres();
        datastores = Datastores.fromYaml(
                "datastores:\n"
                        + "  pg: {type: postgres, connection: {host: '" + server.host() + "', port: " + server.port()
                        + ", user: '" + server.user() + "', password: '${PW}', database: '" + server.database()
                        + "'}}\n"
                        + "  duck: {type: duckdb, connection: {database: '" + dir.resolve("t.duckdb") + "'}}\n"
                        + "  lite: {type: sqlite, connection: {database: '" + dir.resolve("t.sqlite") + "'}}\n",
                Map.of("PW", server.password()));
        schema = TestingServers.uniqueName(prefix);
        datastores.get("pg").execute("CREATE SCHEMA \"" + schema + "\"");
    }

    @Override
    public void close() throws Exception {
        try {
            datastores.get("pg").execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        } finally {
            datastores.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
