package io.datastores.registry;

/** Where a secret belongs, bound into its ciphertext so a sealed value cannot be moved to another row or field. */
final class Secrets {
    private Secrets() {}

    static String context(long datastoreId, String field) {
        return "datastores-registry/datastore/" + datastoreId + "/" + field;
    }
}
