package io.datastores.spark;

import io.datastores.api.Capability;
import io.datastores.api.ColumnInfo;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.ArrowUtils;

/**
 * The driver's side of a write. Where the target has transactions and SQL (PostgreSQL, DuckDB, MySQL)
 * and the write is not an upsert, it is staged: each task attempt loads a staging table of its own
 * ({@code dss_<write>_<partition>_<task>}) and {@link #commit} moves the committed attempts' tables into
 * the target in one transaction — emptying it first for an overwrite, creating it when missing where
 * the datastore creates tables in a write — so readers see all rows or none; {@link #abort} and every
 * commit drop what is left of the write's staging tables. Otherwise tasks write into the target
 * directly: an upsert is idempotent by key, so a retried or speculative attempt rewrites the same
 * rows; elsewhere a failed attempt leaves what its bulk writer had sent (see the README).
 */
final class DatastoresBatchWrite implements BatchWrite {
    private final WritePlan plan;
    private final boolean createInCommit;

    private DatastoresBatchWrite(WritePlan plan, boolean createInCommit) {
        this.plan = plan;
        this.createInCommit = createInCommit;
    }

    static DatastoresBatchWrite plan(
            ConnectorOptions options, ShippedConfig config, WriteMode mode, StructType schema, String timeZone) {
        Datastore datastore = config.open().require(options.datastore());
        if (!datastore.supports(Capability.BULK_WRITE)) {
            throw DatastoreException.unsupported(datastore.name(), datastore.type(), Capability.BULK_WRITE);
        }
        TableRef target = options.table();
        Optional<TableInfo> existing = datastore.describeIfExists(target);
        boolean staged = mode != WriteMode.UPSERT
                && datastore.supports(Capability.TRANSACTIONS)
                && datastore.supports(Capability.SQL);
        String prefix = "dss_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
        List<WritePlan.Column> columns = columns(datastore, options, WritePlan.arrowSchema(schema, timeZone), existing);
        WritePlan plan = new WritePlan(
                config,
                datastore.name(),
                target,
                mode,
                options.key(),
                staged,
                prefix,
                columns,
                schema,
                timeZone,
                options.batchSize());
        Optional<TableCreator> creator = datastore.feature(TableCreator.class);
        boolean createInCommit = existing.isEmpty()
                && staged
                && creator.map(TableCreator::createsInWrite).orElse(false);
        if (existing.isEmpty() && !createInCommit) {
            creator.orElseThrow().createTable(target, plan.definitions(), options.key());
        }
        if (!staged && mode == WriteMode.OVERWRITE) {
            // Without a transaction to replace the rows in, the target is emptied before the tasks start.
            write(datastore, new WriteRequest(target, WriteMode.OVERWRITE, List.of()), plan.arrowSchema());
        }
        return new DatastoresBatchWrite(plan, createInCommit);
    }

    private static List<WritePlan.Column> columns(
            Datastore datastore, ConnectorOptions options, Schema schema, Optional<TableInfo> existing) {
        List<WritePlan.Column> columns = new ArrayList<>();
        for (Field field : schema.getFields()) {
            if (existing.isPresent()) {
                ColumnInfo column = existing.get()
                        .column(field.getName())
                        .orElseThrow(() -> DatastoreException.of(
                                ErrorCode.NOT_FOUND,
                                datastore.name(),
                                datastore.type(),
                                "Table '" + options.table() + "' has no column '" + field.getName()
                                        + "' (names are case-sensitive)"));
                columns.add(new WritePlan.Column(column.name(), column.typeName(), column.nullable()));
                continue;
            }
            String type = options.columnTypes().get(field.getName());
            if (type == null) {
                TableCreator creator = datastore
                        .feature(TableCreator.class)
                        .orElseThrow(() -> DatastoreException.of(
                                ErrorCode.UNSUPPORTED,
                                datastore.name(),
                                datastore.type(),
                                "Table '" + options.table() + "' does not exist and datastore '" + datastore.name()
                                        + "' cannot create tables; create it first"));
                type = creator.columnType(field)
                        .map(TableCreator.TargetType::ddl)
                        .orElseThrow(() -> DatastoreException.of(
                                ErrorCode.UNSUPPORTED,
                                datastore.name(),
                                datastore.type(),
                                "Column '" + field.getName() + "' of Spark type "
                                        + field.getType() + " has no type in datastore '" + datastore.name()
                                        + "'; give one with option "
                                        + "type (\"" + field.getName() + "=<type>\")"));
            }
            columns.add(new WritePlan.Column(field.getName(), type, field.isNullable()));
        }
        return columns;
    }

    @Override
    public DataWriterFactory createBatchWriterFactory(PhysicalWriteInfo info) {
        return new DatastoresWriterFactory(plan);
    }

    @Override
    public void commit(WriterCommitMessage[] messages) {
        if (!plan.staged()) {
            return;
        }
        Datastore datastore = plan.config().open().require(plan.datastore());
        List<TableRef> parts =
                Arrays.stream(messages).map(m -> ((WrittenPart) m).staging()).toList();
        WriteRequest request = new WriteRequest(plan.target(), plan.mode(), plan.key())
                .withBeforeCommit(rows -> StagingTables.moves(datastore, plan, parts));
        try {
            write(datastore, createInCommit ? request.withCreate(plan.definitions()) : request, plan.arrowSchema());
        } finally {
            StagingTables.sweep(datastore, plan);
        }
    }

    @Override
    public void abort(WriterCommitMessage[] messages) {
        if (plan.staged()) {
            StagingTables.sweep(plan.config().open().require(plan.datastore()), plan);
        }
    }

    /** Runs a bulk write of no rows: its transaction empties (overwrite) and runs the request's statements. */
    private static void write(Datastore datastore, WriteRequest request, Schema schema) {
        try (BufferAllocator allocator =
                        ArrowUtils.rootAllocator().newChildAllocator("datastores commit", 0, Long.MAX_VALUE);
                ArrowReader none = empty(schema, allocator)) {
            datastore.bulkWriter().write(request, none);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ArrowReader empty(Schema schema, BufferAllocator allocator) throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                ArrowStreamWriter writer = new ArrowStreamWriter(root, null, stream)) {
            writer.start();
            writer.end();
        }
        return new ArrowStreamReader(new ByteArrayInputStream(stream.toByteArray()), allocator);
    }
}
