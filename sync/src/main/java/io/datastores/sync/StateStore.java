package io.datastores.sync;

import io.datastores.api.Capability;
import io.datastores.api.Datastore;
import io.datastores.api.bulk.BoundStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job's durable state, kept in the target datastore in {@value #TABLE} of the target schema: in
 * SQL on a target that speaks it ({@link SqlStateStore}), else as rows written by the target's own
 * bulk writer ({@link RowStateStore}). {@link Sync} serialises runs, so no two calls overlap.
 */
interface StateStore {
    /** The state table's name. */
    String TABLE = "_datastores_sync_state";

    /**
     * @param target the sync target
     * @param schema the target schema, or {@code null} for the target's default
     * @param job the job name
     * @param commitsWithRows whether the state is written in the rows' own transaction
     * @return the store that suits the target
     */
    static StateStore on(Datastore target, String schema, String job, boolean commitsWithRows) {
        return target.supports(Capability.SQL)
                ? new SqlStateStore(target, schema, job, commitsWithRows)
                : new RowStateStore(target, schema, job);
    }

    /**
     * One table's state.
     *
     * @param table the table name
     * @param cursor the high-water mark, or {@code null} before the first incremental run
     * @param lastSyncTime when the table last synced successfully, or {@code null}
     * @param recordCount records written since the last reset (re-sent rows count again)
     * @param lastError the last run's error, or {@code null} when it succeeded
     * @param durationMillis the last run's duration
     */
    record Row(
            String table,
            Cursor cursor,
            Instant lastSyncTime,
            long recordCount,
            String lastError,
            long durationMillis) {

        /**
         * @param before the table's stored state, or {@code null}
         * @return the state after a failed run: {@code before}'s cursor, time and count, with the
         *     failure's error and duration
         */
        static Row failed(Row before, String table, String error, long durationMillis) {
            return before == null
                    ? new Row(table, null, null, 0, error, durationMillis)
                    : new Row(
                            table, before.cursor(), before.lastSyncTime(), before.recordCount(), error, durationMillis);
        }
    }

    /** Creates the state table unless it exists; refuses a target that cannot hold it. */
    void create();

    /** @return the state of each table of the job, by table name */
    Map<String, Row> load();

    /** Stores one table's state, replacing what was stored. */
    void save(Row row);

    /**
     * @return the statements that store a table's state inside a bulk write's transaction, so the
     *     state commits exactly when the rows it describes do; only for a store that commits with
     *     the rows
     */
    List<BoundStatement> saveStatements(Row row);

    /**
     * Records a failed run: the error and duration only, so a cursor that committed with its rows
     * before the failure stays.
     */
    void saveFailure(String tableName, String error, long durationMillis);

    /** Forgets one table's state. */
    void delete(String tableName);

    /** Forgets the state of every table of the job. */
    void deleteAll();
}
