package io.datastores.api.bulk;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One SQL statement with its values bound by position ({@code ?}), never spliced into the text.
 *
 * @param sql the statement, with identifiers already quoted by the target datastore
 * @param params the values for its {@code ?} markers, in order; may contain {@code null}
 */
public record BoundStatement(String sql, List<Object> params) {

    /**
     * Copies the values, which may include {@code null}.
     *
     * @param sql the statement, with identifiers already quoted by the target datastore
     * @param params the values for its {@code ?} markers, in order; may contain {@code null}
     */
    public BoundStatement {
        Objects.requireNonNull(sql, "sql is null");
        params = Collections.unmodifiableList(Arrays.asList(params.toArray()));
    }

    /**
     * @param sql the statement
     * @param params its values
     * @return the statement with those values
     */
    public static BoundStatement of(String sql, Object... params) {
        return new BoundStatement(sql, Arrays.asList(params));
    }
}
