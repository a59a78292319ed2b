package io.datastores.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.core.Datastores;
import io.datastores.tck.SqlDatastoreSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbDatastoreTest extends SqlDatastoreSuite {

    @Override
    protected Datastore createDatastore(Path workDir) {
        return load(workDir.resolve("suite.duckdb")).get("local");
    }

    private static Datastores load(Path file) {
        return Datastores.fromYaml("""
                datastores:
                  local:
                    type: duckdb
                    connection:
                      database: '${DB_FILE}'
                      max_pool_size: 8
                    databases: [customer_db, accounts_db]
                """, Map.of("DB_FILE", file.toString()));
    }

    @Test
    void createsMissingParentFoldersOnFirstConnect(@TempDir Path dir) {
        Path file = dir.resolve("nested/deeper/db.duckdb");
        try (Datastores datastores = load(file)) {
            assertThat(file.getParent()).as("loading must not touch the disk").doesNotExist();
            datastores.get("local").execute("CREATE TABLE t (i INTEGER)");
            assertThat(file).exists();
        }
    }

    @Test
    void fileKeepsDataAcrossCloseAndReconnect(@TempDir Path dir) {
        Path file = dir.resolve("keep.duckdb");
        try (Datastores datastores = load(file)) {
            datastores.get("local").execute("CREATE TABLE kept AS SELECT 42 AS answer");
        }
        try (Datastores datastores = load(file)) {
            assertThat(((Number) datastores
                                    .get("local")
                                    .query("SELECT answer FROM kept")
                                    .scalar())
                            .intValue())
                    .isEqualTo(42);
        }
    }

    @Test
    void inMemoryDatabaseIsSharedByThePoolButNotBetweenDatastores() throws Exception {
        String yaml = """
                datastores:
                  a: {type: duckdb, connection: {database: ':memory:', min_pool_size: 2, max_pool_size: 4}}
                  b: {type: duckdb, connection: {database: ':memory:'}}
                """;
        try (Datastores datastores = Datastores.fromYaml(yaml, Map.of())) {
            Datastore a = datastores.get("a");
            a.execute("CREATE TABLE shared AS SELECT 7 AS v");
            // Read from other threads so other pooled connections serve the reads.
            Thread[] readers = new Thread[4];
            int[] seen = new int[readers.length];
            for (int i = 0; i < readers.length; i++) {
                int slot = i;
                readers[i] = new Thread(() ->
                        seen[slot] = ((Number) a.query("SELECT v FROM shared").scalar()).intValue());
                readers[i].start();
            }
            for (Thread reader : readers) {
                reader.join();
            }
            assertThat(seen).containsOnly(7);
            assertThatThrownBy(() -> datastores.get("b").query("SELECT v FROM shared"))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }

    @Test
    void logicalDatabaseQueriesRunInItsSchema(@TempDir Path dir) {
        try (Datastores datastores = load(dir.resolve("logical.duckdb"))) {
            Datastore local = datastores.get("local");
            local.execute("CREATE SCHEMA customer_db");
            local.execute("CREATE SCHEMA accounts_db");
            local.execute("CREATE TABLE customer_db.people AS SELECT 'from customer_db' AS origin");
            local.execute("CREATE TABLE accounts_db.people AS SELECT 'from accounts_db' AS origin");

            assertThat(datastores
                            .database("customer_db")
                            .query("SELECT origin FROM people")
                            .scalar())
                    .isEqualTo("from customer_db");
            Datastore accounts = datastores.database("accounts_db");
            assertThat(accounts.query("SELECT origin FROM people").scalar()).isEqualTo("from accounts_db");
            assertThat(accounts.describe(TableRef.of("people")).table().schema())
                    .isEqualTo("accounts_db");
            // The schema switch is per statement: the datastore itself still resolves in main.
            assertThatThrownBy(() -> local.query("SELECT origin FROM people"))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }

    @Test
    void readOnlyDatastoreRefusesWrites(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ro.duckdb");
        try (Datastores datastores = load(file)) {
            datastores.get("local").execute("CREATE TABLE t AS SELECT 1 AS i");
        }
        assertThat(Files.exists(file)).isTrue();
        try (Datastores datastores = Datastores.fromYaml("""
                datastores:
                  ro: {type: duckdb, connection: {database: '${F}', read_only: true}}
                """, Map.of("F", file.toString()))) {
            Datastore ro = datastores.get("ro");
            assertThat(((Number) ro.query("SELECT i FROM t").scalar()).intValue())
                    .isEqualTo(1);
            assertThatThrownBy(() -> ro.execute("INSERT INTO t VALUES (2)")).isInstanceOf(DatastoreException.class);
        }
    }
}
