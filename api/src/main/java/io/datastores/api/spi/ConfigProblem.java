package io.datastores.api.spi;

import java.util.Objects;

/**
 * One thing wrong with a datastore's configuration, found before anything connects.
 *
 * @param datastore the datastore's name, or {@code null} for a problem of the file as a whole
 * @param key the offending key as written in the file, such as {@code connection.host}
 * @param message what is wrong and how to fix it, such as {@code Must specify host}
 */
public record ConfigProblem(String datastore, String key, String message) {

    /**
     * Requires every part.
     *
     * @param datastore the datastore's name, or {@code null} for a problem of the file as a whole
     * @param key the offending key as written in the file, such as {@code connection.host}
     * @param message what is wrong and how to fix it, such as {@code Must specify host}
     */
    public ConfigProblem {
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(message, "message is null");
    }

    /** @return {@code datastore 'name', key: message}, or {@code key: message} for the whole file */
    @Override
    public String toString() {
        return (datastore == null ? "" : "datastore '" + datastore + "', ") + key + ": " + message;
    }
}
