package io.datastores.jdbc;

import io.datastores.api.bulk.BoundStatement;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.TableCreator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Streams a forward-only {@link ResultSet} into Arrow batches, with exact types: decimals keep
 * their precision and scale, timestamps keep microseconds, unsigned integers widen so nothing
 * overflows, and types Arrow has no match for (JSON, UUID, arrays…) arrive as text. The dialect may
 * correct what the driver reports ({@link JdbcDialect#columnType}, {@link JdbcDialect#isSigned}) and
 * have dates and times parsed from text ({@link JdbcDialect#storesTemporalAsText}). The bulk-read
 * path of JDBC providers whose database has no faster one.
 *
 * <p>Not thread-safe (one consumer, like every {@link ArrowReader}). The reader owns its pooled
 * connection; closing it closes the statement and returns the connection.
 */
public final class ResultSetArrowReader extends BaseJdbcArrowReader {
    private final PreparedStatement statement;
    private final ResultSet resultSet;
    private final List<ResultSetColumns.Filler> fillers;

    private ResultSetArrowReader(
            JdbcDatastore datastore,
            Connection connection,
            PreparedStatement statement,
            ResultSet resultSet,
            List<ResultSetColumns.Mapping> mappings,
            Schema schema,
            int batchSize,
            BufferAllocator allocator) {
        super(datastore, connection, schema, batchSize, allocator);
        this.statement = statement;
        this.resultSet = resultSet;
        this.fillers = mappings.stream().map(ResultSetColumns.Mapping::filler).toList();
    }

    private static ResultSetArrowReader create(
            JdbcDatastore datastore,
            Connection connection,
            PreparedStatement statement,
            ResultSet resultSet,
            int batchSize,
            BufferAllocator allocator)
            throws SQLException {
        ResultSetMetaData metaData = resultSet.getMetaData();
        List<Field> fields = new ArrayList<>();
        List<ResultSetColumns.Mapping> mappings = new ArrayList<>();
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            ResultSetColumns.Mapping mapping = ResultSetColumns.map(metaData, i, datastore.dialect());
            // A column read as text says what it was, so that a plan can name what that loses.
            Map<String, String> source = mapping.type() instanceof ArrowType.Utf8
                    ? Map.of(TableCreator.SOURCE_TYPE, metaData.getColumnTypeName(i))
                    : null;
            fields.add(new Field(metaData.getColumnLabel(i), new FieldType(true, mapping.type(), null, source), null));
            mappings.add(mapping);
        }
        return new ResultSetArrowReader(
                datastore, connection, statement, resultSet, mappings, new Schema(fields), batchSize, allocator);
    }

    /**
     * Runs the request's {@code SELECT} ({@link ReadSql}) and returns the stream.
     *
     * @param datastore where to read
     * @param request the read, its parameters and the batch size
     * @param allocator where batch memory comes from
     * @param fetchSize the driver fetch size that makes the driver stream rather than buffer the
     *     whole result ({@code Integer.MIN_VALUE} for Connector/J)
     * @return the reader; the caller owns it and must close it
     */
    public static ArrowReader open(
            JdbcDatastore datastore, ReadRequest request, BufferAllocator allocator, int fetchSize) {
        String doing = JdbcBulkReader.failure(request);
        return open(
                datastore,
                datastore.borrow(doing),
                ReadSql.select(datastore.dialect(), request, null),
                request.batchSize(),
                allocator,
                fetchSize,
                doing);
    }

    /**
     * Runs a statement on a connection the caller prepared (one already in a transaction with a
     * shared snapshot, say) and returns the stream, which then owns the connection.
     *
     * @param datastore where to read
     * @param connection a borrowed connection, closed by the reader (or here, when this fails)
     * @param select the statement and its values
     * @param batchSize the most rows in one batch
     * @param allocator where batch memory comes from
     * @param fetchSize the driver fetch size that makes the driver stream
     * @param doing what the read is, for error messages
     * @return the reader; the caller owns it and must close it
     */
    public static ArrowReader open(
            JdbcDatastore datastore,
            Connection connection,
            BoundStatement select,
            int batchSize,
            BufferAllocator allocator,
            int fetchSize,
            String doing) {
        try {
            // Drivers stream (rather than buffer every row) only outside autocommit.
            connection.setAutoCommit(false);
            PreparedStatement statement =
                    connection.prepareStatement(select.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(fetchSize);
            for (int i = 0; i < select.params().size(); i++) {
                statement.setObject(i + 1, select.params().get(i));
            }
            return create(datastore, connection, statement, statement.executeQuery(), batchSize, allocator);
        } catch (SQLException e) {
            closeQuietly(connection, e);
            throw datastore.translate(doing, e);
        }
    }

    @Override
    protected int fill(List<FieldVector> vectors, int maxRows) throws SQLException {
        int rows = 0;
        while (rows < maxRows && resultSet.next()) {
            for (int i = 0; i < fillers.size(); i++) {
                fillers.get(i).fill(resultSet, i + 1, vectors.get(i), rows);
            }
            rows++;
        }
        return rows;
    }

    @Override
    public long bytesRead() {
        // The driver does not report wire bytes; callers count rows instead.
        return 0;
    }

    @Override
    protected void finish(Connection connection) throws SQLException {
        // Result set first: a streaming MySQL result must be finished before the connection
        // accepts the rollback that ends the read-only transaction. Closing the connection
        // closes the statement even if closing the result set fails.
        resultSet.close();
        statement.close();
        connection.rollback();
    }

    private static void closeQuietly(Connection connection, SQLException failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** @return a secret-free description */
    @Override
    public String toString() {
        return "ResultSetArrowReader[" + datastore() + "]";
    }
}
