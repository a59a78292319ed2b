package io.datastores.core;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.core.internal.YamlReader;

/**
 * Reads a YAML configuration document exactly as {@code datastores.yaml} is read, for other files
 * built on it, such as sync jobs: SnakeYAML's safe constructor only (no custom or Java tags),
 * duplicate keys refused, at most 50 aliases to collections, 50 levels of nesting and 4 Mi code
 * points, and every plain scalar but {@code null} kept as a string (YAML 1.1 would read
 * {@code on} as {@code true} and {@code 012345} as an octal number). Resolve placeholders per
 * scalar afterwards with {@link Placeholders}, so a value from the environment cannot inject YAML.
 * Stateless and thread-safe.
 */
public final class YamlDocuments {
    private YamlDocuments() {}

    /**
     * @param text the YAML text
     * @param source the file name, or what the text is, for messages
     * @return the document: maps, lists, strings, or {@code null} when the text holds nothing
     * @throws DatastoreException with {@link ErrorCode#INVALID_CONFIG} for malformed or hostile
     *     YAML, naming {@code source} and, where known, the line and column
     */
    public static Object parse(String text, String source) {
        return text.isBlank() ? null : YamlReader.parse(text, source);
    }
}
