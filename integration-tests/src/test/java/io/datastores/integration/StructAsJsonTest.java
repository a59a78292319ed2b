package io.datastores.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.TableRef;
import io.datastores.core.Datastores;
import io.datastores.core.TransferResult;
import io.datastores.redis.TestingRedis;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A struct column (a DuckDB STRUCT here; a MongoDB embedded document reads the same way) copied into a
 * store without struct columns arrives as its JSON object, and the plan names the loss beforehand:
 * Redis keeps it as a text field, read back as that text.
 */
class StructAsJsonTest {
    @TempDir
    Path dir;

    @Test
    void aStructCopiedIntoRedisIsItsJsonTextAndThePlanSaysSo() {
        try (TestingRedis redis = TestingRedis.open();
                Datastores datastores = Datastores.fromYaml(
                        "datastores:\n"
                                + "  duck: {type: duckdb, connection: {database: '" + dir.resolve("s.duckdb") + "'}}\n"
                                + "  redis: {type: redis, connection: " + redis.yaml() + "}\n",
                        Map.of())) {
            datastores
                    .get("duck")
                    .execute("CREATE TABLE docs AS SELECT * FROM (VALUES (1, {'name': 'ada', 'age': 36}),"
                            + " (2, {'name': 'alan', 'age': NULL}), (3, NULL)) t(id, doc)");
            TransferResult copied = datastores
                    .copy("duck", TableRef.of("main", "docs"), "redis", TableRef.of("docs"))
                    .key("id")
                    .run();
            assertThat(copied.rows()).isEqualTo(3);
            assertThat(copied.plan().losses()).contains("doc: struct stored as JSON text");
            // Read back as the text it was stored as: copied on into DuckDB, a VARCHAR column of JSON objects.
            datastores
                    .copy("redis", TableRef.of("docs"), "duck", TableRef.of("main", "back"))
                    .run();
            assertThat(datastores
                            .get("duck")
                            .query("SELECT id, doc, typeof(doc) AS type FROM back ORDER BY id")
                            .rows())
                    .extracting(r -> r.get("id") + "|" + r.get("doc") + "|" + r.get("type"))
                    .containsExactly(
                            "1|{\"name\":\"ada\",\"age\":36}|VARCHAR",
                            "2|{\"name\":\"alan\"}|VARCHAR",
                            "3|null|VARCHAR");
        }
    }
}
