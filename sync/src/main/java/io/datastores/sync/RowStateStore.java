package io.datastores.sync;

import io.datastores.api.Capability;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.arrow.ArrowCells;
import io.datastores.api.bulk.BoundStatement;
import io.datastores.api.bulk.Predicate;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.core.Reads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The job's state on a target without SQL (Redis, MongoDB, Cassandra, Neo4j): one row per job and
 * table, keyed by one text column so every store can key it, written through the target's own
 * bulk writer as an upsert and read back through its bulk reader.
 *
 * <p>Such a target has no transaction that could hold rows and state together, so the state is
 * written after the rows; a run that dies between the two reads from the old cursor next time and
 * upserts the same rows again, which the upsert by key makes harmless. Forgetting a table writes
 * an empty state over it (a bulk writer cannot delete), which {@link #load} treats as none.
 */
final class RowStateStore implements StateStore {
    private static final String KEY = "state_key";
    private static final List<String> TEXT =
            List.of(KEY, "job_name", "table_name", "cursor_type", "cursor_value", "last_sync_time", "last_error");
    private static final List<String> NUMBERS = List.of("record_count", "duration_ms");
    private static final Schema SCHEMA = schema();

    private final Datastore target;
    private final TableRef table;
    private final String job;
    private volatile boolean created;

    RowStateStore(Datastore target, String schema, String job) {
        this.target = target;
        this.table = TableRef.of(schema, TABLE);
        this.job = job;
    }

    @Override
    public void create() {
        if (created) {
            return;
        }
        for (Capability needed : List.of(Capability.BULK_READ, Capability.BULK_WRITE, Capability.UPSERT)) {
            if (!target.supports(needed)) {
                throw DatastoreException.of(
                        ErrorCode.UNSUPPORTED,
                        target.name(),
                        target.type(),
                        "A sync keeps its state in table " + TABLE + " of the target, and datastore '" + target.name()
                                + "' has no SQL and no " + needed + " to keep it with");
            }
        }
        if (target.describeIfExists(table).isEmpty()) {
            TableCreator creator = target.feature(TableCreator.class)
                    .orElseThrow(() -> DatastoreException.of(
                            ErrorCode.UNSUPPORTED,
                            target.name(),
                            target.type(),
                            "A sync keeps its state in a table of the target, and datastore '" + target.name()
                                    + "' cannot create tables"));
            List<TableCreator.ColumnDefinition> columns = new ArrayList<>();
            for (Field field : SCHEMA.getFields()) {
                String ddl = creator.columnType(field)
                        .orElseThrow(() -> DatastoreException.of(
                                ErrorCode.UNSUPPORTED,
                                target.name(),
                                target.type(),
                                "No column type of " + target.type() + " holds the sync state's " + field.getType()))
                        .ddl();
                columns.add(new TableCreator.ColumnDefinition(field.getName(), ddl, field.isNullable()));
            }
            creator.createTable(table, columns, List.of(KEY));
        }
        created = true;
    }

    @Override
    public Map<String, Row> load() {
        Map<String, Row> rows = new LinkedHashMap<>();
        try (BufferAllocator allocator = new RootAllocator(16L * 1024 * 1024);
                ArrowReader reader = Reads.open(
                        target, ReadRequest.table(table).withFilter(Predicate.eq("job_name", job)), allocator)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    Row row = row(root, i);
                    if (!forgotten(row)) {
                        rows.put(row.table(), row);
                    }
                }
            }
        } catch (IOException e) {
            throw failure("Reading the sync state failed: " + e.getMessage(), e);
        }
        return rows;
    }

    private static Row row(VectorSchemaRoot root, int i) {
        String kind = text(root, "cursor_type", i);
        String time = text(root, "last_sync_time", i);
        return new Row(
                text(root, "table_name", i),
                Cursor.stored(kind, text(root, "cursor_value", i)),
                time == null ? null : Instant.parse(time),
                number(root, "record_count", i),
                text(root, "last_error", i),
                number(root, "duration_ms", i));
    }

    private static String text(VectorSchemaRoot root, String column, int i) {
        Object value = ArrowCells.value(root.getVector(column), i);
        return value == null ? null : value.toString();
    }

    private static long number(VectorSchemaRoot root, String column, int i) {
        Object value = ArrowCells.value(root.getVector(column), i);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static boolean forgotten(Row row) {
        return row.cursor() == null && row.lastSyncTime() == null && row.lastError() == null && row.recordCount() == 0;
    }

    @Override
    public void save(Row row) {
        List<Object> values = new ArrayList<>();
        values.add(job + "/" + row.table());
        values.add(job);
        values.add(row.table());
        values.add(row.cursor() == null ? null : row.cursor().kind().name());
        values.add(row.cursor() == null ? null : row.cursor().value());
        values.add(row.lastSyncTime() == null ? null : row.lastSyncTime().toString());
        values.add(row.lastError());
        values.add(row.recordCount());
        values.add(row.durationMillis());
        try (BufferAllocator allocator = new RootAllocator(16L * 1024 * 1024);
                ArrowReader reader = new OneRowReader(allocator, values)) {
            target.bulkWriter().write(new WriteRequest(table, WriteMode.UPSERT, List.of(KEY)), reader);
        } catch (IOException e) {
            throw failure("Writing the sync state failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<BoundStatement> saveStatements(Row row) {
        throw new IllegalStateException("The state of a target without SQL is written after its rows, not with them");
    }

    @Override
    public void saveFailure(String tableName, String error, long durationMillis) {
        save(Row.failed(load().get(tableName), tableName, error, durationMillis));
    }

    @Override
    public void delete(String tableName) {
        save(new Row(tableName, null, null, 0, null, 0));
    }

    @Override
    public void deleteAll() {
        load().keySet().forEach(this::delete);
    }

    private DatastoreException failure(String message, IOException cause) {
        return DatastoreException.of(ErrorCode.INTERNAL, target.name(), target.type(), message)
                .withCause(cause);
    }

    private static Schema schema() {
        List<Field> fields = new ArrayList<>();
        for (String name : TEXT) {
            boolean required = name.equals(KEY) || name.equals("job_name") || name.equals("table_name");
            ArrowType type = new ArrowType.Utf8();
            fields.add(new Field(name, required ? FieldType.notNullable(type) : FieldType.nullable(type), null));
        }
        for (String name : NUMBERS) {
            fields.add(new Field(name, FieldType.notNullable(new ArrowType.Int(64, true)), null));
        }
        return new Schema(fields);
    }

    /** The one row of a state write, as the batch a bulk writer takes. */
    private static final class OneRowReader extends ArrowReader {
        private final List<Object> values;
        private boolean sent;

        OneRowReader(BufferAllocator allocator, List<Object> values) {
            super(allocator);
            this.values = values;
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            if (sent) {
                return false;
            }
            sent = true;
            VectorSchemaRoot root = getVectorSchemaRoot();
            root.allocateNew();
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                if (value instanceof Long number) {
                    ((BigIntVector) root.getVector(i)).setSafe(0, number);
                } else if (value != null) {
                    ((VarCharVector) root.getVector(i))
                            .setSafe(0, Objects.toString(value).getBytes(StandardCharsets.UTF_8));
                }
            }
            root.setRowCount(1);
            return true;
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        protected void closeReadSource() {}

        @Override
        protected Schema readSchema() {
            return SCHEMA;
        }
    }
}
