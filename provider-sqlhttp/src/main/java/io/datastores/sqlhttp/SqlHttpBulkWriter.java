package io.datastores.sqlhttp;

import io.datastores.api.ColumnInfo;
import io.datastores.api.TableInfo;
import io.datastores.api.bulk.BoundStatement;
import io.datastores.api.bulk.BulkWriter;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import io.datastores.jdbc.sqlite.SqliteValues;
import io.datastores.jdbc.sqlite.SqliteValues.Affinity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Loads Arrow batches with bound multi-row INSERTs sized to the service's limits (its bound-parameter
 * limit, at most 1,000 rows a statement, and a request size), each value encoded for its target
 * column's affinity as the embedded SQLite provider encodes it ({@link SqliteValues}). An upsert is
 * {@code INSERT … ON CONFLICT (key) DO UPDATE}, which needs a primary key or unique index on the key.
 *
 * <p>On libSQL the whole write is one transaction on one stream, with the request's
 * {@code beforeCommit} statements before its COMMIT. Elsewhere each request is atomic on its own (D1's
 * batch, StarbaseDB's transaction) and holds one Arrow batch unless the batch outgrows the request
 * size: a failure keeps the requests before it, and {@code beforeCommit} is refused. An overwrite's
 * DELETE travels in the first request. Thread-safe: each write has its own session.
 */
final class SqlHttpBulkWriter implements BulkWriter {
    private static final int MAX_ROWS_PER_STATEMENT = 1000;
    private final SqlHttpDatastore datastore;

    SqlHttpBulkWriter(SqlHttpDatastore datastore) {
        this.datastore = datastore;
    }

    @Override
    public WriteResult write(WriteRequest request, ArrowReader source) {
        long start = System.nanoTime();
        Transport transport = datastore.transport();
        if (!transport.transactions()) {
            request.refuseBeforeCommit(datastore.name(), datastore.type());
        }
        TableInfo table = datastore.describe(request.table());
        long rows = 0;
        long batches = 0;
        long bytes = 0;
        try (Transport.WriteSession session = transport.writeSession()) {
            List<Transport.Statement> pending = new ArrayList<>();
            if (request.mode() == WriteMode.OVERWRITE) {
                pending.add(Transport.Statement.of("DELETE FROM " + datastore.qualify(request.table())));
            }
            // The root first: a reader initialises itself there, before its first batch.
            VectorSchemaRoot batch = source.getVectorSchemaRoot();
            while (source.loadNextBatch()) {
                Insert insert = insert(table, request, batch);
                long requestBytes = 0;
                for (int from = 0; from < batch.getRowCount(); from += insert.rowsPerStatement) {
                    int to = Math.min(batch.getRowCount(), from + insert.rowsPerStatement);
                    List<Object> values = new ArrayList<>();
                    long size = insert.values(batch, from, to, values);
                    if (!pending.isEmpty() && requestBytes + size > transport.maxRequestBytes()) {
                        session.send(pending);
                        pending = new ArrayList<>();
                        requestBytes = 0;
                    }
                    pending.add(new Transport.Statement(insert.sql(to - from), values));
                    requestBytes += size;
                    bytes += size;
                }
                if (!pending.isEmpty()) {
                    session.send(pending);
                    pending = new ArrayList<>();
                }
                rows += batch.getRowCount();
                batches++;
            }
            if (!pending.isEmpty()) {
                session.send(pending);
            }
            List<Transport.Statement> last = new ArrayList<>();
            if (transport.transactions()) {
                for (BoundStatement statement : request.beforeCommit().apply(rows)) {
                    last.add(new Transport.Statement(statement.sql(), statement.params().stream()
                            .map(SqlValues::bindable).toList()));
                }
            }
            session.commit(last);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WriteResult(rows, batches, bytes, (System.nanoTime() - start) / 1_000_000);
    }

    private Insert insert(TableInfo table, WriteRequest request, VectorSchemaRoot batch) {
        List<String> names = new ArrayList<>();
        List<Affinity> affinities = new ArrayList<>();
        for (FieldVector vector : batch.getFieldVectors()) {
            ColumnInfo column = table.column(vector.getName()).orElseThrow(() -> datastore.invalid("Table '"
                    + request.table() + "' has no column '" + vector.getName() + "'; its columns are "
                    + table.columns().stream().map(ColumnInfo::name).toList()));
            names.add(column.name());
            affinities.add(Affinity.of(column.typeName()));
        }
        StringBuilder prefix = new StringBuilder("INSERT INTO ").append(datastore.qualify(request.table())).append(" (")
                .append(names.stream().map(datastore::quote).collect(Collectors.joining(", "))).append(") VALUES ");
        StringBuilder suffix = new StringBuilder();
        if (request.mode() == WriteMode.UPSERT) {
            List<String> updated = names.stream().filter(n -> !request.keyColumns().contains(n)).toList();
            suffix.append(" ON CONFLICT (").append(request.keyColumns().stream().map(datastore::quote)
                    .collect(Collectors.joining(", "))).append(") ").append(updated.isEmpty() ? "DO NOTHING"
                    : "DO UPDATE SET " + updated.stream().map(c -> datastore.quote(c) + " = excluded."
                    + datastore.quote(c)).collect(Collectors.joining(", ")));
        }
        int perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT,
                datastore.transport().maxParameters() / Math.max(1, names.size())));
        if (names.size() > datastore.transport().maxParameters()) {
            throw datastore.invalid("Table '" + request.table() + "' is written with " + names.size() + " columns, more "
                    + "than the " + datastore.transport().maxParameters() + " bound parameters one statement may have");
        }
        String row = "(" + batch.getFieldVectors().stream().map(v -> isBinary(v) ? datastore.transport().blobMarker()
                : "?").collect(Collectors.joining(", ")) + ")";
        return new Insert(prefix.toString(), row, suffix.toString(), affinities, perStatement);
    }

    private static boolean isBinary(FieldVector vector) {
        return switch (vector.getField().getType().getTypeID()) {
            case Binary, LargeBinary, FixedSizeBinary, BinaryView -> true;
            default -> false;
        };
    }

    /** One target's statement shape. */
    private final class Insert {
        private final String prefix;
        private final String row;
        private final String suffix;
        private final List<Affinity> affinities;
        private final int rowsPerStatement;

        Insert(String prefix, String row, String suffix, List<Affinity> affinities, int rowsPerStatement) {
            this.prefix = prefix;
            this.row = row;
            this.suffix = suffix;
            this.affinities = affinities;
            this.rowsPerStatement = rowsPerStatement;
        }

        String sql(int rows) {
            return prefix + String.join(", ", Collections.nCopies(rows, row)) + suffix;
        }

        /** Adds the values of rows {@code [from, to)} and returns roughly how many bytes they take. */
        long values(VectorSchemaRoot batch, int from, int to, List<Object> values) {
            long size = prefix.length() + suffix.length() + (long) row.length() * (to - from);
            for (int r = from; r < to; r++) {
                for (int c = 0; c < affinities.size(); c++) {
                    FieldVector vector = batch.getVector(c);
                    Object value = vector.isNull(r) ? null
                            : SqlValues.bindable(SqliteValues.bindable(affinities.get(c), vector, r));
                    if (value instanceof Double d && !Double.isFinite(d)) {
                        throw datastore.invalid("Column '" + vector.getName() + "', row " + r + ": " + d
                                + " cannot travel over JSON (SQLite over HTTP has no NaN or infinities)");
                    }
                    size += value instanceof byte[] b ? b.length * 2L : value instanceof String s ? s.length() : 16;
                    values.add(value);
                }
            }
            return size;
        }
    }
}
