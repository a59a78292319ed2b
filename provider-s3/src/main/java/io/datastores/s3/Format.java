package io.datastores.s3;

import io.datastores.api.bulk.TableCreator.TargetType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The object formats a table's parts can have, told apart by the key's extension. Parquet and
 * Arrow IPC keep every type; CSV and JSON Lines keep text, so their columns read back as text
 * ({@code utf8}) in the form {@link TextValues} writes.
 */
enum Format {
    PARQUET("parquet"),
    CSV("csv"),
    JSONL("jsonl"),
    ARROW("arrow");

    private final String key;

    Format(String key) {
        this.key = key;
    }

    /** @return the name in {@code format:} and the key's extension (without the dot) */
    String key() {
        return key;
    }

    static Optional<Format> byKey(String key) {
        return Arrays.stream(values())
                .filter(f -> f.key.equals(key.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    static List<String> keys() {
        return Arrays.stream(values()).map(Format::key).toList();
    }

    /** @return the format of an object, by its key's extension */
    static Optional<Format> ofObject(String objectKey) {
        int dot = objectKey.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : byKey(objectKey.substring(dot + 1));
    }

    /**
     * @param field a column to store
     * @return how this format stores it and what that loses, or empty when it cannot
     */
    Optional<TargetType> columnType(Field field) {
        return switch (this) {
            case PARQUET -> ParquetSchemas.columnType(field);
            case ARROW -> Optional.of(TargetType.exact(S3Datastore.typeName(field.getType())));
            case CSV, JSONL ->
                TextValues.supports(field.getType()) ? Optional.of(textual(field.getType())) : Optional.empty();
        };
    }

    private TargetType textual(ArrowType type) {
        String ddl = "text (" + key + ")";
        return type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8
                ? TargetType.exact(ddl)
                : new TargetType(
                        ddl,
                        List.of("stored as text in " + key.toUpperCase(Locale.ROOT) + ": reads back as utf8 ("
                                + TextValues.describe(type) + ")"));
    }

    PartWriter writer(Schema schema, OutputStream out) throws IOException {
        return switch (this) {
            case PARQUET -> new ParquetPartWriter(schema, out);
            case CSV -> new CsvPartWriter(schema, out);
            case JSONL -> new JsonLinesPartWriter(schema, out);
            case ARROW -> new ArrowIpcPartWriter(schema, out);
        };
    }

    /**
     * @param store where the object is
     * @param key the object
     * @param size its length in bytes
     * @param allocator where batches live
     * @return a reader positioned before the first row; the caller closes it
     */
    PartReader reader(ObjectStore store, String key, long size, BufferAllocator allocator) throws IOException {
        if (this == PARQUET) {
            return ParquetPartReader.open(new S3InputFile(store, key, size), key);
        }
        InputStream in = store.open(key, -1, -1);
        try {
            return switch (this) {
                case CSV -> new CsvPartReader(in);
                case JSONL -> new JsonLinesPartReader(in, key);
                case ARROW -> new ArrowIpcPartReader(in, allocator);
                case PARQUET -> throw new AssertionError();
            };
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
