package io.datastores.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.core.Datastores;
import io.datastores.core.TransferPlan;
import io.datastores.core.TransferResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * UUID, JSON, array and interval columns travel PostgreSQL → DuckDB → PostgreSQL as those types,
 * not as text: the created columns have the native types, DuckDB can query them without casts,
 * and every value comes back as it left.
 */
class TypesTravelTest {
    private static final String COLUMNS = "id, u, j, jb, ai, tx, iv, ts";

    private TestingPgAndDuck stores;
    private Datastores datastores;
    private Datastore pg;
    private Datastore duck;
    private String schema;

    @BeforeEach
    void setUp() throws Exception {
        stores = new TestingPgAndDuck("types");
        datastores = stores.datastores;
        schema = stores.schema;
        pg = datastores.get("pg");
        duck = datastores.get("duck");
        pg.execute("CREATE TABLE \"" + schema + "\".t (id int PRIMARY KEY, u uuid, j json, jb jsonb, ai int[], "
                + "tx text[], iv interval, ts timestamptz[])");
        pg.execute("INSERT INTO \"" + schema + "\".t VALUES "
                + "(1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"b\": 1,  \"a\": [true, null]}', '{\"a\": \"é 😀\"}', "
                + "'{1,2,3}', '{\"x\",NULL,\"\",\"quote \\\" and , comma\"}', '1 year 2 mons 3 days 04:05:06.000007', "
                + "'{\"2024-01-01 00:00:00.000001+00\"}'), "
                + "(2, '00000000-0000-0000-0000-000000000000', '[]', 'null', '{}', '{}', '-3 days -00:00:00.000001', '{}'), "
                + "(3, 'ffffffff-ffff-ffff-ffff-ffffffffffff', '\"text\"', '{}', '{NULL,-2147483648,2147483647}', "
                + "'{NULL}', '0', '{NULL}'), "
                + "(4, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
    }

    @AfterEach
    void tearDown() throws Exception {
        stores.close();
    }

    @Test
    void postgresToDuckDbAndBackKeepsTypesAndValues() {
        TransferResult there = datastores
                .copy("pg", TableRef.of(schema, "t"), "duck", TableRef.of("main", "t"))
                .run();
        assertThat(there.plan().losses())
                .as("only jsonb's name is lost on the way")
                .containsExactly("jb: jsonb stored as JSON: its text is kept, a copy back creates json");
        assertThat(columnTypes(there.plan()))
                .containsExactly(
                        Map.entry("id", "INTEGER"),
                        Map.entry("u", "UUID"),
                        Map.entry("j", "JSON"),
                        Map.entry("jb", "JSON"),
                        Map.entry("ai", "INTEGER[]"),
                        Map.entry("tx", "VARCHAR[]"),
                        Map.entry("iv", "INTERVAL"),
                        Map.entry("ts", "TIMESTAMPTZ[]"));
        assertThat(duck
                        .query("SELECT data_type FROM information_schema.columns WHERE table_name = 't' ORDER BY "
                                + "ordinal_position")
                        .rows()
                        .stream()
                        .map(r -> r.values().iterator().next())
                        .toList())
                .containsExactly(
                        "INTEGER",
                        "UUID",
                        "JSON",
                        "JSON",
                        "INTEGER[]",
                        "VARCHAR[]",
                        "INTERVAL",
                        "TIMESTAMP WITH TIME ZONE[]");
        assertThat(duck.query("SELECT id FROM t WHERE list_contains(ai, 2) AND j->>'b' = '1' AND jb->>'a' = 'é 😀' "
                                + "AND u = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' AND iv = INTERVAL '14 months 3 days 4 hours 5 minutes "
                                + "6.000007 seconds' AND tx[2] IS NULL")
                        .scalar())
                .isEqualTo(1);

        TransferResult back = datastores
                .copy("duck", TableRef.of("main", "t"), "pg", TableRef.of(schema, "back"))
                .run();
        assertThat(back.plan().losses()).isEmpty();
        assertThat(pg.query(
                                "SELECT string_agg(format_type(atttypid, atttypmod), ', ' ORDER BY attnum) FROM pg_attribute "
                                        + "WHERE attrelid = '\"" + schema + "\".back'::regclass AND attnum > 0")
                        .scalar())
                .isEqualTo("integer, uuid, json, json, integer[], text[], interval, timestamp with time zone[]");
        assertThat(rows("back")).isEqualTo(rows("t"));
    }

    @Test
    void aMultiDimensionalArrayFailsLoudlyInsteadOfChangingShape() {
        pg.execute("INSERT INTO \"" + schema + "\".t (id, ai) VALUES (5, '{{1,2},{3,4}}')");

        assertThatThrownBy(() -> datastores
                        .copy("pg", TableRef.of(schema, "t"), "duck", TableRef.of("main", "t"))
                        .run())
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                .hasMessageContaining("Column 'ai' holds a 2-dimensional array");
    }

    @Test
    void aQueryReadAsTextNamesWhatItLoses() {
        // A bound parameter sends the read through a JDBC result set, where these types are text.
        TransferPlan plan = datastores
                .copyQuery(
                        "pg",
                        "SELECT id, u, iv FROM \"" + schema + "\".t WHERE id > ?",
                        List.of(0),
                        "duck",
                        TableRef.of("main", "q"))
                .plan();

        assertThat(plan.losses()).containsExactly("u: uuid arrives as text", "iv: interval arrives as text");
    }

    private static Map<String, String> columnTypes(TransferPlan plan) {
        Map<String, String> types = new LinkedHashMap<>();
        plan.columns().forEach(c -> types.put(c.name(), c.targetType()));
        return types;
    }

    /** Every value as PostgreSQL prints it (json as its text, jsonb normalised), row by row. */
    private List<String> rows(String table) {
        return pg
                .query("SELECT concat_ws(' | ', " + COLUMNS.replace("jb", "jb::text") + ") FROM \"" + schema + "\"."
                        + table + " ORDER BY id")
                .rows()
                .stream()
                .map(r -> String.valueOf(r.values().iterator().next()))
                .collect(Collectors.toList());
    }
}
