package io.datastores.jdbc;

import io.datastores.api.bulk.WriteResult;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * The portable bulk writer, for a database with no bulk-load interface of its own: bound multi-row
 * INSERTs ({@link MultiRowInsert}) in the write's transaction. Appends and overwrites; an upsert is
 * refused unless the provider declares UPSERT, which this writer does not implement. Public API of
 * {@code datastores-jdbc}; thread-safe.
 */
public final class JdbcInsertBulkWriter extends BaseJdbcBulkWriter {
    /** Below every common driver's limit on bound parameters per statement. */
    private static final int MAX_PARAMETERS = 10_000;

    private static final long MAX_STATEMENT_BYTES = 16L << 20;

    /**
     * @param datastore the datastore written into
     */
    public JdbcInsertBulkWriter(JdbcDatastore datastore) {
        super(datastore, Overwrite.DELETE);
    }

    @Override
    protected WriteResult load(Connection connection, WriteTarget target, ArrowReader source) throws SQLException {
        return new MultiRowInsert(
                        dialect,
                        target.qualified(),
                        target.names(),
                        MAX_PARAMETERS,
                        MAX_STATEMENT_BYTES,
                        ArrowValues::object)
                .write(connection, source);
    }
}
