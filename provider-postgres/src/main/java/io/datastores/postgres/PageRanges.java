package io.datastores.postgres;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.bulk.PartitionedRead;
import io.datastores.api.bulk.ReadPartition;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.jdbc.JdbcDatastore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Splits a table read into ranges of physical pages ({@code ctid}, a TID range scan since
 * PostgreSQL 14) that all read one snapshot, exported by a transaction held open until the
 * partitions are closed, as {@code pg_dump -j} does. Under one snapshot a row updated during the
 * read is seen in its old version at its old place, so each row is read exactly once; the first
 * range is open below and the last open above. A relation with no pages of its own (a view, a
 * partitioned table's parent) is one partition, still on the shared snapshot. There are never more
 * partitions than the pool has connections beside the exporting one, since all are read at once.
 */
final class PageRanges {
    static final String SNAPSHOT = "snapshot";
    static final String FROM_PAGE = "from_page";
    static final String TO_PAGE = "to_page";
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-F]+(-[0-9A-F]+)+");
    private static final Pattern PAGE = Pattern.compile("\\d{1,12}");

    private PageRanges() {}

    static PartitionedRead partition(JdbcDatastore datastore, ReadRequest request, int count) {
        // Every partition is read at once, each on a connection of the pool, beside the exporting one.
        int room = datastore.config().pool().maxSize() - 1;
        if (Math.min(count, room) <= 1) {
            return PartitionedRead.single(request);
        }
        count = Math.min(count, room);
        String doing = "Splitting the read of " + request.table() + " into page ranges failed";
        Connection connection = datastore.borrow(doing);
        try {
            connection.setAutoCommit(false);
            String snapshot;
            long pages;
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                try (ResultSet rs = statement.executeQuery("SELECT pg_export_snapshot()")) {
                    rs.next();
                    snapshot = rs.getString(1);
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT pg_relation_size(CAST(? AS regclass)) / current_setting('block_size')::bigint")) {
                statement.setString(1, datastore.dialect().qualify(request.table()));
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    pages = rs.getLong(1);
                }
            }
            int parts = (int) Math.max(1, Math.min(count, pages));
            List<ReadRequest> partitions = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                Map<String, String> hints = new HashMap<>();
                hints.put(SNAPSHOT, snapshot);
                if (i > 0) {
                    hints.put(FROM_PAGE, Long.toString(pages * i / parts));
                }
                if (i < parts - 1) {
                    hints.put(TO_PAGE, Long.toString(pages * (i + 1) / parts));
                }
                partitions.add(request.withPartition(new ReadPartition(i, parts, null, hints)));
            }
            return new PartitionedRead(partitions, () -> {
                // Ending the exporting transaction ends the snapshot's export; importers keep it.
                try (connection) {
                    connection.rollback();
                }
            });
        } catch (SQLException e) {
            throw PostgresBulkReader.failed(datastore, connection, doing, e);
        }
    }

    /**
     * Starts the connection's transaction on the partition's shared snapshot.
     *
     * @param partition a partition made here, or {@code null}
     */
    static void join(Connection connection, ReadPartition partition) throws SQLException {
        if (partition == null || !partition.hints().containsKey(SNAPSHOT)) {
            return;
        }
        String snapshot = valid(partition.hints().get(SNAPSHOT), SNAPSHOT_ID);
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            // A snapshot id is not a bindable value here; it is checked against its format above.
            statement.execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
        }
    }

    /**
     * @param partition a partition made here, or {@code null}
     * @return its {@code ctid} condition, or {@code null} when it reads every page
     */
    static String condition(ReadPartition partition) {
        if (partition == null) {
            return null;
        }
        List<String> bounds = new ArrayList<>();
        String from = partition.hints().get(FROM_PAGE);
        String to = partition.hints().get(TO_PAGE);
        if (from != null) {
            bounds.add("ctid >= '(" + valid(from, PAGE) + ",0)'::tid");
        }
        if (to != null) {
            bounds.add("ctid < '(" + valid(to, PAGE) + ",0)'::tid");
        }
        return bounds.isEmpty() ? null : String.join(" AND ", bounds);
    }

    private static String valid(String hint, Pattern format) {
        if (hint == null || !format.matcher(hint).matches()) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_DATA,
                    "Not a PostgreSQL partition of this reader: " + "a hint does not match " + format.pattern());
        }
        return hint;
    }
}
