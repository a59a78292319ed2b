package io.datastores.mysql;

import com.mysql.cj.jdbc.JdbcStatement;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import io.datastores.jdbc.BaseJdbcBulkWriter;
import io.datastores.jdbc.JdbcDatastore;
import io.datastores.jdbc.MultiRowInsert;
import io.datastores.jdbc.ProducedStream;
import io.datastores.jdbc.WriteTarget;
import io.datastores.jdbc.mysql.ArrowTextEncoder;
import io.datastores.jdbc.mysql.MySqlTextValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads Arrow batches with {@code LOAD DATA LOCAL INFILE} fed from an {@link ArrowTextEncoder}, or
 * with bound multi-row INSERTs when the server has {@code local_infile} off (checked once per
 * datastore and logged once). Every write is one transaction. With LOCAL the server turns bad
 * values and duplicate keys into warnings instead of errors, so any warning, or a row count that
 * differs from what was sent, rolls the load back and fails it: nothing is changed silently.
 * An upsert loads a temporary staging table, then merges it with
 * {@code INSERT … SELECT … ON DUPLICATE KEY UPDATE}. Thread-safe.
 */
final class MySqlBulkWriter extends BaseJdbcBulkWriter {
    private static final Logger LOG = LoggerFactory.getLogger(MySqlBulkWriter.class);
    private static final int MAX_PARAMETERS = 65_535;
    /** A quarter of the default max_allowed_packet (16 MB): room for rows wider than the batch average. */
    private static final long MAX_STATEMENT_BYTES = 4L << 20;
    /** Duplicate key (1062), NULL in a NOT NULL column (1048, and LOAD DATA's form of it, 1263). */
    private static final Set<Integer> INTEGRITY_WARNINGS = Set.of(1062, 1048, 1263);

    private static final int REPORTED_WARNINGS = 3;

    private volatile Boolean loadData;

    MySqlBulkWriter(JdbcDatastore datastore) {
        super(datastore, Overwrite.DELETE);
    }

    @Override
    protected WriteResult load(Connection connection, WriteTarget target, ArrowReader source) throws SQLException {
        WriteRequest request = target.request();
        List<String> names = target.names();
        try (Statement statement = connection.createStatement()) {
            String into = target.qualified();
            if (request.mode() == WriteMode.UPSERT) {
                String stage = WriteTarget.stageName();
                into = request.table().schema() == null
                        ? dialect.quote(stage)
                        : dialect.quote(request.table().schema()) + "." + dialect.quote(stage);
                statement.execute("CREATE TEMPORARY TABLE " + into + " LIKE " + target.qualified());
            }
            WriteResult loaded = useLoadData(connection)
                    ? loadData(connection, into, names, target.schema(), source)
                    : new MultiRowInsert(
                                    dialect,
                                    into,
                                    names,
                                    MAX_PARAMETERS,
                                    MAX_STATEMENT_BYTES,
                                    MySqlTextValues::bindable)
                            .write(connection, source);
            if (request.mode() == WriteMode.UPSERT) {
                String list = target.columnList(dialect);
                // Only keys written: updating a key to itself turns duplicates into no-ops.
                List<String> set = target.updated().isEmpty() ? request.keyColumns() : target.updated();
                statement.executeUpdate("INSERT INTO " + target.qualified() + " (" + list + ") SELECT " + list
                        + " FROM " + into + " AS s ON DUPLICATE KEY UPDATE "
                        + set.stream()
                                .map(c -> dialect.quote(c) + " = s." + dialect.quote(c))
                                .collect(Collectors.joining(", ")));
                statement.execute("DROP TEMPORARY TABLE " + into);
            }
            return loaded;
        }
    }

    private WriteResult loadData(
            Connection connection, String into, List<String> names, Schema schema, ArrowReader source)
            throws SQLException {
        // CHARACTER SET binary: no conversion, so UTF-8 text and raw binary both land byte for byte.
        String sql = "LOAD DATA LOCAL INFILE 'arrow-stream' INTO TABLE " + into + " CHARACTER SET binary"
                + " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ("
                + WriteTarget.quoted(dialect, names) + ")";
        ArrowTextEncoder encoder = new ArrowTextEncoder(source, schema.getFields(), ArrowTextEncoder.Layout.LOAD_DATA);
        ProducedStream stream = new ProducedStream("datastores-load-data-" + datastore.name(), encoder);
        try (stream;
                Statement statement = connection.createStatement()) {
            statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(stream);
            long affected = statement.executeLargeUpdate(sql);
            if (stream.failure() != null) {
                throw stream.failure();
            }
            SQLWarning warning = statement.getWarnings();
            if (warning != null || affected != encoder.rows()) {
                throw refused(warning, affected, encoder.rows());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return encoder.written();
    }

    private DatastoreException refused(SQLWarning first, long affected, long sent) {
        List<String> messages = new ArrayList<>();
        ErrorCode code = ErrorCode.INVALID_DATA;
        for (SQLWarning w = first; w != null && messages.size() < REPORTED_WARNINGS; w = w.getNextWarning()) {
            messages.add(w.getMessage());
            if (INTEGRITY_WARNINGS.contains(w.getErrorCode())) {
                code = ErrorCode.INTEGRITY;
            }
        }
        return DatastoreException.of(
                code,
                datastore.name(),
                datastore.type(),
                "LOAD DATA stored " + affected
                        + " of " + sent + " rows"
                        + (messages.isEmpty() ? "" : " and warned: " + String.join("; ", messages))
                        + "; the write was rolled back");
    }

    /** Decides once per datastore whether LOAD DATA LOCAL can be used. */
    private boolean useLoadData(Connection connection) throws SQLException {
        Boolean decided = loadData;
        if (decided != null) {
            return decided;
        }
        boolean wanted =
                !datastore.config().value(MySqlDialect.LOCAL_INFILE, "true").equals("false");
        boolean allowed = false;
        if (wanted) {
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT @@GLOBAL.local_infile")) {
                allowed = rs.next() && rs.getInt(1) == 1;
            }
            if (!allowed) {
                LOG.warn(
                        "[{}/{}] The server has local_infile OFF, so bulk writes use multi-row INSERT, which is "
                                + "several times slower; enable it with SET GLOBAL local_infile = 1",
                        datastore.name(),
                        datastore.type());
            }
        }
        loadData = allowed;
        return allowed;
    }
}
