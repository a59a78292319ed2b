package io.datastores.registry;

/**
 * A validated datastore definition, secrets in plain text: lives only while a request is handled
 * and is never logged ({@link #toString()} masks the secrets).
 */
record Definition(
        String name,
        String type,
        String system,
        String description,
        String server,
        Integer port,
        String username,
        String database,
        String password,
        String connectionString,
        boolean active,
        Integer maxConnections,
        Double avgResponseTimeMs,
        Double storageCapacityGb) {

    @Override
    public String toString() {
        return "Definition[name=" + name + ", system=" + system + ", server=" + server + ", port=" + port
                + ", password=" + (password == null ? null : "***") + ", connection_string="
                + (connectionString == null ? null : Masking.connectionString(connectionString)) + "]";
    }
}
