package io.datastores.sync;

import io.datastores.api.ColumnInfo;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.BoundStatement;
import io.datastores.api.bulk.Predicate;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.WriteMode;
import io.datastores.core.Reads;
import io.datastores.core.Transfer;
import io.datastores.core.TransferResult;
import io.datastores.core.UnmappableTypeException;
import io.datastores.sync.SyncJob.TableOptions;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One run of one table. Incremental: read every row with {@code track >= from} (the stored cursor
 * less the lookback; everything on the first run) or a NULL track value — a structured read, so
 * any datastore with a bulk reader can be the source — upsert it by key, and store as the new
 * cursor H the largest track value among the rows read (under a safety lag, among those older than
 * now less the lag), in that write's transaction where the target has transactions, else right
 * after it commits. The read is one statement, so one snapshot where the source has them: every
 * row committed with a value up to H before it began is in it, and the next run reads from H again
 * ({@code >=} re-reads rows equal to H). Re-reading a row costs an idempotent upsert, never a
 * duplicate. Used by one thread at a time.
 */
final class TableSync {
    private final SyncContext context;
    private final TableOptions options;
    private final StateStore.Row state;
    private final CommitState commitState;
    private final TableRef sourceTable;
    private final TableRef targetTable;

    TableSync(SyncContext context, TableOptions options, StateStore.Row state, CommitState commitState) {
        this.context = context;
        this.options = options;
        this.state = state;
        this.commitState = commitState;
        this.sourceTable = TableRef.of(context.job().source().schema(), options.name());
        this.targetTable = TableRef.of(context.job().target().schema(), options.name());
    }

    /** What a successful run did. */
    record Outcome(long rows, Cursor cursor, boolean createdTable) {}

    /** The statements that store this table's new state, given its cursor and the rows written. */
    interface CommitState {
        List<BoundStatement> statements(Cursor cursor, long rows);
    }

    Outcome run() {
        Datastore source = context.source();
        TableInfo info = describeSource();
        SyncMode mode = options.mode() != null ? options.mode() : context.job().mode();
        List<String> key = options.primaryKey().isEmpty() ? info.primaryKey() : options.primaryKey();
        for (String column : key) {
            requireColumn(info, column, "Primary key column");
        }
        Optional<TableInfo> existing = describeTarget().map(target -> evolve(info, target, key, mode));
        if (mode == SyncMode.FULL) {
            TransferResult result = transfer(
                    Transfer.of(source, ReadRequest.table(sourceTable), context.target(), targetTable),
                    existing,
                    WriteMode.OVERWRITE,
                    key,
                    () -> null);
            return new Outcome(result.rows(), null, result.plan().createsTable());
        }
        if (key.isEmpty()) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_CONFIG,
                    "Table '" + options.name() + "' has no primary key, "
                            + "which incremental sync needs to upsert by; set primary_key for it under tables:, or use mode: full");
        }
        String track = options.trackColumn() != null
                ? options.trackColumn()
                : context.job().trackColumn();
        requireColumn(info, track, "Track column");
        Cursor previous = state == null ? null : state.cursor();
        Cursor from = previous;
        if (from != null && context.job().lookback().isPresent()) {
            from = from.minus(context.job().lookback().get(), track);
        }
        ReadRequest read = ReadRequest.table(sourceTable);
        if (from != null && existing.isPresent()) {
            read = read.withFilter(Predicate.or(Predicate.ge(track, from.parameter()), Predicate.isNull(track)));
        }
        // Else the first run, or a target table dropped since: the whole table, through the source's fastest path.
        HighWaterMark mark = new HighWaterMark(
                track, context.job().safetyLag().orElse(null), context.job().timeZone());
        Transfer transfer =
                Transfer.of(source, read, context.target(), targetTable).inspect(mark);
        // Into a table this run creates, rows are only added (one transaction): no need to upsert.
        TransferResult result = transfer(
                transfer,
                existing,
                existing.isEmpty() ? WriteMode.APPEND : WriteMode.UPSERT,
                key,
                () -> mark.cursor(previous));
        context.afterWrite().accept(options.name());
        if (context.job().deleteDetection() != DeleteDetection.NONE) {
            new DeleteDetector(context, sourceTable, targetTable, key)
                    .apply(context.job().deleteDetection());
        }
        return new Outcome(result.rows(), mark.cursor(previous), result.plan().createsTable());
    }

    /**
     * Runs the write; where the target has transactions, the new state commits in the write's own.
     * The target's description is this run's own, so the plan does not read the catalog again.
     */
    private TransferResult transfer(
            Transfer transfer, Optional<TableInfo> target, WriteMode mode, List<String> key, Supplier<Cursor> cursor) {
        transfer.targetDescribed(target)
                .mode(mode)
                .key(key.toArray(String[]::new))
                .batchSize(context.job().batchSize());
        if (context.stateCommitsWithRows()) {
            // Asked when every row has been written, so the cursor has seen them all.
            transfer.beforeCommit(rows -> commitState.statements(cursor.get(), rows));
        }
        Map<String, String> types = new LinkedHashMap<>(context.job().columnTypes());
        types.putAll(options.columnTypes());
        types.forEach(transfer::columnType);
        context.onProgress().ifPresent(listener -> transfer.onProgress(p -> listener.accept(options.name(), p)));
        return transfer.run();
    }

    private TableInfo describeSource() {
        try {
            return context.source().describe(sourceTable);
        } catch (DatastoreException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw DatastoreException.of(
                                ErrorCode.NOT_FOUND,
                                context.source().name(),
                                context.source().type(),
                                "Source table '" + sourceTable + "' not found (names are case-sensitive); tables of "
                                        + (sourceTable.schema() == null
                                                ? "the default schema"
                                                : "schema '" + sourceTable.schema() + "'")
                                        + ": "
                                        + context.source().tables(sourceTable.schema()).stream()
                                                .map(TableRef::name)
                                                .toList())
                        .withCause(e);
            }
            throw e;
        }
    }

    private Optional<TableInfo> describeTarget() {
        return context.target().describeIfExists(targetTable);
    }

    private void requireColumn(TableInfo info, String column, String what) {
        if (info.column(column).isEmpty()) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_CONFIG,
                    context.source().name(),
                    context.source().type(),
                    what + " '" + column + "' not found in table '" + sourceTable + "' (names are case-sensitive); "
                            + "columns: "
                            + info.columns().stream().map(ColumnInfo::name).toList());
        }
    }

    /**
     * Adds columns the source gained; refuses changes a sync cannot follow: a key that differs from
     * the target's primary key, or a source column dropped that the target requires.
     *
     * @return the target's description after the change
     */
    private TableInfo evolve(TableInfo source, TableInfo target, List<String> key, SyncMode mode) {
        if (mode == SyncMode.INCREMENTAL && !target.primaryKey().equals(key)) {
            throw incompatible("the target's primary key " + target.primaryKey() + " differs from the sync key " + key);
        }
        for (ColumnInfo column : target.columns()) {
            if (source.column(column.name()).isEmpty() && !column.nullable()) {
                throw incompatible("column '" + column.name() + "' is gone from the source but NOT NULL in the target");
            }
        }
        List<String> added = source.columns().stream()
                .map(ColumnInfo::name)
                .filter(name -> target.column(name).isEmpty())
                .toList();
        if (added.isEmpty()) {
            return target;
        }
        Map<String, String> overrides = new LinkedHashMap<>(context.job().columnTypes());
        overrides.putAll(options.columnTypes());
        Schema schema = sourceSchema(added);
        Datastore to = context.target();
        TableCreator creator = to.feature(TableCreator.class)
                .orElseThrow(() -> DatastoreException.of(
                        ErrorCode.UNSUPPORTED,
                        to.name(),
                        to.type(),
                        "Table '" + options.name() + "' gained columns " + added + " in the source, and datastore '"
                                + to.name() + "' cannot add columns"));
        for (Field field : schema.getFields()) {
            String type = overrides.get(field.getName());
            if (type == null) {
                type = creator.columnType(field)
                        .map(TableCreator.TargetType::ddl)
                        .orElseThrow(() -> unmappable(field));
            }
            // Nullable: the rows already there have no value for it.
            creator.addColumn(targetTable, new TableCreator.ColumnDefinition(field.getName(), type, true));
            context.log(System.Logger.Level.INFO, "Added column " + field.getName() + " to table " + options.name());
        }
        return to.describe(targetTable);
    }

    private DatastoreException incompatible(String why) {
        return DatastoreException.of(
                ErrorCode.INVALID_DATA,
                context.target().name(),
                context.target().type(),
                "Incompatible schema change in table '" + options.name() + "': " + why
                        + "; fix the target table or reset(\"" + options.name() + "\") after dropping it");
    }

    private DatastoreException unmappable(Field field) {
        String sourceType = Optional.ofNullable(field.getMetadata().get(TableCreator.SOURCE_TYPE))
                .orElse(field.getType().toString());
        return new UnmappableTypeException(
                context.target(),
                field,
                sourceType,
                "override it in the job with " + TableRun.columnTypesHint(options.name(), field.getName()));
    }

    /** Learns the Arrow types of some source columns by reading none of their rows. */
    private Schema sourceSchema(List<String> columns) {
        Datastore source = context.source();
        try (BufferAllocator allocator = new RootAllocator(64L * 1024 * 1024);
                ArrowReader reader = Reads.open(
                        source,
                        ReadRequest.table(sourceTable)
                                .withColumns(columns)
                                .withLimit(0L)
                                .withBatchSize(16),
                        allocator)) {
            return reader.getVectorSchemaRoot().getSchema();
        } catch (IOException e) {
            throw DatastoreException.of(
                            ErrorCode.INTERNAL,
                            source.name(),
                            source.type(),
                            "Reading table '" + sourceTable + "' failed: " + e.getMessage())
                    .withCause(e);
        }
    }
}
