package com.example.folder;

import io.datastores.api.Capability;
import io.datastores.api.Category;
import io.datastores.api.spi.DeclaredProvider;
import java.util.List;
import java.util.Set;

/**
 * A key-value store that is a folder of {@code .properties} files: {@code type: folder},
 * {@code connection: {path: ./settings}}. Each file is a table of {@code key} and {@code value}.
 * Written against {@code datastores-api} alone, the way a store that does not speak JDBC is.
 */
public final class FolderDatastoreProvider extends DeclaredProvider {
    /** Declares the folder store. */
    public FolderDatastoreProvider() {
        super(declare("folder", Category.KEYVALUE).capabilities(Capability.INTROSPECTION)
                .check(Set.of("path"), config -> config.value("path").isPresent() ? List.of()
                        : List.of(config.problem("path", "Must specify path")))
                .opens((config, capabilities) -> new FolderDatastore(config, capabilities)));
    }
}
