package io.datastores.api.spi;

import io.datastores.api.ErrorCode;
import io.datastores.api.bulk.BulkWriter;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The template of a bulk writer for a store without a transaction across batches (a document, graph,
 * column or key-value store). The final {@link #write} does what every such writer does the same way:
 * it refuses {@link WriteRequest#beforeCommit() beforeCommit} statements (there is no transaction to
 * run them in), lets the provider check the request before any row moves ({@link #prepare}), runs
 * the load while counting what the server acknowledged, and turns any failure into one that says
 * how many rows were stored and how to converge ({@link DatastoreErrors#writeFailed}). The JDBC
 * counterpart, with transactions, is {@code io.datastores.jdbc.BaseJdbcBulkWriter}.
 *
 * <p>Subclasses must be thread-safe: one writer serves every write of its datastore.
 *
 * @param <E> the provider's error translation
 */
public abstract class BaseBulkWriter<E extends DatastoreErrors> implements BulkWriter {
    /** The datastore's error translation. */
    protected final E errors;

    /** @param errors the datastore's error translation */
    protected BaseBulkWriter(E errors) {
        this.errors = errors;
    }

    /**
     * One write whose checks have passed.
     *
     * @param target what is written, for messages, such as {@code "table 'shop.orders'"}
     * @param loader loads every batch of the source
     * @param outcome given the rows acknowledged before a failure, what the target holds now and how
     *     to converge, appended to the failure's message
     */
    public record Load(String target, Loader loader, LongFunction<String> outcome) {}

    /** Loads every batch of a write's source. */
    @FunctionalInterface
    public interface Loader {
        /**
         * @param source the rows
         * @param progress where each acknowledged row and each batch is counted, as the server confirms them
         * @throws Exception what the driver or the source threw; it is classified by the template
         */
        void run(ArrowReader source, Progress progress) throws Exception;
    }

    /** The rows and batches a write has stored so far; safe to count into from driver callbacks. */
    public static final class Progress {
        private final AtomicLong rows = new AtomicLong();
        private final AtomicLong batches = new AtomicLong();

        Progress() {}

        /** @param stored rows the server acknowledged */
        public void stored(long stored) {
            rows.addAndGet(stored);
        }

        /** Counts one source batch read. */
        public void batch() {
            batches.incrementAndGet();
        }

        /** @return the rows acknowledged so far */
        public long rows() {
            return rows.get();
        }
    }

    @Override
    public final WriteResult write(WriteRequest request, ArrowReader source) {
        request.refuseBeforeCommit(errors.name(), errors.type());
        long start = System.nanoTime();
        Load load = prepare(request);
        Progress progress = new Progress();
        try {
            load.loader().run(source, progress);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw errors.error(
                    ErrorCode.CANCELLED,
                    "Writing " + load.target() + " was interrupted after " + progress.rows() + " rows were stored",
                    e);
        } catch (Exception e) {
            throw errors.writeFailed(load.target(), e, load.outcome().apply(progress.rows()));
        }
        return new WriteResult(progress.rows(), progress.batches.get(), 0, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Checks the request against the target before any row moves; what it throws reaches the caller
     * as it is.
     *
     * @param request the write
     * @return the load to run
     */
    protected abstract Load prepare(WriteRequest request);

    /**
     * Refuses an {@link WriteMode#UPSERT} whose key columns are not the target's key.
     *
     * @param request the write
     * @param target what is written, for the message
     * @param keyName what the store upserts by, such as {@code "its primary key"}
     * @param key the target's key columns
     */
    protected final void requireUpsertKey(WriteRequest request, String target, String keyName, List<String> key) {
        if (request.mode() == WriteMode.UPSERT && !new HashSet<>(request.keyColumns()).equals(new HashSet<>(key))) {
            throw errors.error(
                    ErrorCode.INVALID_DATA,
                    "An upsert into " + target + " goes by " + keyName + " " + key + ", not by " + request.keyColumns()
                            + "; give those key columns");
        }
    }

    /**
     * Refuses rows that lack one of the target's key columns.
     *
     * @param target what is written, for the message
     * @param key the target's key columns
     * @param fields the source's fields
     */
    protected final void requireKeyColumns(String target, List<String> key, List<Field> fields) {
        for (String column : key) {
            if (fields.stream().noneMatch(f -> f.getName().equals(column))) {
                throw errors.error(
                        ErrorCode.INVALID_DATA,
                        "The rows written to " + target + " lack its key column '" + column + "'");
            }
        }
    }
}
