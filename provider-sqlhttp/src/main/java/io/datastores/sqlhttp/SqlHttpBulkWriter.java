package io.datastores.sqlhttp;

import io.datastores.api.ColumnInfo;
import io.datastores.api.DatastoreException;
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
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
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
 * {@code beforeCommit} statements before its COMMIT. D1 and StarbaseDB keep no transaction across
 * requests, so each Arrow batch is loaded into a staging table ({@code _datastores_stage_…}, created
 * from the target, without its constraints) and moved into the target by one
 * {@code INSERT … SELECT}, which SQLite applies whole or not at all: a failure keeps the batches before
 * it and nothing of its own; {@code beforeCommit} is refused; an overwrite's DELETE travels with the
 * first move. The stage is dropped at the end, also after a failure when the server still answers.
 * Thread-safe: each write has its own session.
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
        if (!transport.limits().transactions()) {
            request.refuseBeforeCommit(datastore.name(), datastore.type());
        }
        TableInfo table = datastore.describe(request.table());
        String target = datastore.qualify(request.table());
        // Without a transaction across requests, each batch is staged first and moved by one statement,
        // which SQLite applies whole or not at all.
        String stage = transport.limits().transactions()
                ? null
                : datastore.quote(
                        "_datastores_stage_" + UUID.randomUUID().toString().replace("-", ""));
        long rows = 0;
        long batches = 0;
        long bytes = 0;
        try (Transport.WriteSession session = transport.writeSession()) {
            List<Transport.Statement> pending = new ArrayList<>();
            boolean deleteFirst = request.mode() == WriteMode.OVERWRITE;
            // The root first: a reader initialises itself there, before its first batch.
            VectorSchemaRoot batch = source.getVectorSchemaRoot();
            Insert insert = null;
            try {
                while (source.loadNextBatch()) {
                    if (insert == null) {
                        insert = insert(table, request, batch, stage == null ? target : stage);
                        if (stage != null) {
                            session.send(List.of(Transport.Statement.of("CREATE TABLE " + stage + " AS SELECT "
                                    + insert.columns + " FROM " + target + " WHERE 0")));
                        } else if (deleteFirst) {
                            pending.add(Transport.Statement.of("DELETE FROM " + target));
                            deleteFirst = false;
                        }
                    }
                    long requestBytes = 0;
                    for (int from = 0; from < batch.getRowCount(); from += insert.rowsPerStatement) {
                        int to = Math.min(batch.getRowCount(), from + insert.rowsPerStatement);
                        List<Object> values = new ArrayList<>();
                        long size = insert.values(batch, from, to, values);
                        if (!pending.isEmpty()
                                && requestBytes + size > transport.limits().maxRequestBytes()) {
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
                    if (stage != null) {
                        List<Transport.Statement> move = new ArrayList<>();
                        if (deleteFirst) {
                            move.add(Transport.Statement.of("DELETE FROM " + target));
                            deleteFirst = false;
                        }
                        // WHERE true: without it SQLite would read ON CONFLICT as a join constraint.
                        move.add(Transport.Statement.of("INSERT INTO " + target + " (" + insert.columns + ") SELECT "
                                + insert.columns + " FROM " + stage + " WHERE true" + insert.conflict));
                        move.add(Transport.Statement.of("DELETE FROM " + stage));
                        session.send(move);
                    }
                    rows += batch.getRowCount();
                    batches++;
                }
                if (deleteFirst) {
                    session.send(List.of(Transport.Statement.of("DELETE FROM " + target)));
                }
                List<Transport.Statement> last = new ArrayList<>();
                if (transport.limits().transactions()) {
                    for (BoundStatement statement : request.beforeCommit().apply(rows)) {
                        last.add(new Transport.Statement(
                                statement.sql(),
                                statement.params().stream()
                                        .map(SqlValues::bindable)
                                        .toList()));
                    }
                }
                session.commit(last);
            } finally {
                if (stage != null && insert != null) {
                    dropStage(transport, stage);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WriteResult(rows, batches, bytes, (System.nanoTime() - start) / 1_000_000);
    }

    private static void dropStage(Transport transport, String stage) {
        try {
            transport.run(Transport.Statement.of("DROP TABLE IF EXISTS " + stage));
        } catch (DatastoreException e) {
            // The write's own failure (a server gone) matters more; the stage's name says what it is.
        }
    }

    private Insert insert(TableInfo table, WriteRequest request, VectorSchemaRoot batch, String into) {
        List<String> names = new ArrayList<>();
        List<Affinity> affinities = new ArrayList<>();
        for (FieldVector vector : batch.getFieldVectors()) {
            ColumnInfo column = table.column(vector.getName())
                    .orElseThrow(() -> datastore.invalid("Table '"
                            + request.table() + "' has no column '" + vector.getName() + "'; its columns are "
                            + table.columns().stream().map(ColumnInfo::name).toList()));
            names.add(column.name());
            affinities.add(Affinity.of(column.typeName()));
        }
        String columns = names.stream().map(datastore::quote).collect(Collectors.joining(", "));
        String prefix = "INSERT INTO " + into + " (" + columns + ") VALUES ";
        StringBuilder suffix = new StringBuilder();
        if (request.mode() == WriteMode.UPSERT) {
            List<String> updated = names.stream()
                    .filter(n -> !request.keyColumns().contains(n))
                    .toList();
            suffix.append(" ON CONFLICT (")
                    .append(request.keyColumns().stream().map(datastore::quote).collect(Collectors.joining(", ")))
                    .append(") ")
                    .append(
                            updated.isEmpty()
                                    ? "DO NOTHING"
                                    : "DO UPDATE SET "
                                            + updated.stream()
                                                    .map(c -> datastore.quote(c) + " = excluded." + datastore.quote(c))
                                                    .collect(Collectors.joining(", ")));
        }
        int perStatement = Math.max(
                1,
                Math.min(
                        MAX_ROWS_PER_STATEMENT,
                        datastore.transport().limits().maxParameters() / Math.max(1, names.size())));
        String row = "("
                + batch.getFieldVectors().stream()
                        .map(v -> isBinary(v) ? datastore.transport().blobMarker() : "?")
                        .collect(Collectors.joining(", "))
                + ")";
        boolean staged = !into.equals(datastore.qualify(request.table()));
        return new Insert(
                prefix,
                row,
                staged ? "" : suffix.toString(),
                suffix.toString(),
                columns,
                affinities,
                perStatement,
                !"?".equals(datastore.transport().blobMarker()));
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
        /** The upsert's ON CONFLICT clause, or empty. */
        final String conflict;
        /** The quoted column list. */
        final String columns;

        private final List<Affinity> affinities;
        final int rowsPerStatement;
        private final boolean hexBlobs;

        Insert(
                String prefix,
                String row,
                String suffix,
                String conflict,
                String columns,
                List<Affinity> affinities,
                int rowsPerStatement,
                boolean hexBlobs) {
            this.prefix = prefix;
            this.row = row;
            this.suffix = suffix;
            this.conflict = conflict;
            this.columns = columns;
            this.affinities = affinities;
            this.rowsPerStatement = rowsPerStatement;
            this.hexBlobs = hexBlobs;
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
                    Object value = vector.isNull(r)
                            ? null
                            : SqlValues.bindable(SqliteValues.bindable(affinities.get(c), vector, r));
                    if (value instanceof Double d && !Double.isFinite(d)) {
                        throw datastore.invalid("Column '" + vector.getName() + "', row " + r + ": " + d
                                + " cannot travel over JSON (SQLite over HTTP has no NaN or infinities)");
                    }
                    if (hexBlobs && value instanceof byte[] b) {
                        value = HexFormat.of().formatHex(b);
                    }
                    size += value instanceof byte[] b ? b.length * 2L : value instanceof String s ? s.length() : 16;
                    values.add(value);
                }
            }
            return size;
        }
    }
}
