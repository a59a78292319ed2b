package io.datastores.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An {@link ArrowReader} that fills its batches from a pooled connection it owns: the batch
 * bookkeeping, error translation and connection return that every JDBC bulk reader shares. A
 * subclass fills vectors and says how to end the read.
 *
 * <p>Not thread-safe (one consumer, like every {@link ArrowReader}). Closing the reader ends the
 * read and returns the connection to the pool.
 */
public abstract class BaseJdbcArrowReader extends ArrowReader {
    private final JdbcDatastore datastore;
    private final Connection connection;
    private final Schema schema;
    private final int batchSize;
    private boolean exhausted;

    /**
     * @param datastore the datastore read from, for error messages
     * @param connection the connection the read runs on; owned by the reader from here on
     * @param schema the batches' schema
     * @param batchSize the most rows in one batch
     * @param allocator where batch memory comes from
     */
    protected BaseJdbcArrowReader(
            JdbcDatastore datastore, Connection connection, Schema schema, int batchSize, BufferAllocator allocator) {
        super(allocator);
        this.datastore = Objects.requireNonNull(datastore, "datastore is null");
        this.connection = Objects.requireNonNull(connection, "connection is null");
        this.schema = Objects.requireNonNull(schema, "schema is null");
        this.batchSize = batchSize;
    }

    @Override
    public final boolean loadNextBatch() {
        if (exhausted) {
            return false;
        }
        try {
            prepareLoadNextBatch();
            VectorSchemaRoot root = getVectorSchemaRoot();
            List<FieldVector> vectors = root.getFieldVectors();
            vectors.forEach(FieldVector::allocateNew);
            int rows = fill(vectors, batchSize);
            exhausted = rows < batchSize;
            root.setRowCount(rows);
            return rows > 0;
        } catch (SQLException e) {
            throw datastore.translate("Bulk read failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fills rows {@code 0…} of freshly allocated vectors (with the {@code setSafe} methods).
     *
     * @param vectors the batch's vectors, in schema order
     * @param maxRows the most rows to fill
     * @return the rows filled; fewer than {@code maxRows} means the source is exhausted
     * @throws SQLException when the database fails
     */
    protected abstract int fill(List<FieldVector> vectors, int maxRows) throws SQLException;

    /**
     * Ends the read on its connection, whether or not every row was read, leaving the connection
     * fit for the next user of the pool.
     *
     * @param connection the reader's connection, closed right after
     * @throws SQLException when the database fails
     */
    protected abstract void finish(Connection connection) throws SQLException;

    /** @return the datastore read from, for messages */
    protected final JdbcDatastore datastore() {
        return datastore;
    }

    @Override
    protected final void closeReadSource() {
        try (connection) {
            finish(connection);
        } catch (SQLException e) {
            throw datastore.translate("Closing a bulk read failed", e);
        }
    }

    @Override
    protected final Schema readSchema() {
        return schema;
    }
}
