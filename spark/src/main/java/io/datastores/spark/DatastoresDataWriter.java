package io.datastores.spark;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import java.io.IOException;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.sql.util.ArrowUtils;
import org.apache.spark.util.TaskCompletionListener;

/**
 * One task attempt's writer: rows become Arrow batches ({@link RowBatchPipe}) that the target's bulk
 * writer loads as they come. Staged, the attempt loads a staging table of its own, created in the
 * load's transaction (so a failed load leaves none); its name travels to the driver in the commit
 * message, and only Spark's authorised attempt of each partition commits one. Direct, it writes into
 * the target (upserts; targets without transactions) under the partition's write id
 * ({@link WritePlan#writeId}), which labelled targets deduplicate retried attempts by. Not thread-safe: Spark's task thread drives it.
 */
final class DatastoresDataWriter implements DataWriter<InternalRow> {
    private final WritePlan plan;
    private final Datastore datastore;
    private final TableRef table;
    private final BufferAllocator allocator;
    private final RowBatchPipe<WriteResult> pipe;
    private boolean finished;

    DatastoresDataWriter(WritePlan plan, int partition, long task) {
        this.plan = plan;
        this.datastore = plan.config().open().require(plan.datastore());
        this.table = plan.staged() ? plan.staging(partition, task) : plan.target();
        WriteRequest request = plan.staged()
                ? stagingRequest()
                : new WriteRequest(
                                table,
                                plan.mode() == WriteMode.UPSERT ? WriteMode.UPSERT : WriteMode.APPEND,
                                plan.key())
                        .withWriteId(plan.writeId(partition));
        this.allocator = ArrowUtils.rootAllocator().newChildAllocator("datastores write " + table, 0, Long.MAX_VALUE);
        this.pipe = new RowBatchPipe<>(
                plan.arrowSchema(),
                allocator,
                plan.batchSize(),
                source -> datastore.bulkWriter().write(request, source));
        TaskContext context = TaskContext.get();
        if (context != null) {
            // Seen once in CI: a task ended with neither commit() nor abort() called, and its bulk write (a
            // PostgreSQL COPY holding its staging schema's lock) waited for rows for ever. Ending the task ends it.
            context.addTaskCompletionListener((TaskCompletionListener) ended -> abandoned());
        }
    }

    private void abandoned() {
        if (!finished) {
            abort();
            close();
        }
    }

    private WriteRequest stagingRequest() {
        WriteRequest append = WriteRequest.append(table);
        TableCreator creator = datastore.feature(TableCreator.class).orElseThrow();
        if (creator.createsInWrite()) {
            return append.withCreate(plan.definitions());
        }
        creator.createTable(table, plan.definitions(), List.of());
        return append;
    }

    @Override
    public void write(InternalRow row) throws IOException {
        try {
            pipe.write(row);
        } catch (DatastoreException e) {
            throw named(e);
        }
    }

    @Override
    public WriterCommitMessage commit() throws IOException {
        finished = true;
        try {
            WriteResult written = pipe.finish();
            return new WrittenPart(plan.staged() ? table : null, written.rows());
        } catch (DatastoreException e) {
            throw named(e);
        }
    }

    /** A staged load's failure names the staging table: it says which target that table stands for. */
    private DatastoreException named(DatastoreException e) {
        if (!plan.staged()) {
            return e;
        }
        return new DatastoreException(
                e.code(),
                e.datastore().orElse(null),
                e.getMessage() + " (" + table.name() + " is this task's staging table of the write into "
                        + plan.target() + ")",
                e.sqlState().orElse(null),
                e.vendorCode(),
                e,
                e.retryable());
    }

    @Override
    public void abort() {
        if (!finished) {
            finished = true;
            pipe.abort();
        }
        if (plan.staged()) {
            StagingTables.drop(datastore, table);
        }
    }

    @Override
    public void close() {
        allocator.close();
    }
}
