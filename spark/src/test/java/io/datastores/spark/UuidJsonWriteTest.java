package io.datastores.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.ColumnInfo;
import io.datastores.api.TableRef;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * UUID and JSON columns written into PostgreSQL {@code uuid}, {@code jsonb} and {@code json} columns.
 * Spark has neither type, so the connector reads them as text (named in the field's metadata) and
 * writes text; PostgreSQL's COPY BINARY encoder turns the text into the target column's type, so into
 * an existing table they land typed and equal; a value that is not a UUID or not JSON fails the write
 * naming the column, and the target keeps none of that job's rows; a table the connector creates gets
 * text columns unless the {@code type} option names the types.
 */
class UuidJsonWriteTest {
    private static final int ROWS = 1_000;
    private static TestingSpark testing;
    private static String quoted;

    @BeforeAll
    static void start() throws Exception {
        testing = new TestingSpark("spark_uuid");
        quoted = "\"" + testing.schema + "\".";
        testing.pg().execute("CREATE TABLE " + quoted + "src (id bigint PRIMARY KEY, ref uuid, doc jsonb, raw json)");
        testing.pg()
                .execute(
                        "INSERT INTO " + quoted + "src SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE md5(g::text)::uuid"
                                + " END, jsonb_build_object('n', g, 'tags', jsonb_build_array('a', g::text), 'π', 3.14),"
                                + " ('{\"keep\":  \"spacing\", \"n\": ' || g || '}')::json FROM generate_series(1, "
                                + ROWS + ") g");
    }

    @AfterAll
    static void stop() throws Exception {
        testing.close();
    }

    private static Dataset<Row> source() {
        return testing.read("pg").option("table", testing.pgTable("src")).load();
    }

    private static long equalRows(String target) {
        return ((Number) testing.pg()
                        .query("SELECT count(*) AS n FROM " + quoted + "src s JOIN " + quoted + target + " t USING (id)"
                                + " WHERE s.ref::text IS NOT DISTINCT FROM t.ref::text AND s.doc = t.doc::jsonb"
                                + " AND s.raw::text = t.raw::text")
                        .rows()
                        .get(0)
                        .get("n"))
                .longValue();
    }

    private static Map<String, String> types(String table) {
        return testing.pg().describe(TableRef.of(testing.schema, table)).columns().stream()
                .collect(Collectors.toMap(ColumnInfo::name, ColumnInfo::typeName));
    }

    @Test
    void intoExistingUuidAndJsonColumnsTheValuesLandTypedAndEqual() {
        testing.pg().execute("CREATE TABLE " + quoted + "typed (id bigint PRIMARY KEY, ref uuid, doc jsonb, raw json)");
        assertThat(source().schema().apply("ref").metadata().getString(SparkColumns.CONVERTED))
                .contains("arrow.uuid");
        testing.write(source().repartition(3), "pg")
                .option("table", testing.pgTable("typed"))
                .mode("append")
                .save();
        assertThat(equalRows("typed")).isEqualTo(ROWS);
        assertThat(types("typed")).containsEntry("ref", "uuid").containsEntry("doc", "jsonb");
    }

    @Test
    void aValueThatIsNotAUuidOrNotJsonFailsTheWriteNamingTheColumn() {
        testing.pg().execute("CREATE TABLE " + quoted + "strict (id bigint, ref uuid, doc jsonb)");
        Dataset<Row> badUuid = testing.spark
                .range(0, 100)
                .selectExpr("id", "CASE WHEN id = 42 THEN 'not-a-uuid' ELSE uuid() END AS ref", "'{}' AS doc");
        assertThatThrownBy(() -> testing.write(badUuid, "pg")
                        .option("table", testing.pgTable("strict"))
                        .mode("append")
                        .save())
                .hasStackTraceContaining("Column 'ref': 'not-a-uuid' is not a UUID (dss_")
                .hasStackTraceContaining("is this task's staging table of the write into " + testing.pgTable("strict"));
        Dataset<Row> badJson = testing.spark
                .range(0, 100)
                .selectExpr("id", "uuid() AS ref", "CASE WHEN id = 7 THEN '{\"open\": ' ELSE '{}' END AS doc");
        assertThatThrownBy(() -> testing.write(badJson, "pg")
                        .option("table", testing.pgTable("strict"))
                        .mode("append")
                        .save())
                .hasStackTraceContaining("invalid input syntax for type json")
                .hasStackTraceContaining("column doc")
                .hasStackTraceContaining("is this task's staging table of the write into " + testing.pgTable("strict"));
        assertThat(testing.read("pg")
                        .option("table", testing.pgTable("strict"))
                        .load()
                        .count())
                .isZero();
    }

    @Test
    void aCreatedTargetGetsTextUnlessTheTypeOptionNamesTheTypes() {
        testing.write(source(), "pg")
                .option("table", testing.pgTable("as_text"))
                .mode("append")
                .save();
        assertThat(types("as_text")).containsEntry("ref", "text").containsEntry("doc", "text");
        assertThat(equalRows("as_text")).isEqualTo(ROWS);
        testing.write(source(), "pg")
                .option("table", testing.pgTable("as_typed"))
                .option("type", "ref=uuid;doc=jsonb;raw=json")
                .mode("append")
                .save();
        assertThat(types("as_typed")).containsEntry("ref", "uuid").containsEntry("doc", "jsonb");
        assertThat(equalRows("as_typed")).isEqualTo(ROWS);
    }
}
