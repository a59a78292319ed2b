package io.datastores.jdbc;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code connection.database} of an embedded database: a file path (relative paths resolve
 * against the working directory) or {@code :memory:}.
 */
public final class EmbeddedFile {
    /** The value that asks for an in-memory database. */
    public static final String MEMORY = ":memory:";

    private static final String KEY = "database";

    private EmbeddedFile() {}

    /**
     * @param config the configuration to check
     * @return a problem when no database file is given
     */
    public static List<ConfigProblem> validate(DatastoreConfig config) {
        if (config.value(KEY).isEmpty()) {
            return List.of(config.problem(KEY, "Must specify database (a file path, or " + MEMORY + ")"));
        }
        return List.of();
    }

    /**
     * @param config a validated configuration
     * @return whether the database lives in memory only
     */
    public static boolean inMemory(DatastoreConfig config) {
        return config.value(KEY).orElseThrow().strip().equals(MEMORY);
    }

    /**
     * @param config a validated configuration of a file database
     * @return the file's absolute path
     */
    public static Path path(DatastoreConfig config) {
        return Path.of(config.value(KEY).orElseThrow().strip()).toAbsolutePath().normalize();
    }

    /**
     * @param config a validated configuration
     * @return the file path or {@code :memory:}, for messages
     */
    public static String location(DatastoreConfig config) {
        return inMemory(config) ? MEMORY : path(config).toString();
    }

    /**
     * Creates the folders a database file will live in, so a fresh checkout needs no set-up.
     *
     * @param config a validated configuration
     * @throws DatastoreException with {@link ErrorCode#CONNECTION} when the folders cannot be made
     */
    public static void createParentFolders(DatastoreConfig config) {
        if (inMemory(config)) {
            return;
        }
        Path parent = path(config).getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw DatastoreException.of(
                            ErrorCode.CONNECTION,
                            config.name(),
                            config.type(),
                            "Cannot create folder " + parent + " for the database file: " + e.getMessage())
                    .withCause(e);
        }
    }
}
