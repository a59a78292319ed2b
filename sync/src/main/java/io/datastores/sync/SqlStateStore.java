package io.datastores.sync;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.BoundStatement;
import io.datastores.api.bulk.TableCreator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The job's durable state in a SQL target, in {@value StateStore#TABLE} of the target schema,
 * written with portable SQL (values bound, identifiers quoted by the target); see {@link Sync} for
 * why each way is safe.
 *
 * <ul>
 *   <li>Targets with transactions: one row per job and table, created with plain SQL types and
 *       written inside the table's write transaction (delete, then insert), or updated in place.
 *   <li>Targets without (ClickHouse): rows are only ever added, each with a higher {@code version},
 *       and the newest row of a table is its state, so no statement needs {@code UPDATE}. The table is
 *       created through the target's own {@link TableCreator} with the key (job, table): on
 *       ClickHouse a {@code ReplacingMergeTree}, whose merges drop the older rows.
 * </ul>
 *
 * Thread-safe as far as the datastore is; {@link Sync} serialises runs.
 */
final class SqlStateStore implements StateStore {
    private static final List<String> KEY = List.of("job_name", "table_name");

    private final Datastore target;
    private final TableRef tableRef;
    private final String table;
    private final String job;
    private final boolean appendOnly;
    // The highest version seen or written: a new row's version exceeds it even if the clock went back.
    private final AtomicLong version = new AtomicLong();
    // Set once the table is known to exist, to spare every run a statement; load() mends a table dropped since.
    private volatile boolean created;

    /**
     * @param commitsWithRows whether the state is written in the rows' own transaction; else the
     *     table is append-only
     */
    SqlStateStore(Datastore target, String schema, String job, boolean commitsWithRows) {
        this.target = target;
        this.tableRef = TableRef.of(schema, TABLE);
        this.table = target.qualify(tableRef);
        this.job = job;
        this.appendOnly = !commitsWithRows;
    }

    @Override
    public void create() {
        if (!created) {
            createTable();
            created = true;
        }
    }

    private void createTable() {
        if (appendOnly) {
            createThroughTableCreator();
            return;
        }
        // Plain types every SQL target has; the time is ISO-8601 text so no target can shift its zone.
        target.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + q("job_name") + " VARCHAR(200) NOT NULL, "
                + q("table_name") + " VARCHAR(200) NOT NULL, " + q("cursor_value") + " TEXT, "
                + q("cursor_type") + " VARCHAR(20), " + q("last_sync_time") + " VARCHAR(40), "
                + q("record_count") + " BIGINT NOT NULL, " + q("last_error") + " TEXT, "
                + q("duration_ms") + " BIGINT NOT NULL, PRIMARY KEY (" + q("job_name") + ", " + q("table_name") + "))");
    }

    private void createThroughTableCreator() {
        try {
            target.describe(tableRef);
            return;
        } catch (DatastoreException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
        }
        TableCreator creator = target.feature(TableCreator.class)
                .orElseThrow(() -> DatastoreException.of(
                        ErrorCode.UNSUPPORTED,
                        target.name(),
                        target.type(),
                        "A sync keeps its state in a table of the target, " + "and datastore '" + target.name()
                                + "' cannot create tables"));
        List<TableCreator.ColumnDefinition> columns = new ArrayList<>();
        for (String text : List.of("job_name", "table_name", "cursor_value", "cursor_type", "last_sync_time")) {
            columns.add(column(creator, text, new ArrowType.Utf8(), KEY.contains(text)));
        }
        columns.add(column(creator, "record_count", new ArrowType.Int(64, true), true));
        columns.add(column(creator, "last_error", new ArrowType.Utf8(), false));
        columns.add(column(creator, "duration_ms", new ArrowType.Int(64, true), true));
        columns.add(column(creator, "version", new ArrowType.Int(64, true), true));
        creator.createTable(tableRef, columns, KEY);
    }

    private TableCreator.ColumnDefinition column(TableCreator creator, String name, ArrowType type, boolean required) {
        Field field = new Field(name, required ? FieldType.notNullable(type) : FieldType.nullable(type), null);
        String ddl = creator.columnType(field)
                .orElseThrow(() -> DatastoreException.of(
                        ErrorCode.UNSUPPORTED,
                        target.name(),
                        target.type(),
                        "No column type of " + target.type() + " holds the sync state's " + type))
                .ddl();
        return new TableCreator.ColumnDefinition(name, ddl, !required);
    }

    @Override
    public Map<String, Row> load() {
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

    /** The newest row of each table (by version; on targets with transactions, the only one). */
    private Map<String, Row> loadRows() {
        Map<String, Row> rows = new LinkedHashMap<>();
        String versioned = appendOnly ? ", " + q("version") : "";
        // Ordered oldest first within a table, so the newest row is the one that stays.
        target.query(
                        "SELECT " + q("table_name") + ", " + q("cursor_type") + ", " + q("cursor_value") + ", "
                                + q("last_sync_time") + ", " + q("record_count") + ", " + q("last_error") + ", "
                                + q("duration_ms")
                                + versioned + " FROM " + table + " WHERE " + q("job_name") + " = ? ORDER BY "
                                + q("table_name")
                                + versioned,
                        job)
                .rows()
                .forEach(r -> {
                    Object[] v = r.values().toArray();
                    if (appendOnly) {
                        version.accumulateAndGet(((Number) v[7]).longValue(), Math::max);
                    }
                    rows.put(
                            (String) v[0],
                            new Row(
                                    (String) v[0],
                                    Cursor.stored((String) v[1], (String) v[2]),
                                    v[3] == null ? null : Instant.parse((String) v[3]),
                                    ((Number) v[4]).longValue(),
                                    (String) v[5],
                                    ((Number) v[6]).longValue()));
                });
        return rows;
    }

    @Override
    public void save(Row row) {
        if (!appendOnly) {
            // Update, else insert: portable where upsert syntax is not. Runs of one job never overlap.
            long updated = target.execute(
                    "UPDATE " + table + " SET " + q("cursor_type") + " = ?, " + q("cursor_value")
                            + " = ?, " + q("last_sync_time") + " = ?, " + q("record_count") + " = ?, " + q("last_error")
                            + " = ?, " + q("duration_ms") + " = ? WHERE " + q("job_name") + " = ? AND "
                            + q("table_name")
                            + " = ?",
                    kind(row),
                    value(row),
                    time(row),
                    row.recordCount(),
                    row.lastError(),
                    row.durationMillis(),
                    job,
                    row.table());
            if (updated > 0) {
                return;
            }
        }
        BoundStatement insert = insert(row);
        target.execute(insert.sql(), insert.params().toArray());
    }

    /**
     * The statements that store a table's state inside a bulk write's transaction, so the state
     * commits exactly when the rows it describes do: delete, then insert, since a conditional
     * update-else-insert cannot be expressed as fixed statements.
     */
    @Override
    public List<BoundStatement> saveStatements(Row row) {
        return List.of(
                BoundStatement.of(
                        "DELETE FROM " + table + " WHERE " + q("job_name") + " = ? AND " + q("table_name") + " = ?",
                        job,
                        row.table()),
                insert(row));
    }

    /**
     * Records a failed run: the error and duration only, so a cursor that committed with its rows
     * before the failure stays.
     */
    @Override
    public void saveFailure(String tableName, String error, long durationMillis) {
        if (appendOnly) {
            save(Row.failed(loadRows().get(tableName), tableName, error, durationMillis));
            return;
        }
        long updated = target.execute(
                "UPDATE " + table + " SET " + q("last_error") + " = ?, " + q("duration_ms") + " = ? WHERE "
                        + q("job_name") + " = ? AND " + q("table_name") + " = ?",
                error,
                durationMillis,
                job,
                tableName);
        if (updated == 0) {
            save(Row.failed(null, tableName, error, durationMillis));
        }
    }

    private BoundStatement insert(Row row) {
        List<String> columns = new ArrayList<>(List.of(
                "job_name",
                "table_name",
                "cursor_type",
                "cursor_value",
                "last_sync_time",
                "record_count",
                "last_error",
                "duration_ms"));
        List<Object> values = new ArrayList<>(Arrays.asList(
                job,
                row.table(),
                kind(row),
                value(row),
                time(row),
                row.recordCount(),
                row.lastError(),
                row.durationMillis()));
        if (appendOnly) {
            columns.add("version");
            values.add(nextVersion());
        }
        return new BoundStatement(
                "INSERT INTO " + table + " (" + columns.stream().map(this::q).collect(Collectors.joining(", "))
                        + ") VALUES (" + "?, ".repeat(columns.size() - 1) + "?)",
                values);
    }

    /** Microseconds since the epoch, or one past the highest version seen, whichever is higher. */
    private long nextVersion() {
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        return version.updateAndGet(seen -> Math.max(seen + 1, now));
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

    @Override
    public void delete(String tableName) {
        target.execute(
                "DELETE FROM " + table + " WHERE " + q("job_name") + " = ? AND " + q("table_name") + " = ?",
                job,
                tableName);
    }

    @Override
    public void deleteAll() {
        target.execute("DELETE FROM " + table + " WHERE " + q("job_name") + " = ?", job);
    }

    private String q(String identifier) {
        return target.quote(identifier);
    }
}
