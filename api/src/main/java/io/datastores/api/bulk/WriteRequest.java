package io.datastores.api.bulk;

import io.datastores.api.Capability;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * Where and how a {@link BulkWriter} writes.
 *
 * @param table the target table, which must exist
 * @param mode append, overwrite or upsert
 * @param keyColumns the key for {@link WriteMode#UPSERT}; empty otherwise
 * @param beforeCommit statements to run in the write's own transaction after its last row and
 *     before its commit, given the number of rows written, so they commit exactly when the rows
 *     do (a sync stores its cursor this way). Only writers of datastores with
 *     {@link io.datastores.api.Capability#TRANSACTIONS} run them; others refuse a request that has
 *     any with {@link io.datastores.api.ErrorCode#UNSUPPORTED}.
 * @param createColumns when not empty, the table does not exist yet and the writer creates it with
 *     these columns (primary key: {@code keyColumns}) inside the write's own transaction, so a failed
 *     write leaves no table behind; only sent to a datastore whose {@link TableCreator#createsInWrite()}
 *     says it does so
 * @param writeId names this write for datastores whose loads are labelled (ClickHouse's
 *     {@code insert_deduplication_token}, StarRocks' Stream Load label), or {@code null} for the
 *     writer's own naming: the same batches written again under the same id are stored once
 *     (a retried task of a Spark job), and writes under different ids never deduplicate against
 *     each other (two partitions holding equal rows). 1-64 letters, digits, {@code _} or {@code -};
 *     writers of other datastores ignore it
 */
public record WriteRequest(
        TableRef table,
        WriteMode mode,
        List<String> keyColumns,
        LongFunction<List<BoundStatement>> beforeCommit,
        List<TableCreator.ColumnDefinition> createColumns,
        String writeId) {
    private static final LongFunction<List<BoundStatement>> NOTHING = rows -> List.of();

    /**
     * Checks that an upsert names its key.
     *
     * @param table the target table, which must exist
     * @param mode append, overwrite or upsert
     * @param keyColumns the key for {@link WriteMode#UPSERT}; empty otherwise
     * @param beforeCommit statements to run in the write's own transaction after its last row and before its
     *     commit, given the number of rows written, so they commit exactly when the rows do (a sync stores
     *     its cursor this way). Only writers of datastores with {@link
     *     io.datastores.api.Capability#TRANSACTIONS} run them; others refuse a request that has any with
     *     {@link io.datastores.api.ErrorCode#UNSUPPORTED}.
     * @param createColumns the columns of a table the writer creates in the write's transaction, or empty
     * @param writeId names this write for labelled loads, or {@code null}: 1-64 letters, digits, {@code _} or
     *     {@code -}
     */
    public WriteRequest {
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(mode, "mode is null");
        Objects.requireNonNull(beforeCommit, "beforeCommit is null");
        keyColumns = List.copyOf(keyColumns);
        createColumns = List.copyOf(createColumns);
        if (mode == WriteMode.UPSERT && keyColumns.isEmpty()) {
            throw new IllegalArgumentException("an upsert needs at least one key column");
        }
        if (writeId != null && !writeId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException(
                    "writeId must be 1-64 letters, digits, '_' or '-', got '" + writeId + "'");
        }
    }

    /**
     * A request without a write id.
     *
     * @param table the target table
     * @param mode append, overwrite or upsert
     * @param keyColumns the key for {@link WriteMode#UPSERT}; empty otherwise
     * @param beforeCommit statements to run in the write's own transaction before its commit
     * @param createColumns the columns of a table the writer creates in the write's transaction, or empty
     */
    public WriteRequest(
            TableRef table,
            WriteMode mode,
            List<String> keyColumns,
            LongFunction<List<BoundStatement>> beforeCommit,
            List<TableCreator.ColumnDefinition> createColumns) {
        this(table, mode, keyColumns, beforeCommit, createColumns, null);
    }

    /**
     * A request into a table that exists.
     *
     * @param table the target table, which must exist
     * @param mode append, overwrite or upsert
     * @param keyColumns the key for {@link WriteMode#UPSERT}; empty otherwise
     * @param beforeCommit statements to run in the write's own transaction before its commit
     */
    public WriteRequest(
            TableRef table, WriteMode mode, List<String> keyColumns, LongFunction<List<BoundStatement>> beforeCommit) {
        this(table, mode, keyColumns, beforeCommit, List.of());
    }

    /**
     * A request with nothing to run before the commit.
     *
     * @param table the target table, which must exist
     * @param mode append, overwrite or upsert
     * @param keyColumns the key for {@link WriteMode#UPSERT}; empty otherwise
     */
    public WriteRequest(TableRef table, WriteMode mode, List<String> keyColumns) {
        this(table, mode, keyColumns, NOTHING);
    }

    /**
     * @param table the target table
     * @return a request that appends to it
     */
    public static WriteRequest append(TableRef table) {
        return new WriteRequest(table, WriteMode.APPEND, List.of());
    }

    /**
     * @param statements what to run in the write's transaction before it commits
     * @return this request with those statements
     */
    public WriteRequest withBeforeCommit(LongFunction<List<BoundStatement>> statements) {
        return new WriteRequest(table, mode, keyColumns, statements, createColumns, writeId);
    }

    /**
     * @param columns the columns of the table to create in the write's transaction (its primary key
     *     is {@link #keyColumns()})
     * @return this request, creating its table
     */
    public WriteRequest withCreate(List<TableCreator.ColumnDefinition> columns) {
        return new WriteRequest(table, mode, keyColumns, beforeCommit, columns, writeId);
    }

    /**
     * @param id names this write for labelled loads ({@link #writeId()}), or {@code null}
     * @return this request under that id
     */
    public WriteRequest withWriteId(String id) {
        return new WriteRequest(table, mode, keyColumns, beforeCommit, createColumns, id);
    }

    /**
     * For writers without a transaction to run {@link #beforeCommit() beforeCommit} statements in:
     * refuses a request that has any, before a row moves.
     *
     * @param datastore the target datastore's name
     * @param type its type
     * @throws DatastoreException with {@link ErrorCode#UNSUPPORTED}: the datastore does not support TRANSACTIONS
     */
    public void refuseBeforeCommit(String datastore, String type) {
        if (beforeCommit != NOTHING) {
            throw DatastoreException.unsupported(datastore, type, Capability.TRANSACTIONS);
        }
    }
}
