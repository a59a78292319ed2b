package io.datastores.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Datastore;
import io.datastores.core.ConfigException;
import io.datastores.core.Datastores;
import io.datastores.tck.SqlDatastoreSuite;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatastoreTest extends SqlDatastoreSuite {

    @Override
    protected Datastore createDatastore(Path workDir) {
        return load(workDir.resolve("suite.sqlite")).get("local");
    }

    @Override
    public boolean supportsFloatSpecials() {
        return false;
    }

    private static Datastores load(Path file) {
        return Datastores.fromYaml("""
                datastores:
                  local:
                    type: sqlite
                    connection: {database: '${DB_FILE}', max_pool_size: 8}
                """, Map.of("DB_FILE", file.toString()));
    }

    @Test
    void createsMissingParentFoldersOnFirstConnect(@TempDir Path dir) {
        Path file = dir.resolve("a/b/c.sqlite");
        try (Datastores datastores = load(file)) {
            assertThat(file.getParent()).doesNotExist();
            datastores.get("local").execute("CREATE TABLE t (i INTEGER)");
            assertThat(file).exists();
        }
    }

    @Test
    void inMemoryDatabaseIsSharedByThePool() throws Exception {
        try (Datastores datastores = Datastores.fromYaml("""
                datastores:
                  mem: {type: sqlite, connection: {database: ':memory:', min_pool_size: 2, max_pool_size: 2}}
                """, Map.of())) {
            Datastore mem = datastores.get("mem");
            mem.execute("CREATE TABLE shared (v INTEGER)");
            mem.execute("INSERT INTO shared VALUES (7)");
            int[] seen = new int[1];
            Thread reader = new Thread(
                    () -> seen[0] = ((Number) mem.query("SELECT v FROM shared").scalar()).intValue());
            reader.start();
            reader.join();
            assertThat(seen[0]).isEqualTo(7);
        }
    }

    @Test
    void logicalDatabasesAreRefusedBecauseSqliteHasNoSchemas() {
        assertThatThrownBy(() -> Datastores.fromYaml("""
                datastores:
                  local: {type: sqlite, connection: {database: x.sqlite}, databases: [sales]}
                """, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("datastore 'local', databases: Datastore type 'sqlite' has no schemas");
    }

    @Test
    void busyTimeoutMustBeMilliseconds() {
        assertThatThrownBy(() -> Datastores.fromYaml("""
                datastores:
                  local: {type: sqlite, connection: {database: x.sqlite, busy_timeout: soon}}
                """, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("connection.busy_timeout: Must be a whole number of milliseconds, got 'soon'");
    }
}
