package io.datastores.postgres;

import io.datastores.api.ColumnInfo;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteResult;
import io.datastores.jdbc.BaseJdbcBulkWriter;
import io.datastores.jdbc.JdbcDatastore;
import io.datastores.jdbc.JdbcDialect;
import io.datastores.jdbc.ProducedStream;
import io.datastores.jdbc.WriteTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.postgresql.PGConnection;

/**
 * Loads Arrow batches with {@code COPY … FROM STDIN (FORMAT binary)}, encoded from the target
 * columns' real types. Every write runs in one transaction: appends and overwrites are all or
 * nothing, and an upsert copies into a temporary staging table, then merges it with
 * {@code INSERT … ON CONFLICT (key) DO UPDATE}. Thread-safe: each write borrows its own connection.
 */
final class PostgresBulkWriter extends BaseJdbcBulkWriter {
    private static final int CHUNK = 1 << 16;

    PostgresBulkWriter(JdbcDatastore datastore) {
        super(datastore, Overwrite.TRUNCATE);
    }

    @Override
    protected WriteResult load(Connection connection, WriteTarget target, ArrowReader source) throws SQLException {
        String names = target.columnList(dialect);
        if (target.request().mode() != WriteMode.UPSERT) {
            return copy(connection, target.qualified(), names, target.columns(), source);
        }
        try (Statement statement = connection.createStatement()) {
            String stage = dialect.quote(WriteTarget.stageName());
            statement.execute("CREATE TEMPORARY TABLE " + stage + " (LIKE " + target.qualified()
                    + " INCLUDING DEFAULTS) ON COMMIT DROP");
            WriteResult copied = copy(connection, stage, names, target.columns(), source);
            statement.execute("INSERT INTO " + target.qualified() + " AS existing (" + names + ") SELECT " + names
                    + " FROM " + stage + " ON CONFLICT ("
                    + WriteTarget.quoted(dialect, target.request().keyColumns()) + ") "
                    + (target.updated().isEmpty() ? "DO NOTHING" : doUpdate(dialect, target.updated())));
            return copied;
        }
    }

    /**
     * Updates a row only where a value differs, compared as text (every type has a text form; not
     * every type has equality): a row sent again unchanged, as a sync's rows at its cursor or in
     * its lookback window are, is left as it is, with no new row version, no WAL and no bloat.
     */
    private static String doUpdate(JdbcDialect dialect, List<String> updated) {
        String set = updated.stream()
                .map(c -> dialect.quote(c) + " = EXCLUDED." + dialect.quote(c))
                .collect(Collectors.joining(", "));
        String existing = updated.stream()
                .map(c -> "existing." + dialect.quote(c) + "::text")
                .collect(Collectors.joining(", "));
        String excluded = updated.stream()
                .map(c -> "EXCLUDED." + dialect.quote(c) + "::text")
                .collect(Collectors.joining(", "));
        return "DO UPDATE SET " + set + " WHERE (" + existing + ") IS DISTINCT FROM (" + excluded + ")";
    }

    /** @return rows, batches and bytes copied, and the time the COPY took */
    private WriteResult copy(
            Connection connection, String table, String names, List<ColumnInfo> columns, ArrowReader source)
            throws SQLException {
        PostgresBinaryEncoder encoder = new PostgresBinaryEncoder(columns, source);
        ProducedStream stream = new ProducedStream("datastores-copy-" + datastore.name(), encoder);
        try (stream) {
            // copyIn sends what the encoder has ready, and aborts the COPY (CopyFail) if it fails.
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
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
        return encoder.written();
    }
}
