package io.datastores.neo4j;

import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The validated {@code connection:} settings of one Neo4j datastore. The password stays in the
 * configuration; this record holds none.
 *
 * @param uri the Bolt URI: {@code bolt://}, {@code neo4j://} or their {@code +s}/{@code +ssc} variants
 * @param user the user name, or empty for a server without authentication
 * @param database the database to use, or empty for the server's default
 * @param batchSize rows per write transaction
 */
record Neo4jSettings(URI uri, Optional<String> user, Optional<String> database, int batchSize) {

    static final String PASSWORD = "password";
    static final Set<String> KEYS = Set.of("uri", "url", "host", "port", "user", PASSWORD, "database", "batch_size");
    private static final Set<String> SCHEMES = Set.of("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc");

    static List<ConfigProblem> validate(DatastoreConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<String> uri = uriText(config);
        if (uri.isEmpty() && config.value("host").isEmpty()) {
            problems.add(config.problem("uri", "Must specify uri (such as bolt://localhost:7687) or host"));
        }
        uri.ifPresent(text -> {
            try {
                URI parsed = URI.create(text);
                if (parsed.getScheme() == null || !SCHEMES.contains(parsed.getScheme()) || parsed.getHost() == null) {
                    problems.add(config.problem(
                            "uri",
                            "Must be a URI with one of the schemes " + new java.util.TreeSet<>(SCHEMES)
                                    + " and a host, got '" + DatastoreConfig.redactUrl(text) + "'"));
                }
            } catch (IllegalArgumentException e) {
                problems.add(config.problem(
                        "uri",
                        "Must be a URI such as bolt://localhost:7687, got '" + DatastoreConfig.redactUrl(text) + "'"));
            }
        });
        if (config.value("user").isPresent() != config.value(PASSWORD).isPresent()) {
            problems.add(config.problem(
                    config.value("user").isPresent() ? PASSWORD : "user", "Give both user and password, or neither"));
        }
        String batch = config.value("batch_size", "5000");
        if (!batch.matches("\\d{1,6}") || Integer.parseInt(batch) == 0) {
            problems.add(config.problem(
                    "batch_size", "Must be a whole number of rows from 1 to 999999, got '" + batch + "'"));
        }
        return problems;
    }

    private static Optional<String> uriText(DatastoreConfig config) {
        return config.value("uri").or(() -> config.value("url"));
    }

    static Neo4jSettings of(DatastoreConfig config) {
        URI uri = URI.create(uriText(config)
                .orElseGet(() -> "bolt://" + config.value("host").orElseThrow() + ":" + config.value("port", "7687")));
        return new Neo4jSettings(
                uri,
                config.value("user"),
                config.value("database"),
                Integer.parseInt(config.value("batch_size", "5000")));
    }

    /** @return {@code host:port} of the URI, for messages */
    String where() {
        return uri.getHost() + ":" + (uri.getPort() < 0 ? 7687 : uri.getPort());
    }
}
