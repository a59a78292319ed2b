package io.datastores.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import io.datastores.jdbc.BaseJdbcBulkWriter;
import io.datastores.jdbc.JdbcDatastore;
import io.datastores.jdbc.WriteTarget;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads each Arrow batch with one {@code INSERT … FORMAT ArrowStream} through client-v2: the batch
 * is one block, so the server stores all of it or none of it. Each insert carries an
 * {@code insert_deduplication_token} derived from the batch's bytes and position and the request's
 * write id ({@link BatchToken}), and an insert whose response is lost is sent again with the same token, so
 * the server drops the copy instead of storing the rows twice; this works when the table keeps a
 * deduplication window (Replicated engines, or {@code non_replicated_deduplication_window > 0}),
 * which a preflight checks once per table, warning when the token would be a no-op.
 *
 * <p>ClickHouse has no transactions: a write that fails part-way leaves the batches before the
 * failing one in the table (whole), never part of a batch. OVERWRITE truncates first. UPSERT
 * appends into a ReplacingMergeTree ordered by the key (the table the transfer creates for a key)
 * and then merges it ({@code OPTIMIZE TABLE … FINAL}), so when the write returns every key has one
 * row, the newest; the merge rewrites the table's parts, a cost that grows with the table. Thread-safe.
 */
final class ClickHouseBulkWriter extends BaseJdbcBulkWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseBulkWriter.class);
    /** Attempts per batch when the connection fails (refused, reset, response lost); server errors are final. */
    static final int ATTEMPTS = 3;

    private static final long INSERT_TIMEOUT_SECONDS = 3600;

    private final Set<String> checkedTables = ConcurrentHashMap.newKeySet();

    ClickHouseBulkWriter(JdbcDatastore datastore) {
        super(datastore, Overwrite.TRUNCATE);
    }

    @Override
    protected WriteResult load(Connection connection, WriteTarget target, ArrowReader source)
            throws SQLException, IOException {
        WriteRequest request = target.request();
        if (request.mode() == WriteMode.UPSERT) {
            requireReplacingTable(request);
        }
        List<String> names =
                target.columns().stream().map(c -> dialect.quote(c.name())).toList();
        String doing = "Bulk write into " + request.table() + " failed";
        Client client = ClickHouseClients.client(connection);
        if (checkedTables.add(target.qualified())) {
            DeduplicationPreflight.warnIfNoOp(datastore, target.table().table(), LOG);
        }
        long rows = 0;
        long batches = 0;
        long bytes = 0;
        BatchToken tokens = new BatchToken(target.qualified(), request.writeId());
        while (source.loadNextBatch()) {
            VectorSchemaRoot root = source.getVectorSchemaRoot();
            if (root.getRowCount() == 0) {
                continue;
            }
            ArrowIpc body = ArrowIpc.encode(root);
            insert(client, target.qualified(), names, body, tokens.next(body.buffer(), body.length()), doing);
            rows += root.getRowCount();
            batches++;
            bytes += body.length();
        }
        if (request.mode() == WriteMode.UPSERT) {
            // Replaced rows go when parts merge; merging now makes every reader see one row per key when the write
            // returns.
            datastore.execute("OPTIMIZE TABLE " + target.qualified() + " FINAL");
        }
        return new WriteResult(rows, batches, bytes, 0);
    }

    /** An upsert appends and lets the engine replace: only a ReplacingMergeTree ordered by the key does that. */
    private void requireReplacingTable(WriteRequest request) {
        TableEngine engine = TableEngine.of(datastore, request.table()).orElseThrow();
        if (!engine.replacesRows() || !engine.sortingKey().equals(request.keyColumns())) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_DATA,
                    datastore.name(),
                    datastore.type(),
                    "Cannot upsert into "
                            + request.table() + " by " + request.keyColumns() + ": ClickHouse replaces rows only in a "
                            + "ReplacingMergeTree ordered by the key, and this table is " + engine.engine()
                            + " ORDER BY "
                            + engine.sortingKey() + "; create it with ENGINE = ReplacingMergeTree ORDER BY ("
                            + String.join(", ", request.keyColumns()) + "), or let the transfer create it");
        }
    }

    private void insert(Client client, String target, List<String> columns, ArrowIpc body, String token, String doing) {
        for (int attempt = 1; ; attempt++) {
            InsertSettings settings = new InsertSettings().setDeduplicationToken(token);
            try {
                client.insert(target, columns, body.stream(), ClickHouseFormat.ArrowStream, settings)
                        .get(INSERT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .close();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ClickHouseClients.translate(datastore, doing, e);
            } catch (Exception e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                if (cause instanceof ServerException || attempt >= ATTEMPTS) {
                    throw ClickHouseClients.translate(datastore, doing, e);
                }
                // The batch may or may not have landed: the same token makes the server drop a second copy.
                LOG.warn(
                        "[{}/{}] Insert into {} failed ({}); sending the batch again with the same deduplication "
                                + "token (attempt {} of {})",
                        datastore.name(),
                        datastore.type(),
                        target,
                        cause.toString(),
                        attempt + 1,
                        ATTEMPTS);
            }
        }
    }
}
