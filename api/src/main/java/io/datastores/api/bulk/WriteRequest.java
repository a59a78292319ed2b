package io.datastores.api.bulk;

import io.datastores.api.TableRef;
import java.util.List;
import java.util.Objects;

/**
 * Where and how a {@link BulkWriter} writes.
 *
 * @param table the target table, which must exist
 * @param mode append, overwrite or upsert
 * @param keyColumns the key for {@link WriteMode#UPSERT}; empty otherwise
 */
public record WriteRequest(TableRef table, WriteMode mode, List<String> keyColumns) {

    /** Checks that an upsert names its key. */
    public WriteRequest {
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(mode, "mode is null");
        keyColumns = List.copyOf(keyColumns);
        if (mode == WriteMode.UPSERT && keyColumns.isEmpty()) {
            throw new IllegalArgumentException("an upsert needs at least one key column");
        }
    }

    /**
     * @param table the target table
     * @return a request that appends to it
     */
    public static WriteRequest append(TableRef table) {
        return new WriteRequest(table, WriteMode.APPEND, List.of());
    }
}
