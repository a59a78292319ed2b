package io.datastores.spark;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.core.Datastores;
import io.datastores.core.Placeholders;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration as it travels from the driver to the executors, which may not see the driver's
 * file, environment or {@code .env}: the YAML text as written (placeholders and all) and the values
 * the driver resolves its placeholders to. It travels only inside serialised tasks (input
 * partitions, writer factories), never in options, plans or logs; {@link #toString()} names the
 * file alone. An executor loads it once per JVM ({@link #open()}) and keeps it open, closed when
 * the JVM exits, so the tasks of a job share one pool per datastore.
 *
 * <p>Immutable and thread-safe.
 */
final class ShippedConfig implements Serializable {
    private static final long serialVersionUID = 1L;
    // ${NAME} and ${NAME:default}, not the escaped \${; nested defaults name further variables.
    private static final Pattern PLACEHOLDER = Pattern.compile("(?<!\\\\)\\$\\{([^}:$]+)");
    private static final Map<ShippedConfig, Datastores> OPEN = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> OPEN.values().forEach(Datastores::close), "datastores-spark-close"));
    }

    private final String origin;
    private final String yaml;
    private final Map<String, String> variables;

    private ShippedConfig(String origin, String yaml, Map<String, String> variables) {
        this.origin = origin;
        this.yaml = yaml;
        this.variables = variables;
    }

    /**
     * Reads the file on the driver and resolves its placeholders there: from system properties, the
     * environment, then the {@code .env} beside the file, as {@link Datastores#load(Path)} does.
     *
     * @param file the {@code datastores.yaml}
     * @return the configuration, ready to ship
     */
    static ShippedConfig read(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw DatastoreException.of(ErrorCode.NOT_FOUND, "Configuration file not found: " + file.toAbsolutePath());
        } catch (IOException e) {
            throw DatastoreException.of(ErrorCode.INVALID_CONFIG, "Cannot read " + file + ": " + e.getMessage())
                    .withCause(e);
        }
        Path dotEnv = file.toAbsolutePath().getParent().resolve(".env");
        Placeholders placeholders = Placeholders.fromEnvironment(Files.isRegularFile(dotEnv) ? dotEnv : null);
        Map<String, String> variables = new TreeMap<>();
        Matcher matcher = PLACEHOLDER.matcher(yaml);
        while (matcher.find()) {
            String name = matcher.group(1);
            Placeholders.Resolved resolved = placeholders.resolve("${" + name + "}", name);
            if (resolved.unset().isEmpty()) {
                variables.put(name, resolved.value());
            }
        }
        return new ShippedConfig(file.toAbsolutePath().toString(), yaml, Map.copyOf(variables));
    }

    /**
     * @return the datastores of this configuration in this JVM, loaded on first use and shared by
     *     every task after; never close them
     */
    Datastores open() {
        return OPEN.computeIfAbsent(
                this, c -> Datastores.loader().environment(c.variables).fromYaml(c.yaml));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShippedConfig c && yaml.equals(c.yaml) && variables.equals(c.variables);
    }

    @Override
    public int hashCode() {
        return Objects.hash(yaml, variables);
    }

    /** @return the file it came from; its text and values stay out of every message */
    @Override
    public String toString() {
        return "datastores configuration " + origin;
    }
}
