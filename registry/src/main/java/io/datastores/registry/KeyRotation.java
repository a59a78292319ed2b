package io.datastores.registry;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * The counts of one {@code rotate-key} run.
 *
 * @param examined datastores that hold at least one secret (deleted ones included: history keeps them)
 * @param reencrypted those moved to the primary key (or that would be, in a dry run)
 * @param current those already on the primary key
 * @param dryRun whether nothing was changed
 */
public record KeyRotation(int examined, int reencrypted, int current, boolean dryRun) {

    private record Sealed(long id, String password, String connectionString) {}

    /** @param afterEach called with each re-encrypted id once it is committed (tests stop a run half way there) */
    static KeyRotation run(Sql sql, RegistryKey key, boolean dryRun, LongConsumer afterEach) {
        List<Sealed> rows = sql.query(
                "SELECT id, password_secret, connection_string_secret FROM registry_datastores "
                        + "WHERE password_secret IS NOT NULL OR connection_string_secret IS NOT NULL ORDER BY id",
                List.of(),
                row -> new Sealed(row.getLong(1), row.getString(2), row.getString(3)));
        DatastoreTable table = new DatastoreTable(sql, key);
        int moved = 0;
        for (Sealed row : rows) {
            if (onPrimary(row.password(), key) && onPrimary(row.connectionString(), key)) {
                continue;
            }
            moved++;
            if (dryRun) {
                continue;
            }
            String password =
                    row.password() == null ? null : key.decrypt(row.password(), Secrets.context(row.id(), "password"));
            String connectionString = row.connectionString() == null
                    ? null
                    : key.decrypt(row.connectionString(), Secrets.context(row.id(), "connection_string"));
            // A row a request changed meanwhile was sealed by the server; a re-run looks at it again.
            sql.transaction(connection -> table.resealSecrets(
                    connection, row.id(), row.password(), row.connectionString(), password, connectionString));
            afterEach.accept(row.id());
        }
        return new KeyRotation(rows.size(), moved, rows.size() - moved, dryRun);
    }

    private static boolean onPrimary(String sealed, RegistryKey key) {
        return sealed == null || RegistryKey.keyIdOf(sealed) == key.primaryKeyId();
    }
}
