package io.datastores.api;

import io.datastores.api.bulk.BulkReader;
import io.datastores.api.bulk.BulkWriter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One named database, as declared in {@code datastores.yaml}.
 *
 * <p>A datastore is cheap to create: nothing connects and no driver class is loaded until the
 * first call that needs a connection ({@link #connect()}, a query, a test, introspection).
 * {@link #connect()} and {@link #close()} are idempotent, and every method is safe to call from
 * any number of threads at once. After {@link #close()}, the next call that needs a connection
 * connects again.
 *
 * <p>Every failure is reported as a {@link DatastoreException}.
 */
public interface Datastore extends AutoCloseable {

    /** @return the name this datastore has in the configuration */
    String name();

    /** @return the canonical type, such as {@code postgres} (never an alias) */
    String type();

    /** @return the free-text description from the configuration, or an empty string */
    String description();

    /** @return the tags from the configuration, in their declared order */
    List<String> tags();

    /**
     * @return whether the datastore may connect; a datastore declared with {@code enabled: false}
     *     is listed but refuses every operation that needs a connection
     */
    default boolean enabled() {
        return true;
    }

    /** @return the logical databases ({@code databases:}) this datastore declares, in declared order */
    default List<String> databases() {
        return List.of();
    }

    /** @return what this datastore can do */
    Set<Capability> capabilities();

    /**
     * @param capability a capability
     * @return whether this datastore declares it
     */
    default boolean supports(Capability capability) {
        return capabilities().contains(capability);
    }

    /**
     * Connects if not yet connected (creating the pool and loading the driver); does nothing
     * otherwise.
     *
     * @throws DatastoreException with {@link ErrorCode#CONNECTION}, {@link ErrorCode#AUTHENTICATION}
     *     or {@link ErrorCode#TIMEOUT} when the database cannot be reached
     */
    void connect();

    /** @return whether {@link #connect()} has succeeded and {@link #close()} not been called since */
    boolean isConnected();

    /** Releases every connection this datastore holds; does nothing when not connected. */
    @Override
    void close();

    /**
     * Runs a statement that returns rows and reads them all into memory. Use bulk reads for large
     * results. A statement that returns no rows (DDL, DML) gives an empty result with no columns.
     *
     * @param sql the statement, with {@code ?} for each parameter
     * @param params values bound in order; never concatenated into the SQL
     * @return the rows, column names, row count and execution time
     */
    QueryResult query(String sql, Object... params);

    /**
     * Runs a statement that returns rows and reads at most {@code maxRows} of them; the database
     * is asked to stop there, so a large table is not read to show its first rows.
     *
     * @param sql the statement, with {@code ?} for each parameter
     * @param params values bound in order
     * @param maxRows the most rows to return; positive
     * @return the first rows, with column names, row count and execution time
     */
    default QueryResult query(String sql, List<?> params, int maxRows) {
        if (maxRows <= 0) {
            throw new IllegalArgumentException("maxRows must be positive: " + maxRows);
        }
        QueryResult all = query(sql, params.toArray());
        if (all.rowCount() <= maxRows) {
            return all;
        }
        return new QueryResult(all.columns(), all.rows().subList(0, maxRows), maxRows, all.executionMillis());
    }

    /**
     * Runs a statement that changes data or schema.
     *
     * @param sql the statement, with {@code ?} for each parameter
     * @param params values bound in order; never concatenated into the SQL
     * @return the number of rows affected (0 for DDL)
     */
    long execute(String sql, Object... params);

    /**
     * Checks that the datastore answers. Never throws for an unreachable or refusing database: the
     * failure is reported in the result, in words a person can act on.
     *
     * @return success, latency, server version and database, or the error
     */
    ConnectionTest test();

    /** @return the names of the schemas this datastore has */
    List<String> schemas();

    /**
     * @param schema a schema name, or {@code null} for the current default schema
     * @return the tables and views of that schema
     */
    List<TableRef> tables(String schema);

    /**
     * @param table the table to describe; a {@code null} schema means the current default schema
     * @return its columns with their types, and its primary key
     * @throws DatastoreException with {@link ErrorCode#NOT_FOUND} when the table does not exist
     */
    TableInfo describe(TableRef table);

    /**
     * Describes a table that may not exist, such as the target of a copy that creates it when it is
     * missing. Connects first, so a datastore that cannot be reached (or whose container is missing,
     * such as an S3 bucket) fails as itself instead of passing for a missing table.
     *
     * @param table the table to describe; a {@code null} schema means the current default schema
     * @return its description, or empty when there is no such table
     */
    default Optional<TableInfo> describeIfExists(TableRef table) {
        connect();
        try {
            return Optional.of(describe(table));
        } catch (DatastoreException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Returns a view of this datastore whose statements run in the schema that the first named
     * logical database ({@code databases:} in the configuration) maps onto; the others, all of
     * this datastore, are reached with schema-qualified names. The view shares this datastore's
     * connections; closing it does nothing.
     *
     * @param logicalName a logical database of this datastore
     * @param more further logical databases the statements will use
     * @return the view
     * @throws DatastoreException with {@link ErrorCode#NOT_FOUND} for a name this datastore does
     *     not declare
     */
    Datastore database(String logicalName, String... more);

    /**
     * Reaches a type-specific extra, such as a bulk path or a vendor option, without casting to
     * an implementation class.
     *
     * @param type the feature's interface
     * @param <T> the feature type
     * @return the feature, or empty when this datastore does not offer it
     */
    default <T> Optional<T> feature(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    /**
     * @return the reader that streams tables out as Arrow batches
     * @throws DatastoreException with {@link ErrorCode#UNSUPPORTED} when this datastore has none
     */
    default BulkReader bulkReader() {
        return feature(BulkReader.class)
                .orElseThrow(() -> DatastoreException.unsupported(name(), type(), Capability.BULK_READ));
    }

    /**
     * @return the writer that loads Arrow batches through the database's native bulk path
     * @throws DatastoreException with {@link ErrorCode#UNSUPPORTED} when this datastore has none
     */
    default BulkWriter bulkWriter() {
        return feature(BulkWriter.class)
                .orElseThrow(() -> DatastoreException.unsupported(name(), type(), Capability.BULK_WRITE));
    }

    /**
     * Quotes an identifier the way this datastore's SQL needs, so any name, however hostile, is
     * taken literally; for callers that build SQL beyond what the interfaces here offer (such as
     * {@code ALTER TABLE … ADD COLUMN}). The default is standard SQL double quotes; datastores
     * with other rules (MySQL backticks) override it.
     *
     * @param identifier a schema, table or column name
     * @return the quoted identifier
     */
    default String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * @param table a table, optionally schema-qualified
     * @return the quoted, qualified name to use in SQL, built with {@link #quote(String)}
     */
    default String qualify(TableRef table) {
        return table.schema() == null ? quote(table.name()) : quote(table.schema()) + "." + quote(table.name());
    }
}
