package io.datastores.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.TableRef;
import io.datastores.core.ConfigException;
import io.datastores.core.Datastores;
import io.datastores.core.Placeholders;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job naming a datastore whose variables are unset in this environment fails before any row moves. */
class SyncUnresolvedDatastoreTest {
    private static final String PROBLEM =
            "datastore 'replica', connection.host: Must specify host (${REPLICA_HOST} is not set in the environment or .env)";

    @Test
    void theJobFailsWhenCreatedAndTheSourceIsUntouched(@TempDir Path dir) {
        String yaml = "datastores:\n"
                + "  shop: {type: duckdb, connection: {database: '" + dir.resolve("shop.duckdb") + "'}}\n"
                + "  replica: {type: postgres, connection: {host: '${REPLICA_HOST}', database: test}}\n";
        try (Datastores datastores = Datastores.fromYaml(yaml, Map.of())) {
            datastores.get("shop").execute("CREATE TABLE users (id INTEGER PRIMARY KEY, created_at TIMESTAMP)");
            datastores.get("shop").execute("INSERT INTO users VALUES (1, TIMESTAMP '2026-01-01 00:00:00')");
            SyncJob job = SyncJob.parse(
                            "source_provider: {data_backend: {datastore_name: shop}}\ntables: [users]\n",
                            Placeholders.of(Map.of()))
                    .withTarget("replica", "public");
            assertThatThrownBy(() -> Sync.create(datastores, job))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(PROBLEM);
            // Reversed, the broken datastore is the source: refused just the same.
            SyncJob reversed = SyncJob.parse(
                            "source_provider: {data_backend: {datastore_name: replica}}\n", Placeholders.of(Map.of()))
                    .withTarget("shop", "main");
            assertThatThrownBy(() -> Sync.create(datastores, reversed))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(PROBLEM);
            assertThat(datastores.get("shop").tables("main")).containsExactly(TableRef.of("main", "users"));
        }
    }
}
