package io.datastores.jdbc;

import io.datastores.api.spi.DatastoreConfig;
import java.util.Objects;
import java.util.UUID;

/**
 * The dialect of an embedded database kept in one file ({@link EmbeddedFile}) or in memory: the
 * file's folders are created before the first connection, messages name the file, and an
 * in-memory database gets a name of its own, so the pool's connections share it and nothing else
 * does. Public API of {@code datastores-jdbc}; stateless and thread-safe.
 */
public abstract class BaseEmbeddedDialect extends BaseJdbcDialect {
    private final String fileUrlPattern;
    private final String memoryUrlPattern;

    /**
     * @param driverClassName the driver's class name, loaded only on first connect
     * @param fileUrlPattern the URL of a database file, with {@code %s} for its absolute path, such as
     *     {@code jdbc:duckdb:%s}
     * @param memoryUrlPattern the URL of a named in-memory database that every connection using the
     *     name shares, with {@code %s} for the name, such as {@code jdbc:duckdb:memory:%s}
     * @param sqlTypes the column types a transfer gets for Arrow types when it creates a table
     */
    protected BaseEmbeddedDialect(
            String driverClassName, String fileUrlPattern, String memoryUrlPattern, SqlTypes sqlTypes) {
        super(driverClassName, sqlTypes);
        this.fileUrlPattern = Objects.requireNonNull(fileUrlPattern, "fileUrlPattern is null");
        this.memoryUrlPattern = Objects.requireNonNull(memoryUrlPattern, "memoryUrlPattern is null");
    }

    @Override
    public final String jdbcUrl(DatastoreConfig config) {
        return EmbeddedFile.inMemory(config)
                ? String.format(
                        memoryUrlPattern,
                        "datastores_" + UUID.randomUUID().toString().replace("-", ""))
                : String.format(fileUrlPattern, EmbeddedFile.path(config));
    }

    @Override
    public final String location(DatastoreConfig config) {
        return EmbeddedFile.location(config);
    }

    @Override
    public void beforeConnect(DatastoreConfig config) {
        EmbeddedFile.createParentFolders(config);
    }
}
