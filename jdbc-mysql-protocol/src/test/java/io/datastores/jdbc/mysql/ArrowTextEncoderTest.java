package io.datastores.jdbc.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.DatastoreException;
import io.datastores.jdbc.TestingBatches;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** The exact text both layouts produce, so a change to the shared encoding shows here first. */
class ArrowTextEncoderTest {
    private static final Schema SHAPE = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(32, true)), null),
            new Field("va\"lue", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

    private static String encode(VectorSchemaRoot root, ArrowTextEncoder.Layout layout, boolean twoDocuments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArrowTextEncoder encoder = new ArrowTextEncoder(null, root.getSchema().getFields(), layout);
        encoder.encode(root, (bytes, length) -> out.write(bytes, 0, length));
        encoder.endDocument((bytes, length) -> out.write(bytes, 0, length));
        if (twoDocuments) {
            encoder.endDocument((bytes, length) -> out.write(bytes, 0, length));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonLayoutIsAnArrayOfObjectsWithEscapedTextAndNulls() {
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = TestingBatches.idValue(
                        allocator, SHAPE, new int[] {1, 2, 3}, "tab\t \"q\" \\ é\u0001", null, "")) {
            assertThat(encode(root, ArrowTextEncoder.Layout.JSON, true))
                    .isEqualTo("[{\"id\":1,\"va\\\"lue\":\"tab\\u0009 \\\"q\\\" \\\\ é\\u0001\"}\n"
                            + ",{\"id\":2,\"va\\\"lue\":null}\n,{\"id\":3,\"va\\\"lue\":\"\"}\n][]");
        }
    }

    @Test
    void loadDataLayoutIsTabSeparatedWithBackslashEscapes() {
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root =
                        TestingBatches.idValue(allocator, SHAPE, new int[] {1, 2}, "tab\t new\nline \\", null)) {
            assertThat(encode(root, ArrowTextEncoder.Layout.LOAD_DATA, false))
                    .isEqualTo("1\ttab\\t new\\nline \\\\\n2\t\\N\n");
        }
    }

    @Test
    void binaryIsRefusedInJson() {
        Schema binary = new Schema(List.of(new Field("b", FieldType.nullable(ArrowType.Binary.INSTANCE), null)));
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(binary, allocator)) {
            ((VarBinaryVector) root.getVector(0)).setSafe(0, new byte[] {1});
            root.setRowCount(1);
            assertThatThrownBy(() -> encode(root, ArrowTextEncoder.Layout.JSON, false))
                    .isInstanceOf(DatastoreException.class)
                    .hasMessageContaining("binary");
        }
    }
}
