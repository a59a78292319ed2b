package io.datastores.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A stored datastore as the API returns it: the contract's fields in its order, secrets masked. */
final class DatastoreJson {
    private DatastoreJson() {}

    static Map<String, Object> of(StoredDatastore d) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", d.id());
        json.put("created_at", d.createdAt());
        json.put("updated_at", d.updatedAt());
        json.put("name", d.name());
        json.put("type", d.type());
        json.put("system", d.system());
        json.put("description", d.description());
        json.put("server", d.server());
        json.put("port", d.port());
        json.put("username", d.username());
        json.put("password", d.passwordSecret() == null ? null : Masking.PASSWORD_MASK);
        json.put("connection_string", d.connectionStringMasked());
        json.put("is_active", d.active());
        json.put("max_connections", d.maxConnections());
        json.put("avg_response_time_ms", d.avgResponseTimeMs());
        json.put("storage_capacity_gb", d.storageCapacityGb());
        json.put("database", d.database());
        return json;
    }

    /** @return the names of the fields a change touches, for the audit (never their values) */
    static String changedFields(Definition before, Definition after) {
        StringBuilder changed = new StringBuilder();
        append(changed, "name", before.name(), after.name());
        append(changed, "type", before.type(), after.type());
        append(changed, "system", before.system(), after.system());
        append(changed, "description", before.description(), after.description());
        append(changed, "server", before.server(), after.server());
        append(changed, "port", before.port(), after.port());
        append(changed, "username", before.username(), after.username());
        append(changed, "database", before.database(), after.database());
        append(changed, "password", before.password(), after.password());
        append(changed, "connection_string", before.connectionString(), after.connectionString());
        append(changed, "is_active", before.active(), after.active());
        append(changed, "max_connections", before.maxConnections(), after.maxConnections());
        append(changed, "avg_response_time_ms", before.avgResponseTimeMs(), after.avgResponseTimeMs());
        append(changed, "storage_capacity_gb", before.storageCapacityGb(), after.storageCapacityGb());
        return changed.length() == 0 ? "no change" : "changed " + changed;
    }

    private static void append(StringBuilder changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.append(changed.length() == 0 ? "" : ", ").append(field);
        }
    }
}
