package io.datastores.jdbc;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.bulk.WriteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * The portable bulk write: Arrow batches become multi-row {@code INSERT … VALUES (?,…),(?,…)}
 * statements with every value bound, never written into the SQL. Used where a database's native
 * bulk path is unavailable (such as MySQL with {@code local_infile} off).
 *
 * <p>A statement that raises a warning fails the write: databases in lenient modes warn instead
 * of failing when they truncate or replace a value, and a bulk load must not change data silently.
 * Instances are not shared; each write creates its own.
 *
 * @param dialect quotes identifiers
 * @param table the target, already quoted and qualified
 * @param columns the target columns, in the source's field order
 * @param maxParameters the most bound parameters the driver accepts in one statement
 * @param maxStatementBytes roughly the most bytes of values to send in one statement
 * @param binder turns each non-null value into the object bound for it
 */
public record MultiRowInsert(
        JdbcDialect dialect,
        String table,
        List<String> columns,
        int maxParameters,
        long maxStatementBytes,
        Binder binder) {
    private static final int MAX_ROWS_PER_STATEMENT = 1000;

    /**
     * Chooses what to bind for one value: usually {@link ArrowValues#object}, but a driver may need
     * another form (Connector/J drops fractional seconds of temporal objects against MariaDB, so
     * the MySQL provider binds those as text).
     */
    @FunctionalInterface
    public interface Binder {
        /**
         * @param vector the column
         * @param row a non-null row
         * @return the object to bind
         */
        Object value(FieldVector vector, int row);
    }

    /**
     * Writes every batch of the source on the given connection (the caller owns the transaction).
     *
     * @param connection the connection to write on
     * @param source the batches, read to the end, not closed
     * @return the rows and batches written and the time taken; bytes are not counted (0)
     * @throws SQLException when the database refuses a statement
     */
    public WriteResult write(Connection connection, ArrowReader source) throws SQLException {
        int rowLimit = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, maxParameters / columns.size()));
        long started = System.nanoTime();
        long rows = 0;
        long batches = 0;
        PreparedStatement full = null;
        int fullSize = 0;
        try {
            while (source.loadNextBatch()) {
                VectorSchemaRoot root = source.getVectorSchemaRoot();
                List<FieldVector> vectors = root.getFieldVectors();
                int count = root.getRowCount();
                // Fewer rows per statement when rows are wide, so a statement stays within the
                // server's packet limit (1 MB values are common in text and blob columns).
                long rowBytes = Math.max(
                        1,
                        vectors.stream().mapToLong(FieldVector::getBufferSize).sum() / Math.max(1, count));
                int perStatement = (int) Math.max(1, Math.min(rowLimit, maxStatementBytes / rowBytes));
                if (full == null || perStatement != fullSize) {
                    if (full != null) {
                        full.close();
                    }
                    full = connection.prepareStatement(sql(perStatement));
                    fullSize = perStatement;
                }
                int start = 0;
                for (; start + perStatement <= count; start += perStatement) {
                    execute(full, vectors, start, perStatement);
                }
                if (start < count) {
                    try (PreparedStatement rest = connection.prepareStatement(sql(count - start))) {
                        execute(rest, vectors, start, count - start);
                    }
                }
                rows += count;
                batches++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (full != null) {
                full.close();
            }
        }
        return new WriteResult(rows, batches, 0, (System.nanoTime() - started) / 1_000_000);
    }

    private void execute(PreparedStatement statement, List<FieldVector> vectors, int start, int count)
            throws SQLException {
        int parameter = 1;
        for (int row = start; row < start + count; row++) {
            for (FieldVector vector : vectors) {
                if (vector.isNull(row)) {
                    statement.setObject(parameter++, null);
                } else {
                    statement.setObject(parameter++, binder.value(vector, row));
                }
            }
        }
        statement.executeUpdate();
        SQLWarning warning = statement.getWarnings();
        if (warning != null) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_DATA,
                    "The database changed or rejected a value while " + "inserting rows " + start + "–"
                            + (start + count - 1) + " of a batch: " + warning.getMessage());
        }
    }

    private String sql(int rows) {
        String row = columns.stream().map(c -> "?").collect(Collectors.joining(",", "(", ")"));
        String names = columns.stream().map(dialect::quote).collect(Collectors.joining(", "));
        StringBuilder sql = new StringBuilder("INSERT INTO ")
                .append(table)
                .append(" (")
                .append(names)
                .append(") VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ",").append(row);
        }
        return sql.toString();
    }
}
