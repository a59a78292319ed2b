package io.datastores.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.datastores.api.Capability;
import io.datastores.api.ColumnInfo;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.QueryResult;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The SQL and introspection suite, for datastores that declare {@link Capability#SQL}: query and
 * execute semantics, bound parameters, hostile identifiers, describe with nullability and key
 * order, error codes (missing tables, bad SQL, duplicate keys), and {@value #THREADS} threads
 * sharing one datastore. Tables are created in the datastore's default schema with the portable
 * column types of {@link #columnType}; the hooks below say where a database departs from them.
 */
public abstract class SqlSuite extends DatastoreSuite {

    /**
     * @param identifier a name
     * @return the name quoted for this database (double quotes by default)
     */
    protected String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
    /**
     * @return whether an UPDATE or DELETE reports the rows it changed (ClickHouse's lightweight
     *     UPDATE and DELETE report none; the suite then checks their effect only)
     */
    protected boolean countsRowsOfUpdates() {
        return true;
    }
    /**
     * @param kind a portable kind of column: {@code integer}, {@code text}, {@code decimal}
     * @return this database's name for it (defaults: {@code INTEGER}, {@code VARCHAR(200)},
     *     {@code DECIMAL(12, 2)})
     */
    protected String columnType(String kind) {
        return switch (kind) {
            case "integer" -> "INTEGER";
            case "text" -> "VARCHAR(200)";
            case "decimal" -> "DECIMAL(12, 2)";
            default -> throw new IllegalArgumentException(kind);
        };
    }
    /**
     * @return what the suite appends to each {@code CREATE TABLE} it writes in plain SQL, for
     *     databases whose defaults differ from the SQL standard's (ClickHouse needs table settings for
     *     UPDATE and for nullable key columns); empty by default
     */
    protected String tableOptions() {
        return "";
    }
    /**
     * @return whether the database refuses a second row with the same primary key; ClickHouse, for
     *     one, keeps both (its primary key orders and indexes, it does not constrain)
     */
    protected boolean enforcesPrimaryKeys() {
        return true;
    }
    /**
     * @return what the suite appends to the {@code CREATE TABLE} of the table it upserts into;
     *     {@link #tableOptions()} by default (ClickHouse upserts only into a ReplacingMergeTree)
     */
    protected String upsertTableOptions() {
        return tableOptions();
    }

    void createTable(String ddl) {
        datastore.execute(ddl + tableOptions());
    }

    /** Runs {@code SELECT 1} and checks the answer. */
    @Override
    protected void assertUsable() {
        assertThat(((Number) datastore.query("SELECT 1 AS one").scalar()).intValue())
                .isEqualTo(1);
    }

    /** Queries the missing table, so the statement's own text is in play. */
    @Override
    protected Throwable failureNaming(String name) {
        return catchThrowable(() -> datastore.query("SELECT * FROM " + quote(name)));
    }

    @Test
    void declaresSql() {
        assertThat(datastore.capabilities()).contains(Capability.SQL);
        assertThat(datastore.isConnected())
                .as("a new datastore must not connect by itself")
                .isFalse();
    }

    @Test
    void queryReturnsColumnsAndRowsInOrder() {
        createTable("CREATE TABLE people (id INTEGER PRIMARY KEY, name VARCHAR(100), age INTEGER)");
        datastore.execute("INSERT INTO people (id, name, age) VALUES (?, ?, ?)", 1, "Ada", 36);
        datastore.execute("INSERT INTO people (id, name, age) VALUES (?, ?, ?)", 2, "Grace", null);

        QueryResult result = datastore.query("SELECT age, name, id FROM people ORDER BY id");

        assertThat(result.columns()).containsExactly("age", "name", "id");
        assertThat(result.rowCount()).isEqualTo(2);
        assertThat(result.rows()).hasSize(2);
        assertThat(result.rows().get(0).keySet()).containsExactly("age", "name", "id");
        assertThat(result.rows().get(0).get("name")).isEqualTo("Ada");
        assertThat(((Number) result.rows().get(0).get("age")).intValue()).isEqualTo(36);
        assertThat(result.rows().get(1).get("age")).isNull();
        assertThat(result.executionMillis()).isGreaterThanOrEqualTo(0);
        assertThat(datastore.isConnected()).isTrue();
    }

    @Test
    void executeReturnsRowsAffected() {
        createTable("CREATE TABLE counters (id INTEGER, n INTEGER)");
        for (int i = 0; i < 5; i++) {
            assertThat(datastore.execute("INSERT INTO counters VALUES (?, ?)", i, i * 10))
                    .isEqualTo(1);
        }
        long updated = datastore.execute("UPDATE counters SET n = n + 1 WHERE id < ?", 3);
        long deleted = datastore.execute("DELETE FROM counters WHERE n > ?", 30);
        if (countsRowsOfUpdates()) {
            assertThat(updated).isEqualTo(3);
            assertThat(deleted).isEqualTo(1);
        }
        assertThat(((Number) datastore.query("SELECT sum(n) AS s FROM counters").scalar()).intValue())
                .as("0+1, 10+1, 20+1 and 30 kept; 40 deleted")
                .isEqualTo(63);
        assertThat(((Number) datastore
                                .query("SELECT count(*) AS c FROM counters")
                                .scalar())
                        .intValue())
                .isEqualTo(4);
    }

    @Test
    void parametersAreBoundNeverSpliced() {
        createTable("CREATE TABLE notes (body VARCHAR(200))");
        String hostile = "x'); DROP TABLE notes; -- \" ? '' \\";
        datastore.execute("INSERT INTO notes VALUES (?)", hostile);

        assertThat(datastore
                        .query("SELECT body FROM notes WHERE body = ?", hostile)
                        .scalar())
                .isEqualTo(hostile);
    }

    @Test
    void hostileIdentifiersAreTakenLiterally() {
        String table = "we\"ird ta_ble select";
        String column = "col \"with\" quotes";
        createTable("CREATE TABLE " + quote(table) + " (" + quote(column) + " INTEGER)");
        createTable("CREATE TABLE " + quote("weXird ta_ble select") + " (other INTEGER)");

        TableInfo info = datastore.describe(TableRef.of(table));

        assertThat(info.columns()).extracting(ColumnInfo::name).containsExactly(column);
        assertThat(datastore.tables(null)).extracting(TableRef::name).contains(table, "weXird ta_ble select");
    }

    @Test
    void describeReportsColumnsNullabilityAndPrimaryKeyOrder() {
        createTable("CREATE TABLE orders (region VARCHAR(10) NOT NULL, id INTEGER NOT NULL, "
                + "total DECIMAL(12, 2), note VARCHAR(50), PRIMARY KEY (id, region))");

        TableInfo info = datastore.describe(TableRef.of("orders"));

        assertThat(info.columns()).extracting(ColumnInfo::name).containsExactly("region", "id", "total", "note");
        assertThat(info.column("id").orElseThrow().nullable()).isFalse();
        assertThat(info.column("note").orElseThrow().nullable()).isTrue();
        assertThat(info.column("total").orElseThrow().typeName()).isNotBlank();
        assertThat(info.primaryKey()).containsExactly("id", "region");
        assertThat(datastore.tables(null)).extracting(TableRef::name).contains("orders");
        assertThat(datastore.schemas()).isNotEmpty();
    }

    @Test
    void missingTableIsNotFound() {
        assertThatThrownBy(() -> datastore.describe(TableRef.of("no_such_table")))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("no_such_table");
        assertThatThrownBy(() -> datastore.query("SELECT * FROM no_such_table"))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("no_such_table")
                .hasMessageStartingWith("[" + datastore.name() + "/" + datastore.type() + "]");
    }

    @Test
    void badSqlIsInvalidData() {
        assertThatThrownBy(() -> datastore.execute("CREATE TABLEE oops (id INTEGER)"))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA));
    }

    @Test
    void duplicateKeyIsIntegrity() {
        createTable("CREATE TABLE keyed (id INTEGER PRIMARY KEY)");
        datastore.execute("INSERT INTO keyed VALUES (1)");
        if (!enforcesPrimaryKeys()) {
            datastore.execute("INSERT INTO keyed VALUES (1)");
            assertThat(((Number) datastore
                                    .query("SELECT count(*) AS c FROM keyed WHERE id = 1")
                                    .scalar())
                            .intValue())
                    .as("a database that declares it does not enforce primary keys keeps both rows")
                    .isEqualTo(2);
            return;
        }
        assertThatThrownBy(() -> datastore.execute("INSERT INTO keyed VALUES (1)"))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY));
    }

    @Test
    void threadsShareOneDatastore() throws Exception {
        createTable("CREATE TABLE hits (thread INTEGER, n INTEGER)");
        int perThread = 20;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                calls.add(pool.submit(() -> {
                    for (int n = 0; n < perThread; n++) {
                        datastore.execute("INSERT INTO hits VALUES (?, ?)", thread, n);
                    }
                    return ((Number) datastore
                                    .query("SELECT count(*) AS c FROM hits WHERE thread = ?", thread)
                                    .scalar())
                            .intValue();
                }));
            }
            for (Future<Integer> call : calls) {
                assertThat(call.get(120, TimeUnit.SECONDS)).isEqualTo(perThread);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(((Number) datastore.query("SELECT count(*) AS c FROM hits").scalar()).intValue())
                .isEqualTo(THREADS * perThread);
    }
}
