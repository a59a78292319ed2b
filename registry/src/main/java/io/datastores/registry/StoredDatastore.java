package io.datastores.registry;

import java.sql.ResultSet;
import java.sql.SQLException;

/** One row of {@code registry_datastores}: secrets still sealed. */
record StoredDatastore(
        long id,
        String name,
        String type,
        String system,
        String description,
        String server,
        Integer port,
        String username,
        String database,
        String passwordSecret,
        String connectionStringSecret,
        String connectionStringMasked,
        boolean active,
        Integer maxConnections,
        Double avgResponseTimeMs,
        Double storageCapacityGb,
        String createdAt,
        String updatedAt,
        long version) {

    static final String COLUMNS = "id, name, type, system, description, server, port, username, database_name, "
            + "password_secret, connection_string_secret, connection_string_masked, is_active, max_connections, "
            + "avg_response_time_ms, storage_capacity_gb, created_at, updated_at, version";

    static StoredDatastore read(ResultSet row) throws SQLException {
        Long port = Sql.nullableLong(row, "port");
        Long maxConnections = Sql.nullableLong(row, "max_connections");
        return new StoredDatastore(
                row.getLong("id"),
                row.getString("name"),
                row.getString("type"),
                row.getString("system"),
                row.getString("description"),
                row.getString("server"),
                port == null ? null : port.intValue(),
                row.getString("username"),
                row.getString("database_name"),
                row.getString("password_secret"),
                row.getString("connection_string_secret"),
                row.getString("connection_string_masked"),
                row.getInt("is_active") != 0,
                maxConnections == null ? null : maxConnections.intValue(),
                Sql.nullableDouble(row, "avg_response_time_ms"),
                Sql.nullableDouble(row, "storage_capacity_gb"),
                row.getString("created_at"),
                row.getString("updated_at"),
                row.getLong("version"));
    }

    /** @return the entity tag of this version, for If-Match */
    String etag() {
        return "\"" + version + "\"";
    }

    /** @return the definition with its secrets decrypted: for the server's own use only */
    Definition open(RegistryKey key) {
        return new Definition(
                name,
                type,
                system,
                description,
                server,
                port,
                username,
                database,
                passwordSecret == null ? null : key.decrypt(passwordSecret, Secrets.context(id, "password")),
                connectionStringSecret == null
                        ? null
                        : key.decrypt(connectionStringSecret, Secrets.context(id, "connection_string")),
                active,
                maxConnections,
                avgResponseTimeMs,
                storageCapacityGb);
    }
}
