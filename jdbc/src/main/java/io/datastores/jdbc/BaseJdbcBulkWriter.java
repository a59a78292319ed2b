package io.datastores.jdbc;

import io.datastores.api.Capability;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableInfo;
import io.datastores.api.bulk.BulkWriter;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * The template of a JDBC bulk writer. The final {@link #write} does what every writer does the same
 * way: it borrows one connection, describes the target on it and matches the source's fields to its
 * columns ({@link WriteTarget}), and, where the datastore declares {@link Capability#TRANSACTIONS},
 * runs the load and the request's {@link WriteRequest#beforeCommit() beforeCommit} statements in
 * one transaction, so all of it commits or none (elsewhere {@code beforeCommit} is refused). The
 * provider writes only {@link #load}: the database's own way of putting the rows in.
 *
 * <p>Public API of {@code datastores-jdbc}. Subclasses must be thread-safe: one writer serves every
 * write of its datastore, each on a connection of its own.
 */
public abstract class BaseJdbcBulkWriter implements BulkWriter {
    /** The datastore written into. */
    protected final JdbcDatastore datastore;
    /** Its dialect. */
    protected final JdbcDialect dialect;

    private final Overwrite overwrite;

    /** How an {@link WriteMode#OVERWRITE} empties the target, on the write's connection, right before {@link #load}. */
    public enum Overwrite {
        /** {@code DELETE FROM}: rolled back with the write (MySQL's {@code TRUNCATE} commits implicitly). */
        DELETE,
        /** {@code TRUNCATE TABLE}: faster, where the database allows it (transactional in PostgreSQL). */
        TRUNCATE
    }

    /**
     * @param datastore the datastore written into
     * @param overwrite how an overwrite empties the target
     */
    protected BaseJdbcBulkWriter(JdbcDatastore datastore, Overwrite overwrite) {
        this.datastore = datastore;
        this.dialect = datastore.dialect();
        this.overwrite = overwrite;
    }

    @Override
    public final WriteResult write(WriteRequest request, ArrowReader source) {
        long started = System.nanoTime();
        boolean transactional = datastore.capabilities().contains(Capability.TRANSACTIONS);
        if (!transactional) {
            request.refuseBeforeCommit(datastore.name(), datastore.type());
        }
        if (request.mode() == WriteMode.UPSERT && !datastore.supports(Capability.UPSERT)) {
            throw DatastoreException.unsupported(datastore.name(), datastore.type(), Capability.UPSERT);
        }
        String doing = "Bulk write into " + request.table() + " failed";
        try (Connection connection = datastore.borrow(doing)) {
            boolean creates = !request.createColumns().isEmpty();
            if (creates && !transactional) {
                create(connection, request);
            }
            // A table created in the write's transaction is matched there, once it exists.
            WriteTarget existing = creates && transactional
                    ? null
                    : WriteTarget.of(datastore, datastore.describe(connection, request.table()), request, source);
            WriteResult loaded = session(
                    connection,
                    existing,
                    source,
                    batches -> !transactional
                            ? clearAndLoad(connection, existing, batches)
                            : BulkWrites.inTransaction(connection, transaction -> {
                                WriteTarget target = existing;
                                if (target == null) {
                                    create(transaction, request);
                                    target = WriteTarget.of(
                                            datastore,
                                            datastore.describe(transaction, request.table()),
                                            request,
                                            source);
                                }
                                WriteResult written = loadUnchecked(transaction, target, batches);
                                BulkWrites.beforeCommit(transaction, request, written.rows());
                                return written;
                            }));
            return new WriteResult(
                    loaded.rows(), loaded.batches(), loaded.bytes(), (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException e) {
            throw datastore.translate(doing, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DatastoreException e) {
            if (e.datastore().isPresent()) {
                throw e;
            }
            // A value that could not be encoded (ArrowValues knows no datastore): say where it went.
            throw new DatastoreException(
                    e.code(),
                    datastore.name(),
                    DatastoreException.prefix(datastore.name(), datastore.type()) + doing + ": " + e.getMessage(),
                    null,
                    0,
                    e);
        }
    }

    private void create(Connection connection, WriteRequest request) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    JdbcTableCreator.sql(dialect, request.table(), request.createColumns(), request.keyColumns()));
        }
    }

    private WriteResult loadUnchecked(Connection connection, WriteTarget target, ArrowReader batches)
            throws SQLException {
        try {
            return clearAndLoad(connection, target, batches);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WriteResult clearAndLoad(Connection connection, WriteTarget target, ArrowReader batches)
            throws SQLException, IOException {
        if (target.request().mode() == WriteMode.OVERWRITE) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(
                        (overwrite == Overwrite.TRUNCATE ? "TRUNCATE TABLE " : "DELETE FROM ") + target.qualified());
            }
        }
        return load(connection, target, batches);
    }

    /**
     * Puts the source's rows into the target, the database's own way (COPY, LOAD DATA, multi-row
     * INSERT …), merging by key for an upsert (an overwrite's table is already empty).
     * Runs inside the write's transaction where there is one.
     *
     * @param connection the write's connection
     * @param target the matched target
     * @param source the batches; the caller owns the reader
     * @return the rows, batches and bytes written (the elapsed time is the template's)
     * @throws SQLException when the database refuses, which rolls the write back
     * @throws IOException when the source fails
     */
    protected abstract WriteResult load(Connection connection, WriteTarget target, ArrowReader source)
            throws SQLException, IOException;

    /**
     * Wraps the transaction, for a writer that must prepare the connection before it and clean up
     * after it (DuckDB registers the Arrow source outside any transaction). By default just runs it.
     *
     * @param connection the write's connection
     * @param target the matched target, or {@code null} when the write creates its table (it is
     *     matched inside the transaction)
     * @param source the caller's batches
     * @param transaction runs {@link #load} (in the transaction, with {@code beforeCommit}) on the
     *     batches it is given
     * @return what the transaction returned
     * @throws SQLException when the database refuses
     * @throws IOException when the source fails
     */
    protected WriteResult session(
            Connection connection, WriteTarget target, ArrowReader source, Transaction transaction)
            throws SQLException, IOException {
        return transaction.run(source);
    }

    /** The write's transaction, handed to {@link #session}. */
    @FunctionalInterface
    protected interface Transaction {
        /**
         * @param batches the batches to load
         * @return what {@link #load} returned
         * @throws SQLException when the database refuses
         * @throws IOException when the source fails
         */
        WriteResult run(ArrowReader batches) throws SQLException, IOException;
    }

    /**
     * Refuses an upsert whose key is not exactly one of the table's unique keys, which
     * {@code INSERT … ON CONFLICT (key)} needs.
     *
     * @param datastore the target, for the message
     * @param table the target table
     * @param key the upsert's key columns
     * @param uniqueKeys the table's primary key and unique constraints or indexes, each as its columns
     * @throws DatastoreException with {@link io.datastores.api.ErrorCode#INVALID_DATA}, naming the keys the table has
     */
    protected static void requireUniqueKey(
            JdbcDatastore datastore, TableInfo table, List<String> key, List<List<String>> uniqueKeys) {
        Set<String> wanted = new HashSet<>(key);
        if (uniqueKeys.stream().noneMatch(columns -> wanted.equals(new HashSet<>(columns)))) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_DATA,
                    datastore.name(),
                    datastore.type(),
                    "Upsert into '" + table.table() + "' by " + key + " needs a primary key, unique constraint or "
                            + "unique index on exactly those columns; the table has "
                            + (uniqueKeys.isEmpty() ? "none" : uniqueKeys));
        }
    }
}
