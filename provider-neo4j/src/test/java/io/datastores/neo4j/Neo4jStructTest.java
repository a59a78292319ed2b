package io.datastores.neo4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.tck.TckReaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A struct column (a MongoDB document, say) written into a label: a property holds no map, so it is its JSON text. */
class Neo4jStructTest {
    private static final Field DOC = new Field(
            "doc",
            FieldType.nullable(ArrowType.Struct.INSTANCE),
            List.of(
                    new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
                    new Field("age", FieldType.nullable(new ArrowType.Int(64, true)), null)));
    private static final Schema SCHEMA =
            new Schema(List.of(new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null), DOC));

    @AfterEach
    void clean() {
        TestingNeo4j.clean();
    }

    @Test
    void aStructIsWrittenAsItsJsonTextWithTheLossNamed() throws Exception {
        try (Datastore neo4j = TestingNeo4j.open(TestingNeo4j.config("neo4j_struct", Map.of()));
                BufferAllocator allocator = new RootAllocator();
                ArrowReader source = TckReaders.of(allocator, SCHEMA, (root, index) -> index > 0 ? 0 : fill(root))) {
            assertThat(neo4j.feature(io.datastores.api.bulk.TableCreator.class)
                            .orElseThrow()
                            .columnType(DOC))
                    .hasValueSatisfying(type -> {
                        assertThat(type.ddl()).isEqualTo("STRING");
                        assertThat(type.losses()).containsExactly(CanonicalTypes.STRUCT_AS_JSON);
                    });
            neo4j.bulkWriter()
                    .write(new WriteRequest(TableRef.of("nodes", "Doc"), WriteMode.APPEND, List.of()), source);
            assertThat(neo4j.query("MATCH (d:Doc) RETURN d.id AS id, d.doc AS doc ORDER BY id")
                            .rows())
                    .extracting(r -> r.get("id") + "|" + r.get("doc"))
                    .containsExactly("1|{\"name\":\"ada\",\"age\":36}", "2|{\"name\":\"alan\"}", "3|null");
        }
    }

    private static int fill(org.apache.arrow.vector.VectorSchemaRoot root) {
        BigIntVector id = (BigIntVector) root.getVector("id");
        StructVector doc = (StructVector) root.getVector("doc");
        VarCharVector name = (VarCharVector) doc.getChild("name");
        BigIntVector age = (BigIntVector) doc.getChild("age");
        for (int i = 0; i < 3; i++) {
            id.setSafe(i, i + 1);
        }
        doc.setIndexDefined(0);
        name.setSafe(0, "ada".getBytes(StandardCharsets.UTF_8));
        age.setSafe(0, 36);
        doc.setIndexDefined(1);
        name.setSafe(1, "alan".getBytes(StandardCharsets.UTF_8));
        age.setNull(1);
        doc.setNull(2);
        name.setNull(2);
        age.setNull(2);
        return 3;
    }
}
