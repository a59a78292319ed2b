package com.example.folder;

import io.datastores.api.Capability;
import io.datastores.api.Category;
import io.datastores.api.Datastore;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DatastoreProvider;
import java.util.List;
import java.util.Set;

/**
 * A key-value store that is a folder of {@code .properties} files: {@code type: folder},
 * {@code connection: {path: ./settings}}. Each file is a table of {@code key} and {@code value}.
 * Written against {@code datastores-api} alone, the way a store that does not speak JDBC is.
 */
public final class FolderDatastoreProvider implements DatastoreProvider {
    static final Set<Capability> CAPABILITIES = Set.of(Capability.INTROSPECTION);

    @Override
    public String type() {
        return "folder";
    }

    @Override
    public Category category() {
        return Category.KEYVALUE;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Set<String> connectionKeys() {
        return Set.of("path");
    }

    @Override
    public List<ConfigProblem> validate(DatastoreConfig config) {
        return config.value("path").isPresent() ? List.of() : List.of(config.problem("path", "Must specify path"));
    }

    @Override
    public Datastore open(DatastoreConfig config) {
        return new FolderDatastore(config);
    }
}
