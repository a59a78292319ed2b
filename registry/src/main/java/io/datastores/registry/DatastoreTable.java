package io.datastores.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The stored datastores: live rows have no {@code deleted_at}; deleting keeps the row for history. */
final class DatastoreTable {
    private static final String TABLE = "registry_datastores";

    private final Sql sql;
    private final RegistryKey key;

    DatastoreTable(Sql sql, RegistryKey key) {
        this.sql = sql;
        this.key = key;
    }

    Optional<StoredDatastore> find(long id) {
        return sql
                .query(
                        "SELECT " + StoredDatastore.COLUMNS + " FROM " + TABLE + " WHERE id = ? AND deleted_at IS NULL",
                        List.of(id),
                        StoredDatastore::read)
                .stream()
                .findFirst();
    }

    /** @return every live datastore, by name: what the export writes */
    List<StoredDatastore> all() {
        return sql.query(
                "SELECT " + StoredDatastore.COLUMNS + " FROM " + TABLE + " WHERE deleted_at IS NULL ORDER BY name, id",
                List.of(),
                StoredDatastore::read);
    }

    boolean nameTaken(String name, Long exceptId) {
        return !sql.query(
                        "SELECT id FROM " + TABLE + " WHERE name = ? AND deleted_at IS NULL AND id <> ?",
                        List.of(name, exceptId == null ? -1L : exceptId),
                        row -> row.getLong(1))
                .isEmpty();
    }

    /** One page of live datastores matching a list query, and how many match in all. */
    record Page(long count, List<StoredDatastore> rows) {}

    Page list(ListQuery query) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE deleted_at IS NULL");
        query.type().ifPresent(type -> {
            where.append(" AND type = ?");
            params.add(type);
        });
        query.system().ifPresent(system -> {
            where.append(" AND system = ?");
            params.add(system);
        });
        query.active().ifPresent(active -> {
            where.append(" AND is_active = ?");
            params.add(active ? 1 : 0);
        });
        query.search().ifPresent(term -> {
            where.append(" AND (LOWER(name) LIKE ? ESCAPE '\\' OR LOWER(description) LIKE ? ESCAPE '\\')");
            String pattern = "%" + ListQuery.escapeLike(term.toLowerCase(Locale.ROOT)) + "%";
            params.add(pattern);
            params.add(pattern);
        });
        return sql.transaction(connection -> {
            long count = Sql.query(connection, "SELECT COUNT(*) FROM " + TABLE + where, params, row -> row.getLong(1))
                    .get(0);
            List<Object> pageParams = new ArrayList<>(params);
            pageParams.add(query.pageSize());
            pageParams.add((long) (query.page() - 1) * query.pageSize());
            List<StoredDatastore> rows = Sql.query(
                    connection,
                    "SELECT " + StoredDatastore.COLUMNS + " FROM " + TABLE + where + " ORDER BY " + query.orderBy()
                            + " LIMIT ? OFFSET ?",
                    pageParams,
                    StoredDatastore::read);
            return new Page(count, rows);
        });
    }

    /** Inserts a definition; the secrets are sealed after the insert, bound to the new id. */
    long insert(Connection connection, Definition definition) throws SQLException {
        String now = Times.now();
        long id = Sql.insert(
                connection,
                "INSERT INTO " + TABLE + " (name, type, system, description, server, port, "
                        + "username, database_name, is_active, max_connections, avg_response_time_ms, storage_capacity_gb, "
                        + "created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                definition.name(),
                definition.type(),
                definition.system(),
                definition.description(),
                definition.server(),
                definition.port(),
                definition.username(),
                definition.database(),
                definition.active() ? 1 : 0,
                definition.maxConnections(),
                definition.avgResponseTimeMs(),
                definition.storageCapacityGb(),
                now,
                now);
        writeSecrets(connection, id, definition.password(), definition.connectionString());
        return id;
    }

    /**
     * Replaces a definition if the row is still at {@code version}.
     *
     * @return whether the row was updated (false: changed or deleted meanwhile)
     */
    boolean update(Connection connection, StoredDatastore current, Definition definition) throws SQLException {
        long updated = Sql.update(
                connection,
                "UPDATE " + TABLE + " SET name = ?, type = ?, system = ?, description = ?, "
                        + "server = ?, port = ?, username = ?, database_name = ?, is_active = ?, max_connections = ?, "
                        + "avg_response_time_ms = ?, storage_capacity_gb = ?, updated_at = ?, version = version + 1 "
                        + "WHERE id = ? AND version = ? AND deleted_at IS NULL",
                definition.name(),
                definition.type(),
                definition.system(),
                definition.description(),
                definition.server(),
                definition.port(),
                definition.username(),
                definition.database(),
                definition.active() ? 1 : 0,
                definition.maxConnections(),
                definition.avgResponseTimeMs(),
                definition.storageCapacityGb(),
                Times.after(current.updatedAt()),
                current.id(),
                current.version());
        if (updated == 0) {
            return false;
        }
        writeSecrets(connection, current.id(), definition.password(), definition.connectionString());
        return true;
    }

    /** Marks a live datastore deleted unless a dataset is assigned to it, in one statement. */
    boolean softDelete(Connection connection, long id) throws SQLException {
        return Sql.update(
                        connection,
                        "UPDATE " + TABLE + " SET deleted_at = ?, version = version + 1 WHERE id = ? "
                                + "AND deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM registry_datasets WHERE datastore_id = ?)",
                        Times.now(),
                        id,
                        id)
                == 1;
    }

    /** Seals secrets with the primary key. */
    void writeSecrets(Connection connection, long id, String password, String connectionString) throws SQLException {
        Sql.update(
                connection,
                "UPDATE " + TABLE + " SET " + SECRETS + " WHERE id = ?",
                sealed(id, password, connectionString, id));
    }

    /**
     * Re-seals secrets with the primary key if the row still holds the given ciphertexts, so a key
     * rotation never puts back a secret that a request changed meanwhile.
     *
     * @return whether the row was rewritten
     */
    boolean resealSecrets(
            Connection connection,
            long id,
            String oldPassword,
            String oldConnectionString,
            String password,
            String connectionString)
            throws SQLException {
        return Sql.update(
                        connection,
                        "UPDATE " + TABLE + " SET " + SECRETS + " WHERE id = ? AND password_secret IS NOT DISTINCT "
                                + "FROM ? AND connection_string_secret IS NOT DISTINCT FROM ?",
                        sealed(id, password, connectionString, id, oldPassword, oldConnectionString))
                == 1;
    }

    private static final String SECRETS =
            "password_secret = ?, connection_string_secret = ?, connection_string_masked = ?, " + "key_id = ?";

    private Object[] sealed(long id, String password, String connectionString, Object... where) {
        Object[] values = new Object[4 + where.length];
        values[0] = password == null ? null : key.encrypt(password, Secrets.context(id, "password"));
        values[1] = connectionString == null
                ? null
                : key.encrypt(connectionString, Secrets.context(id, "connection_string"));
        values[2] = connectionString == null ? null : Masking.connectionString(connectionString);
        values[3] = password == null && connectionString == null ? null : key.primaryKeyId();
        System.arraycopy(where, 0, values, 4, where.length);
        return values;
    }
}
