package io.datastores.cli;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.core.Datastores;
import io.datastores.registry.RegistryKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the registry keeps its tables and which key seals its secrets: shared by serve and registry. */
final class RegistryOptions {
    static final String KEY_VARIABLE = "DATASTORES_REGISTRY_KEY";
    static final String DEFAULT_FILE = "datastores-registry.db";

    @Option(
            names = "--store",
            paramLabel = "DATASTORE",
            description = "A JDBC datastore of the configuration to keep the registry in (default: ./" + DEFAULT_FILE
                    + ", SQLite).")
    String store;

    @Option(
            names = "--key-file",
            paramLabel = "FILE",
            description =
                    "The encryption key, as 'datastores registry keygen' prints it (default: $" + KEY_VARIABLE + ").")
    Path keyFile;

    /**
     * @param main the command line, whose environment holds the key when no file is given
     * @return the key; the registry refuses to run without one
     */
    RegistryKey key(Main main) {
        if (keyFile != null) {
            return keyFromFile(keyFile);
        }
        String text = main.variable(KEY_VARIABLE);
        if (text == null || text.isBlank()) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_CONFIG,
                    "The registry needs an encryption key: set " + KEY_VARIABLE
                            + " or pass --key-file, with a key from 'datastores registry keygen'");
        }
        return RegistryKey.parse(text);
    }

    static RegistryKey keyFromFile(Path file) {
        try {
            return RegistryKey.parse(Files.readString(file));
        } catch (IOException e) {
            throw DatastoreException.of(ErrorCode.NOT_FOUND, "Cannot read the key file " + file);
        }
    }

    /** @return the configuration holding the store: the user's for --store, else one embedded SQLite file */
    Datastores configuration(Main main) {
        if (store != null) {
            return main.load();
        }
        return Datastores.fromYaml(
                "datastores:\n  registry:\n    type: sqlite\n    description: Datastores registry\n"
                        + "    connection:\n      database: '${FILE}'\n",
                Map.of("FILE", Path.of(DEFAULT_FILE).toAbsolutePath().toString()));
    }

    Datastore datastore(Datastores configuration) {
        return configuration.get(store != null ? store : "registry");
    }
}
