package com.example.folder;

import io.datastores.api.Capability;
import io.datastores.api.ColumnInfo;
import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.spi.ConfiguredDatastore;
import io.datastores.api.spi.DatastoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One folder. Connecting creates it if missing and checks it can be read; every call after that
 * reads the files afresh, so the datastore is thread-safe without locks beyond {@code connect}.
 */
final class FolderDatastore extends ConfiguredDatastore {
    private static final String SUFFIX = ".properties";
    private volatile Instant connectedAt;

    FolderDatastore(DatastoreConfig config, Set<Capability> capabilities) {
        super(config, capabilities);
    }

    private Path folder() {
        return Path.of(config().value("path").orElseThrow()).toAbsolutePath();
    }

    @Override
    public synchronized void connect() {
        if (connectedAt == null) {
            try {
                Files.createDirectories(folder());
            } catch (IOException e) {
                throw DatastoreException.of(ErrorCode.CONNECTION, name(), type(), "Cannot open folder " + folder()
                        + ": " + e.getMessage()).withCause(e);
            }
            connectedAt = Instant.now();
        }
    }

    @Override
    public boolean isConnected() {
        return connectedAt != null;
    }

    @Override
    public synchronized void close() {
        connectedAt = null;
    }

    @Override
    public ConnectionTest test() {
        return ConnectionTest.timed(() -> {
            connect();
            return new ConnectionTest.Answer("folder " + folder(), folder().toString(), connectedAt);
        });
    }

    @Override
    public List<String> schemas() {
        return List.of();
    }

    @Override
    public List<TableRef> tables(String schema) {
        connect();
        try (Stream<Path> files = Files.list(folder())) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(SUFFIX)).sorted()
                    .map(n -> TableRef.of(n.substring(0, n.length() - SUFFIX.length()))).toList();
        } catch (IOException e) {
            throw DatastoreException.of(ErrorCode.CONNECTION, name(), type(), "Cannot list " + folder()).withCause(e);
        }
    }

    @Override
    public TableInfo describe(TableRef table) {
        if (!tables(null).contains(TableRef.of(table.name())) || table.schema() != null) {
            throw DatastoreException.of(ErrorCode.NOT_FOUND, name(), type(), "Table '" + table + "' not found");
        }
        return new TableInfo(table, List.of(new ColumnInfo("key", "text", Types.VARCHAR, false, null, null),
                new ColumnInfo("value", "text", Types.VARCHAR, true, null, null)), List.of("key"));
    }

    @Override
    public Datastore database(String logicalName, String... more) {
        throw DatastoreException.unsupported(name(), type(), Capability.SCHEMAS);
    }

    @Override
    public String toString() {
        return "FolderDatastore[" + name() + "]";
    }
}
