package io.datastores.jdbc;

import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import java.util.ArrayList;
import java.util.List;

/** Configuration checks shared by JDBC providers. */
public final class JdbcConfigChecks {
    private JdbcConfigChecks() {}

    /**
     * For a server database: either a full {@code url}/{@code connection_string}, or a host (and a
     * database when the server needs one), with a port between 1 and 65535 when one is given.
     *
     * @param config the configuration to check
     * @param databaseRequired whether a database name must be given with a host
     * @return the problems found
     */
    public static List<ConfigProblem> serverLocation(DatastoreConfig config, boolean databaseRequired) {
        List<ConfigProblem> problems = new ArrayList<>(port(config, "port"));
        if (config.value("url").isPresent() || config.value("connection_string").isPresent()) {
            return problems;
        }
        if (config.value("host").isEmpty()) {
            problems.add(config.problem("host", "Must specify host"));
        }
        if (databaseRequired && config.value("database").isEmpty()) {
            problems.add(config.problem("database", "Must specify database (or a full url)"));
        }
        return problems;
    }

    /**
     * @param config the configuration to check
     * @param keys keys that, when given, must be {@code true} or {@code false}
     * @return a problem for each key given another value
     */
    public static List<ConfigProblem> booleans(DatastoreConfig config, String... keys) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (String key : keys) {
            config.value(key)
                    .filter(v -> !v.equals("true") && !v.equals("false"))
                    .ifPresent(v -> problems.add(config.problem(key, "Must be true or false, got '" + v + "'")));
        }
        return problems;
    }

    /**
     * @param config the configuration to check
     * @param key a key that, when given, must be a port number
     * @return a problem when it is given and is not between 1 and 65535
     */
    public static List<ConfigProblem> port(DatastoreConfig config, String key) {
        return config.value(key)
                .filter(port -> !isPort(port.strip()))
                .map(port ->
                        List.of(config.problem(key, "Must be a port number between 1 and 65535, got '" + port + "'")))
                .orElse(List.of());
    }

    private static boolean isPort(String value) {
        if (!value.matches("\\d{1,5}")) {
            return false;
        }
        int port = Integer.parseInt(value);
        return port >= 1 && port <= 65_535;
    }
}
