package io.datastores.benchmarks;

import io.datastores.api.Capability;
import io.datastores.api.Datastore;
import io.datastores.api.spi.DatastoreProvider;
import io.datastores.core.Datastores;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The benchmark's datastores as a user would name them in YAML: {@code pg}, {@code mysql},
 * {@code duck_source} and {@code duck_target}. A datastore whose provider is not on the class path
 * is left out, so a scenario can say why it cannot run instead of failing.
 */
final class SdkEndpoints {
    private static final Map<String, String> TYPES = Map.of(
            "pg",
            "postgres",
            "mysql",
            "mysql",
            "duck_source",
            "duckdb",
            "duck_target",
            "duckdb",
            "ch",
            "clickhouse",
            "cache",
            "redis");

    private SdkEndpoints() {}

    static Datastores open(BenchmarkEnvironment env) {
        Set<String> installed = Datastores.installedProviders(SdkEndpoints.class.getClassLoader()).stream()
                .map(DatastoreProvider::type)
                .collect(Collectors.toSet());
        StringBuilder yaml = new StringBuilder("datastores:\n");
        if (installed.contains("postgres")) {
            yaml.append(server("pg", "postgres", 5432, "postgres"));
        }
        if (installed.contains("mysql")) {
            yaml.append(server("mysql", "mysql", 3306, "root"));
        }
        if (installed.contains("clickhouse")) {
            String[] hostPort = BenchmarkEnvironment.CLICKHOUSE.split(":");
            yaml.append(server("ch", "clickhouse", Integer.parseInt(hostPort[1]), "default")
                            .replace("127.0.0.1", hostPort[0]))
                    .append("      properties: {compress: 'false'}\n");
        }
        if (installed.contains("duckdb")) {
            yaml.append(duckDb("duck_source", env.sourceDuckDb(), true));
            yaml.append(duckDb("duck_target", env.targetDuckDb(), false));
        }
        if (installed.contains("redis")) {
            yaml.append("  cache:\n    type: redis\n    connection: {host: 127.0.0.1, port: 6379, database: ")
                    .append(BenchmarkPostgresToRedis.DATABASE)
                    .append(", namespace: '")
                    .append(BenchmarkPostgresToRedis.NAMESPACE)
                    .append("'}\n");
        }
        return Datastores.fromYaml(yaml.toString(), Map.of());
    }

    /**
     * @return why {@code source → target} cannot go through the SDK's bulk paths in this build,
     *     or empty when it can
     */
    static Optional<String> unavailable(BenchmarkEnvironment env, String source, String target) {
        try (Datastores datastores = open(env)) {
            for (String[] end : new String[][] {{source, "BULK_READ"}, {target, "BULK_WRITE"}}) {
                Optional<Datastore> datastore = datastores.find(end[0]);
                if (datastore.isEmpty()) {
                    return Optional.of("no " + TYPES.get(end[0]) + " provider installed");
                }
                if (!datastore.get().supports(Capability.valueOf(end[1]))) {
                    return Optional.of(TYPES.get(end[0]) + " provider lacks " + end[1]);
                }
            }
            return Optional.empty();
        }
    }

    private static String server(String name, String type, int port, String user) {
        return "  " + name + ":\n    type: " + type + "\n    connection:\n      host: 127.0.0.1\n      port: " + port
                + "\n      database: " + BenchmarkEnvironment.DATABASE + "\n      user: " + user
                + "\n      password: ''\n";
    }

    private static String duckDb(String name, Path file, boolean readOnly) {
        return "  " + name + ":\n    type: duckdb\n    connection:\n      database: '" + file + "'\n      read_only: "
                + readOnly + "\n";
    }
}
