package io.datastores.api.bulk;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * One of the independent parts a {@link BulkReader#partition} split a read into. Made by the
 * reader and understood only by a reader of the same datastore type: callers pass it back unread.
 * Serialisable, so partitions can be read on other machines.
 *
 * @param index this part's position, from 0
 * @param count how many parts the read was split into
 * @param range the rows of this part, as a predicate the reader evaluates itself (a key range),
 *     or {@code null} when {@code hints} alone say which rows are in it
 * @param hints provider-specific facts (a page range, object keys, a snapshot id); never secrets
 */
public record ReadPartition(int index, int count, Predicate range, Map<String, String> hints) implements Serializable {

    /**
     * Checks the position.
     *
     * @param index this part's position, from 0
     * @param count how many parts there are
     * @param range this part's rows, or {@code null}
     * @param hints provider-specific facts
     */
    public ReadPartition {
        if (count <= 0 || index < 0 || index >= count) {
            throw new IllegalArgumentException("partition " + index + " of " + count);
        }
        hints = Map.copyOf(Objects.requireNonNull(hints, "hints is null"));
    }

    /** @return {@code partition 2 of 4} */
    @Override
    public String toString() {
        return "partition " + (index + 1) + " of " + count;
    }
}
