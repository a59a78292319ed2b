package io.datastores.sync;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.BoundStatement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job's durable state in the target datastore: one row per job and table in
 * {@value #TABLE}, in the target schema, written with portable SQL (values bound, identifiers
 * quoted by the target): inside the table's write transaction where the target has transactions,
 * else after the write has committed; see {@link Sync} for why both are safe. Thread-safe as far as the datastore is; {@link Sync} serialises runs.
 */
final class StateStore {
    static final String TABLE = "_datastores_sync_state";

    private final Datastore target;
    private final String table;
    private final String job;
    // Set once the table is known to exist, to spare every run a statement; load() mends a table dropped since.
    private volatile boolean created;

    StateStore(Datastore target, String schema, String job) {
        this.target = target;
        this.table = target.qualify(TableRef.of(schema, TABLE));
        this.job = job;
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
    record Row(String table, Cursor cursor, Instant lastSyncTime, long recordCount, String lastError,
            long durationMillis) {
    }

    /** Creates the state table unless this store has already seen it. */
    void create() {
        if (!created) {
            createTable();
            created = true;
        }
    }

    private void createTable() {
        // Plain types every SQL target has; the time is ISO-8601 text so no target can shift its zone.
        target.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + q("job_name") + " VARCHAR(200) NOT NULL, "
                + q("table_name") + " VARCHAR(200) NOT NULL, " + q("cursor_value") + " TEXT, "
                + q("cursor_type") + " VARCHAR(20), " + q("last_sync_time") + " VARCHAR(40), "
                + q("record_count") + " BIGINT NOT NULL, " + q("last_error") + " TEXT, "
                + q("duration_ms") + " BIGINT NOT NULL, PRIMARY KEY (" + q("job_name") + ", " + q("table_name") + "))");
    }

    Map<String, Row> load() {
        try {
            return loadRows();
        } catch (DatastoreException e) {
            if (e.code() != ErrorCode.NOT_FOUND || !created) {
                throw e;
            }
            createTable();
            return loadRows();
        }
    }

    private Map<String, Row> loadRows() {
        Map<String, Row> rows = new LinkedHashMap<>();
        target.query("SELECT " + q("table_name") + ", " + q("cursor_type") + ", " + q("cursor_value") + ", "
                + q("last_sync_time") + ", " + q("record_count") + ", " + q("last_error") + ", " + q("duration_ms")
                + " FROM " + table + " WHERE " + q("job_name") + " = ? ORDER BY " + q("table_name"), job).rows()
                .forEach(r -> {
                    Object[] v = r.values().toArray();
                    rows.put((String) v[0], new Row((String) v[0], Cursor.stored((String) v[1], (String) v[2]),
                            v[3] == null ? null : Instant.parse((String) v[3]), ((Number) v[4]).longValue(),
                            (String) v[5], ((Number) v[6]).longValue()));
                });
        return rows;
    }

    void save(Row row) {
        // Update, else insert: portable where upsert syntax is not. Runs of one job never overlap.
        long updated = target.execute("UPDATE " + table + " SET " + q("cursor_type") + " = ?, " + q("cursor_value")
                + " = ?, " + q("last_sync_time") + " = ?, " + q("record_count") + " = ?, " + q("last_error") + " = ?, "
                + q("duration_ms") + " = ? WHERE " + q("job_name") + " = ? AND " + q("table_name") + " = ?",
                kind(row), value(row), time(row), row.recordCount(), row.lastError(), row.durationMillis(), job,
                row.table());
        if (updated == 0) {
            BoundStatement insert = insert(row);
            target.execute(insert.sql(), insert.params().toArray());
        }
    }

    /**
     * The statements that store a table's state inside a bulk write's transaction, so the state
     * commits exactly when the rows it describes do: delete, then insert, since a conditional
     * update-else-insert cannot be expressed as fixed statements.
     */
    List<BoundStatement> saveStatements(Row row) {
        return List.of(BoundStatement.of("DELETE FROM " + table + " WHERE " + q("job_name") + " = ? AND "
                + q("table_name") + " = ?", job, row.table()), insert(row));
    }

    /**
     * Records a failed run: the error and duration only, so a cursor that committed with its rows
     * before the failure stays.
     */
    void saveFailure(String tableName, String error, long durationMillis) {
        long updated = target.execute("UPDATE " + table + " SET " + q("last_error") + " = ?, " + q("duration_ms")
                + " = ? WHERE " + q("job_name") + " = ? AND " + q("table_name") + " = ?", error, durationMillis, job,
                tableName);
        if (updated == 0) {
            save(new Row(tableName, null, null, 0, error, durationMillis));
        }
    }

    private BoundStatement insert(Row row) {
        return BoundStatement.of("INSERT INTO " + table + " (" + q("job_name") + ", " + q("table_name") + ", "
                + q("cursor_type") + ", " + q("cursor_value") + ", " + q("last_sync_time") + ", " + q("record_count")
                + ", " + q("last_error") + ", " + q("duration_ms") + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                job, row.table(), kind(row), value(row), time(row), row.recordCount(), row.lastError(),
                row.durationMillis());
    }

    private static String kind(Row row) {
        return row.cursor() == null ? null : row.cursor().kind().name();
    }

    private static String value(Row row) {
        return row.cursor() == null ? null : row.cursor().value();
    }

    private static String time(Row row) {
        return row.lastSyncTime() == null ? null : row.lastSyncTime().toString();
    }

    void delete(String tableName) {
        target.execute("DELETE FROM " + table + " WHERE " + q("job_name") + " = ? AND " + q("table_name") + " = ?",
                job, tableName);
    }

    void deleteAll() {
        target.execute("DELETE FROM " + table + " WHERE " + q("job_name") + " = ?", job);
    }

    private String q(String identifier) {
        return target.quote(identifier);
    }
}
