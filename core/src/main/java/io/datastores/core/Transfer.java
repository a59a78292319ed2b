package io.datastores.core;

import io.datastores.api.Capability;
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
import io.datastores.core.internal.BatchPipe;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
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

    private final Datastore source;
    private final ReadRequest read;
    private final Datastore target;
    private final TableRef targetTable;
    private WriteMode mode = WriteMode.APPEND;
    private List<String> key = List.of();
    private int batchSize = ReadRequest.DEFAULT_BATCH_SIZE;
    private long memoryLimit = DEFAULT_MEMORY_LIMIT;
    private int parallelism = 1;
    private final Map<String, String> columnTypes = new LinkedHashMap<>();
    private Consumer<TransferProgress> progress = p -> {};
    private Consumer<VectorSchemaRoot> inspector = b -> {};
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
     * Reads the source in up to {@code partitions} parts at once ({@link Reads#partition}: page
     * ranges on one snapshot for PostgreSQL, key ranges for other SQL databases, part objects for
     * S3), all into the one write, which stays all-or-nothing; memory stays within the same limit.
     * A read with a limit, or one the source cannot split, runs as one stream.
     *
     * @param partitions how many parts to read at once (default 1)
     * @return this transfer
     */
    public Transfer parallelism(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + partitions);
        }
        this.parallelism = partitions;
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
     * Shows each batch, as read, before the target writes it: sync takes its high-water mark from the
     * rows it actually moves this way. Runs on the writing thread; keep it quick.
     *
     * @param batchInspector given each batch; must neither change nor keep it
     * @return this transfer
     */
    public Transfer inspect(Consumer<VectorSchemaRoot> batchInspector) {
        this.inspector = Objects.requireNonNull(batchInspector, "batchInspector is null");
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
            throw DatastoreException.of(
                    ErrorCode.UNSUPPORTED,
                    target.name(),
                    target.type(),
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
                ArrowReader reader = Reads.open(source, read.withBatchSize(batchSize), allocator)) {
            TransferPlanner planner = planner();
            return planner.plan(reader.getVectorSchemaRoot().getSchema(), planner.sourceTypes());
        } catch (IOException e) {
            throw DatastoreException.of(
                            ErrorCode.INTERNAL,
                            source.name(),
                            source.type(),
                            "Reading the source schema failed: " + e.getMessage())
                    .withCause(e);
        }
    }

    /**
     * Runs the transfer on the calling thread (reading on a second one).
     *
     * @return counts and timings
     */
    public TransferResult run() {
        return execute(new TransferCancellation());
    }

    /**
     * Starts the transfer on a new thread.
     *
     * @return a handle to wait for or cancel it
     */
    public RunningTransfer start() {
        TransferCancellation cancellation = new TransferCancellation();
        CompletableFuture<TransferResult> future = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        future.complete(execute(cancellation));
                    } catch (RuntimeException e) {
                        future.completeExceptionally(e);
                    }
                },
                "datastores-transfer-" + target.name());
        thread.setDaemon(true);
        thread.start();
        return new RunningTransfer(future, cancellation);
    }

    private TransferResult execute(TransferCancellation cancellation) {
        long start = System.nanoTime();
        try (BufferAllocator root = new RootAllocator(memoryLimit);
                BufferAllocator readSide = root.newChildAllocator("read", 0, memoryLimit);
                BufferAllocator writeSide = root.newChildAllocator("write", 0, memoryLimit)) {
            // Asked before the partitions open: reading them all at once may take every pooled connection.
            TransferPlanner planner = planner();
            Map<String, String> sourceTypes = planner.sourceTypes();
            try (TransferSource input =
                    TransferSource.open(source, read.withBatchSize(batchSize), parallelism, readSide)) {
                Schema schema = input.schema();
                TransferPlan plan = planner.plan(schema, sourceTypes);
                List<ColumnDefinition> createInWrite = List.of();
                if (plan.createsTable()) {
                    // Where DDL is transactional the writer creates the table in its own transaction:
                    // a failed or killed copy then leaves no empty table behind.
                    List<ColumnDefinition> definitions = planner.definitions(plan, schema);
                    TableCreator creator = target.feature(TableCreator.class).orElseThrow();
                    if (creator.createsInWrite()) {
                        createInWrite = definitions;
                    } else {
                        creator.createTable(targetTable, definitions, key);
                    }
                }
                // rows, batches, bytes: written only by the writing thread, through the listener.
                long[] moved = new long[3];
                BatchPipe.BatchListener listener = (batch, bytes) -> {
                    inspector.accept(batch);
                    moved[0] += batch.getRowCount();
                    moved[1]++;
                    moved[2] += bytes;
                    progress.accept(new TransferProgress(
                            moved[0], moved[2], moved[1], (System.nanoTime() - start) / 1_000_000));
                };
                try (BatchPipe pipe = input.pipe(writeSide, listener)) {
                    cancellation.attach(pipe);
                    WriteResult written = write(pipe, createInWrite);
                    return new TransferResult(
                            plan, written.rows(), moved[1], moved[2], (System.nanoTime() - start) / 1_000_000);
                }
            }
        } catch (IOException e) {
            throw readFailure(e);
        } catch (OutOfMemoryException e) {
            throw DatastoreException.of(
                            ErrorCode.INVALID_CONFIG,
                            "The transfer needs more than its memory limit of " + memoryLimit / (1024 * 1024)
                                    + " MiB: lower batchSize (now " + batchSize + ") or raise memoryLimit")
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

    private TransferPlanner planner() {
        return new TransferPlanner(source, read, target, targetTable, mode, key, columnTypes, knownTarget);
    }

    private DatastoreException readFailure(IOException e) {
        return DatastoreException.of(
                        ErrorCode.INTERNAL,
                        source.name(),
                        source.type(),
                        "Reading the source failed: " + e.getMessage())
                .withCause(e);
    }
}
