package io.datastores.core;

import io.datastores.api.Capability;
import io.datastores.api.ColumnInfo;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.BoundStatement;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.TableCreator.ColumnDefinition;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import io.datastores.core.TransferPlan.ColumnPlan;
import io.datastores.core.internal.BatchPipe;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Copies a table or query of one datastore into a table of another (or the same) as streamed
 * Arrow batches: the source's {@link io.datastores.api.bulk.BulkReader} and the target's
 * {@link io.datastores.api.bulk.BulkWriter} run on two threads joined by a queue of two batches,
 * so the copy runs at the speed of the slower side and memory stays flat however large the table.
 * Made by {@link Datastores#copy}; configure, then {@link #plan()}, {@link #run()} or
 * {@link #start()}. A transfer is used once and is not thread-safe while being configured.
 *
 * <p>The target table is created from the source's types when missing. Every column is mapped
 * before any row moves: a column no target type can hold fails at once, naming the column, its
 * source type and the override to use ({@link #columnType}).
 */
public final class Transfer {
    /** Memory the Arrow batches of one transfer may use unless told otherwise. */
    public static final long DEFAULT_MEMORY_LIMIT = 512L * 1024 * 1024;
    // Types whose values are text already; anything else arriving as text is a conversion worth naming.
    private static final Pattern TEXTUAL = Pattern.compile("(?i).*(char|text|string|clob|enum|name|set).*");

    private final Datastore source;
    private final ReadRequest read;
    private final Datastore target;
    private final TableRef targetTable;
    private WriteMode mode = WriteMode.APPEND;
    private List<String> key = List.of();
    private int batchSize = ReadRequest.DEFAULT_BATCH_SIZE;
    private long memoryLimit = DEFAULT_MEMORY_LIMIT;
    private final Map<String, String> columnTypes = new LinkedHashMap<>();
    private Consumer<TransferProgress> progress = p -> { };
    private LongFunction<List<BoundStatement>> beforeCommit;
    private Optional<TableInfo> knownTarget;

    Transfer(Datastore source, ReadRequest read, Datastore target, TableRef targetTable) {
        this.source = Objects.requireNonNull(source, "source is null");
        this.read = Objects.requireNonNull(read, "read is null");
        this.target = Objects.requireNonNull(target, "target is null");
        this.targetTable = Objects.requireNonNull(targetTable, "targetTable is null");
    }

    /**
     * Prepares a copy between two datastores that need not come from the same registry (one may
     * have been opened on its own); {@link Datastores#copy} and {@link Datastores#copyQuery} are
     * the usual way in.
     *
     * @param source the datastore to read
     * @param read the table or query to read
     * @param target the datastore to write
     * @param targetTable the table to write; created from the source's types when missing
     * @return the transfer, to configure and run
     */
    public static Transfer of(Datastore source, ReadRequest read, Datastore target, TableRef targetTable) {
        return new Transfer(source, read, target, targetTable);
    }

    /**
     * @param writeMode append (default), overwrite (atomic where the target allows) or upsert
     * @return this transfer
     */
    public Transfer mode(WriteMode writeMode) {
        this.mode = Objects.requireNonNull(writeMode, "writeMode is null");
        return this;
    }

    /**
     * @param columns the key of an upsert, and the primary key of a table the transfer creates
     * @return this transfer
     */
    public Transfer key(String... columns) {
        this.key = List.of(columns);
        return this;
    }

    /**
     * @param rows the most rows per Arrow batch (default 65,536)
     * @return this transfer
     */
    public Transfer batchSize(int rows) {
        if (rows <= 0) {
            throw new IllegalArgumentException("batchSize must be positive: " + rows);
        }
        this.batchSize = rows;
        return this;
    }

    /**
     * @param bytes the most memory the transfer's Arrow batches may hold at once (default 512 MiB)
     * @return this transfer
     */
    public Transfer memoryLimit(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("memoryLimit must be positive: " + bytes);
        }
        this.memoryLimit = bytes;
        return this;
    }

    /**
     * Overrides the type of one column in a table the transfer creates.
     *
     * @param column the column name
     * @param type the target type as written in {@code CREATE TABLE}, such as {@code TEXT}
     * @return this transfer
     */
    public Transfer columnType(String column, String type) {
        columnTypes.put(Objects.requireNonNull(column, "column is null"), Objects.requireNonNull(type, "type is null"));
        return this;
    }

    /**
     * @param listener told after each batch written; runs on the writing thread, so keep it quick
     * @return this transfer
     */
    public Transfer onProgress(Consumer<TransferProgress> listener) {
        this.progress = Objects.requireNonNull(listener, "listener is null");
        return this;
    }

    /**
     * Statements to run in the target's write transaction, after the last row and before the
     * commit, so they commit exactly when the rows do: a sync stores its cursor this way.
     *
     * @param statements given the rows written, the statements to run (quoted and bound for the target)
     * @return this transfer
     * @throws DatastoreException with {@link ErrorCode#UNSUPPORTED} when the target has no transactions
     */
    public Transfer beforeCommit(LongFunction<List<BoundStatement>> statements) {
        Objects.requireNonNull(statements, "statements is null");
        if (!target.capabilities().contains(Capability.TRANSACTIONS)) {
            throw DatastoreException.of(ErrorCode.UNSUPPORTED, target.name(), target.type(),
                    "Cannot run statements in the write's transaction: " + target.type() + " has no transactions");
        }
        this.beforeCommit = statements;
        return this;
    }

    /**
     * Tells the transfer what the target table looks like, or that it does not exist, when the
     * caller has just read the catalog itself (a sync run does), so the plan need not read it
     * again. The description must be current: the plan trusts it.
     *
     * @param target the target table's description, or empty when there is no such table
     * @return this transfer
     * @throws IllegalArgumentException when the description is of another table
     */
    public Transfer targetDescribed(Optional<TableInfo> target) {
        Objects.requireNonNull(target, "target is null");
        target.ifPresent(info -> {
            if (!info.table().name().equals(targetTable.name())) {
                throw new IllegalArgumentException("targetDescribed is of table '" + info.table()
                        + "', but the transfer writes '" + targetTable + "'");
            }
        });
        this.knownTarget = target;
        return this;
    }

    /**
     * Maps every column without moving a row (a dry run). Opens the source to learn its schema.
     *
     * @return the plan, with every loss it implies
     * @throws DatastoreException when a column cannot be mapped or the key is not in the source
     */
    public TransferPlan plan() {
        try (BufferAllocator allocator = new RootAllocator(memoryLimit);
                ArrowReader reader = source.bulkReader().read(read.withBatchSize(batchSize), allocator)) {
            return plan(reader.getVectorSchemaRoot().getSchema());
        } catch (IOException e) {
            throw DatastoreException.of(ErrorCode.INTERNAL, source.name(), source.type(),
                    "Reading the source schema failed: " + e.getMessage()).withCause(e);
        }
    }

    /**
     * Runs the transfer on the calling thread (reading on a second one).
     *
     * @return counts and timings
     */
    public TransferResult run() {
        return execute(new Cancellation());
    }

    /**
     * Starts the transfer on a new thread.
     *
     * @return a handle to wait for or cancel it
     */
    public Running start() {
        Cancellation cancellation = new Cancellation();
        CompletableFuture<TransferResult> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(execute(cancellation));
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        }, "datastores-transfer-" + target.name());
        thread.setDaemon(true);
        thread.start();
        return new Running(future, cancellation);
    }

    /** A transfer running on its own thread. */
    public static final class Running {
        private final CompletableFuture<TransferResult> future;
        private final Cancellation cancellation;

        private Running(CompletableFuture<TransferResult> future, Cancellation cancellation) {
            this.future = future;
            this.cancellation = cancellation;
        }

        /** Stops the transfer; the target keeps what it had (the write rolls back). */
        public void cancel() {
            cancellation.cancel();
        }

        /** @return whether the transfer has finished, failed or been cancelled */
        public boolean isDone() {
            return future.isDone();
        }

        /**
         * Waits for the transfer to end.
         *
         * @return counts and timings
         * @throws DatastoreException how it failed; {@link ErrorCode#CANCELLED} when cancelled
         */
        public TransferResult await() {
            try {
                return future.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }
    }

    /** Passes a cancel request to whichever pipe is running. */
    private static final class Cancellation {
        private volatile boolean cancelled;
        private volatile BatchPipe pipe;

        void cancel() {
            cancelled = true;
            BatchPipe running = pipe;
            if (running != null) {
                running.cancel("The transfer was cancelled");
            }
        }

        void attach(BatchPipe running) {
            pipe = running;
            if (cancelled) {
                running.cancel("The transfer was cancelled");
            }
        }
    }

    private TransferResult execute(Cancellation cancellation) {
        long start = System.nanoTime();
        try (BufferAllocator root = new RootAllocator(memoryLimit);
                BufferAllocator readSide = root.newChildAllocator("read", 0, memoryLimit);
                BufferAllocator writeSide = root.newChildAllocator("write", 0, memoryLimit)) {
            ArrowReader reader = source.bulkReader().read(read.withBatchSize(batchSize), readSide);
            TransferPlan plan;
            List<ColumnDefinition> createInWrite = List.of();
            try {
                plan = plan(reader.getVectorSchemaRoot().getSchema());
                if (plan.createsTable()) {
                    // Where DDL is transactional the writer creates the table in its own transaction:
                    // a failed or killed copy then leaves no empty table behind.
                    List<ColumnDefinition> definitions = definitions(plan, reader.getVectorSchemaRoot().getSchema());
                    if (target.feature(TableCreator.class).orElseThrow().createsInWrite()) {
                        createInWrite = definitions;
                    } else {
                        target.feature(TableCreator.class).orElseThrow().createTable(targetTable, definitions, key);
                    }
                }
            } catch (IOException | RuntimeException e) {
                closeQuietly(reader, e);
                throw e instanceof IOException io ? readFailure(io) : (RuntimeException) e;
            }
            // rows, batches, bytes: written only by the writing thread, through the listener.
            long[] moved = new long[3];
            BatchPipe.BatchListener listener = (rows, bytes) -> {
                moved[0] += rows;
                moved[1]++;
                moved[2] += bytes;
                progress.accept(new TransferProgress(moved[0], moved[2], moved[1], (System.nanoTime() - start) / 1_000_000));
            };
            try (BatchPipe pipe = new BatchPipe(reader, reader.getVectorSchemaRoot().getSchema(), writeSide, listener,
                    "datastores-transfer-read-" + source.name())) {
                cancellation.attach(pipe);
                WriteResult written = write(pipe, createInWrite);
                return new TransferResult(plan, written.rows(), moved[1], moved[2], (System.nanoTime() - start) / 1_000_000);
            }
        } catch (IOException e) {
            throw readFailure(e);
        } catch (OutOfMemoryException e) {
            throw DatastoreException.of(ErrorCode.INVALID_CONFIG, "The transfer needs more than its memory limit of "
                    + memoryLimit / (1024 * 1024) + " MiB: lower batchSize (now " + batchSize + ") or raise memoryLimit")
                    .withCause(e);
        }
    }

    private WriteResult write(BatchPipe pipe, List<ColumnDefinition> createInWrite) {
        WriteRequest request = new WriteRequest(targetTable, mode, key).withCreate(createInWrite);
        if (beforeCommit != null) {
            request = request.withBeforeCommit(beforeCommit);
        }
        try {
            return target.bulkWriter().write(request, pipe);
        } catch (RuntimeException e) {
            // The writer reports a failed source read as its own failure; the source's is the cause worth naming.
            RuntimeException sourceFailure = pipe.sourceFailure();
            if (sourceFailure != null && sourceFailure != e) {
                sourceFailure.addSuppressed(e);
                throw sourceFailure;
            }
            Throwable cancelled = cancelledCause(e);
            if (cancelled != null && cancelled != e) {
                throw (RuntimeException) cancelled;
            }
            throw e;
        }
    }

    private static Throwable cancelledCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatastoreException d && d.code() == ErrorCode.CANCELLED) {
                return t;
            }
        }
        return null;
    }

    private TransferPlan plan(Schema schema) {
        Optional<TableInfo> existing = describeTarget();
        Map<String, String> sourceTypes = sourceTypes();
        List<String> fieldNames = schema.getFields().stream().map(Field::getName).toList();
        for (String column : key) {
            if (!fieldNames.contains(column)) {
                throw DatastoreException.of(ErrorCode.INVALID_DATA, target.name(), target.type(), "Key column '" + column
                        + "' is not among the source's columns " + fieldNames);
            }
        }
        if (mode == WriteMode.UPSERT && key.isEmpty()) {
            throw DatastoreException.of(ErrorCode.INVALID_DATA, target.name(), target.type(),
                    "An upsert needs key columns: call key(...) (CLI: --key)");
        }
        Optional<TableCreator> creator = target.feature(TableCreator.class);
        List<ColumnPlan> columns = new ArrayList<>();
        for (Field field : schema.getFields()) {
            String declared = field.getMetadata().get(TableCreator.SOURCE_TYPE);
            String sourceType = Optional.ofNullable(declared)
                    .or(() -> Optional.ofNullable(sourceTypes.get(field.getName())))
                    .orElse(arrowName(field.getType()));
            List<String> losses = new ArrayList<>();
            // A query's columns are known only by what the reader declares of them.
            boolean known = declared != null || sourceTypes.containsKey(field.getName());
            if (isText(field.getType()) && known && !TEXTUAL.matcher(sourceType).matches()) {
                losses.add(sourceType + " arrives as text");
            }
            String override = columnTypes.get(field.getName());
            String targetType;
            if (existing.isPresent()) {
                targetType = existing.get().column(field.getName()).map(ColumnInfo::typeName).orElseThrow(() ->
                        DatastoreException.of(ErrorCode.NOT_FOUND, target.name(), target.type(), "Table '" + targetTable
                                + "' has no column '" + field.getName() + "' (names are case-sensitive)"));
            } else if (override != null) {
                targetType = override;
            } else {
                TableCreator.TargetType mapped = creator.orElseThrow(() -> DatastoreException.of(ErrorCode.UNSUPPORTED,
                        target.name(), target.type(), "Table '" + targetTable + "' does not exist and datastore '"
                                + target.name() + "' cannot create tables; create it first"))
                        .columnType(field)
                        .orElseThrow(() -> unmappable(field, sourceType));
                targetType = mapped.ddl();
                losses.addAll(mapped.losses());
            }
            columns.add(new ColumnPlan(field.getName(), sourceType, arrowName(field.getType()), targetType,
                    existing.isEmpty() && override != null, losses));
        }
        String from = source.name() + ": " + (read.table() != null ? read.table().toString() : "query");
        return new TransferPlan(from, target.name() + ": " + targetTable, targetTable, existing.isEmpty(), mode, key, columns);
    }

    private DatastoreException unmappable(Field field, String sourceType) {
        return new UnmappableTypeException(target, field, sourceType, "override it with columnType(\""
                + field.getName() + "\", \"<type>\") (CLI: --type " + field.getName() + "=<type>)");
    }

    private Optional<TableInfo> describeTarget() {
        if (knownTarget != null) {
            return knownTarget;
        }
        return target.describeIfExists(targetTable);
    }

    private Map<String, String> sourceTypes() {
        Map<String, String> types = new LinkedHashMap<>();
        if (read.table() != null) {
            source.describe(read.table()).columns().forEach(c -> types.put(c.name(), c.typeName()));
        }
        return types;
    }

    private List<ColumnDefinition> definitions(TransferPlan plan, Schema schema) {
        List<ColumnDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < plan.columns().size(); i++) {
            ColumnPlan column = plan.columns().get(i);
            // Key columns are NOT NULL: databases require it of primary keys.
            boolean nullable = schema.getFields().get(i).isNullable() && !key.contains(column.name());
            definitions.add(new ColumnDefinition(column.name(), column.targetType(), nullable));
        }
        return definitions;
    }

    private static boolean isText(ArrowType type) {
        return type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8;
    }

    static String arrowName(ArrowType type) {
        if (type instanceof ArrowType.ExtensionType extension) {
            return extension.extensionName();
        }
        return type.toString().toLowerCase(Locale.ROOT);
    }

    private DatastoreException readFailure(IOException e) {
        return DatastoreException.of(ErrorCode.INTERNAL, source.name(), source.type(), "Reading the source failed: "
                + e.getMessage()).withCause(e);
    }

    private static void closeQuietly(ArrowReader reader, Exception failure) {
        try {
            reader.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
