package io.datastores.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Logger;

/** Who did what to which datastore, and when. Field names only: a secret's value never gets here. */
final class AuditTable {
    private static final Logger LOG = Logger.getLogger("io.datastores.registry.audit");

    /** One audit entry. */
    record Entry(long id, String at, String actor, String action, Long datastoreId, String detail) {}

    private final Sql sql;

    AuditTable(Sql sql) {
        this.sql = sql;
    }

    void record(Connection connection, String actor, String action, Long datastoreId, String detail)
            throws SQLException {
        Sql.insert(
                connection,
                "INSERT INTO registry_audit (at, actor, action, datastore_id, detail) VALUES (?, ?, ?, ?, ?)",
                Times.now(),
                actor,
                action,
                datastoreId,
                detail);
        LOG.info(() -> "audit " + action + " datastore=" + datastoreId + " by " + actor
                + (detail == null ? "" : " (" + detail + ")"));
    }

    void record(String actor, String action, Long datastoreId, String detail) {
        sql.transaction(connection -> {
            record(connection, actor, action, datastoreId, detail);
            return null;
        });
    }

    List<Entry> list(Long datastoreId, int limit) {
        String where = datastoreId == null ? "" : " WHERE datastore_id = ?";
        List<Object> params = datastoreId == null ? List.of(limit) : List.of(datastoreId, limit);
        return sql.query(
                "SELECT id, at, actor, action, datastore_id, detail FROM registry_audit" + where
                        + " ORDER BY id DESC LIMIT ?",
                params,
                row -> new Entry(
                        row.getLong("id"),
                        row.getString("at"),
                        row.getString("actor"),
                        row.getString("action"),
                        Sql.nullableLong(row, "datastore_id"),
                        row.getString("detail")));
    }
}
