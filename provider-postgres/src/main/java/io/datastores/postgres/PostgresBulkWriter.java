package io.datastores.postgres;

import io.datastores.api.ColumnInfo;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.BulkWriter;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import io.datastores.jdbc.BulkWrites;
import io.datastores.jdbc.JdbcDatastore;
import io.datastores.jdbc.JdbcDialect;
import io.datastores.jdbc.ProducedStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.postgresql.PGConnection;

/**
 * Loads Arrow batches with {@code COPY … FROM STDIN (FORMAT binary)}, encoded from the target
 * columns' real types. Every write runs in one transaction: appends and overwrites are all or
 * nothing, and an upsert copies into a temporary staging table, then merges it with
 * {@code INSERT … ON CONFLICT (key) DO UPDATE}. Thread-safe: each write borrows its own connection.
 */
final class PostgresBulkWriter implements BulkWriter {
    private static final String COLUMNS_SQL = """
            SELECT a.attname, t.typname, a.atttypmod, a.attnotnull
            FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
            WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum""";

    private static final int CHUNK = 1 << 16;
    private final JdbcDatastore datastore;

    PostgresBulkWriter(JdbcDatastore datastore) {
        this.datastore = datastore;
    }

    @Override
    public WriteResult write(WriteRequest request, ArrowReader source) {
        long started = System.nanoTime();
        JdbcDialect dialect = datastore.dialect();
        String target = dialect.qualify(request.table());
        return BulkWrites.inTransaction(datastore, request, connection -> {
            TableInfo table = describe(connection, request.table(), target);
            List<ColumnInfo> columns = BulkWrites.targetColumns(datastore, table, BulkWrites.schema(source));
            List<String> updated = BulkWrites.nonKeyColumns(datastore, request, columns);
            String names = columns.stream().map(c -> dialect.quote(c.name())).collect(Collectors.joining(", "));
            WriteResult copied;
            try (Statement statement = connection.createStatement()) {
                if (request.mode() == WriteMode.OVERWRITE) {
                    statement.execute("TRUNCATE " + target);
                }
                if (request.mode() == WriteMode.UPSERT) {
                    String stage = dialect.quote("datastores_stage_" + UUID.randomUUID().toString().replace("-", ""));
                    statement.execute("CREATE TEMPORARY TABLE " + stage + " (LIKE " + target
                            + " INCLUDING DEFAULTS) ON COMMIT DROP");
                    copied = copy(connection, stage, names, columns, source);
                    statement.execute("INSERT INTO " + target + " AS existing (" + names + ") SELECT " + names
                            + " FROM " + stage + " ON CONFLICT (" + request.keyColumns().stream().map(dialect::quote)
                                    .collect(Collectors.joining(", ")) + ") "
                            + (updated.isEmpty() ? "DO NOTHING" : doUpdate(dialect, updated)));
                } else {
                    copied = copy(connection, target, names, columns, source);
                }
            }
            return new WriteResult(copied.rows(), copied.batches(), copied.bytes(),
                    (System.nanoTime() - started) / 1_000_000);
        });
    }

    /**
     * Updates a row only where a value differs, compared as text (every type has a text form; not
     * every type has equality): a row sent again unchanged, as a sync's rows at its cursor or in
     * its lookback window are, is left as it is, with no new row version, no WAL and no bloat.
     */
    private static String doUpdate(JdbcDialect dialect, List<String> updated) {
        String set = updated.stream().map(c -> dialect.quote(c) + " = EXCLUDED." + dialect.quote(c))
                .collect(Collectors.joining(", "));
        String existing = updated.stream().map(c -> "existing." + dialect.quote(c) + "::text")
                .collect(Collectors.joining(", "));
        String excluded = updated.stream().map(c -> "EXCLUDED." + dialect.quote(c) + "::text")
                .collect(Collectors.joining(", "));
        return "DO UPDATE SET " + set + " WHERE (" + existing + ") IS DISTINCT FROM (" + excluded + ")";
    }

    /** @return rows, batches and bytes copied, and the time the COPY took */
    private WriteResult copy(Connection connection, String table, String names, List<ColumnInfo> columns,
            ArrowReader source) throws SQLException {
        long started = System.nanoTime();
        PostgresBinaryEncoder encoder = new PostgresBinaryEncoder(columns, source);
        ProducedStream stream = new ProducedStream("datastores-copy-" + datastore.name(), encoder);
        try (stream) {
            // copyIn sends what the encoder has ready, and aborts the COPY (CopyFail) if it fails.
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " (" + names + ") FROM STDIN (FORMAT binary)", stream, CHUNK);
        } catch (SQLException e) {
            // A value that could not be encoded ended the stream early: that is the cause, not the
            // truncated COPY the server then refused.
            if (stream.failure() != null) {
                throw stream.failure();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (stream.failure() != null) {
            throw stream.failure();
        }
        return new WriteResult(encoder.rows(), encoder.batches(), encoder.bytes(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Reads the target's columns from the catalog, with numeric precision and scale from the type modifier. */
    private TableInfo describe(Connection connection, TableRef table, String qualified) throws SQLException {
        List<ColumnInfo> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS_SQL)) {
            statement.setString(1, qualified);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(2);
                    int modifier = rs.getInt(3);
                    boolean numeric = type.equals("numeric") && modifier >= 4;
                    columns.add(new ColumnInfo(rs.getString(1), type, Types.OTHER, !rs.getBoolean(4),
                            numeric ? ((modifier - 4) >> 16) & 0xFFFF : null,
                            numeric ? (modifier - 4) & 0xFFFF : null));
                }
            }
        }
        if (columns.isEmpty()) {
            throw DatastoreException.of(ErrorCode.NOT_FOUND, datastore.name(), datastore.type(),
                    "Table '" + table + "' not found (names are case-sensitive)");
        }
        return new TableInfo(table, columns, List.of());
    }
}
