package io.datastores.integration;

import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.arrow.JsonVector;
import io.datastores.api.arrow.UuidVector;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The zoo of types beyond the primitive ones: UUIDs, JSON documents, lists of integers and of texts
 * (with NULL elements and empty lists) and intervals (negative, sub-second, months and days apart).
 * Row 0 is all NULL; column {@code id} is the key.
 */
final class TestingTypesZoo {
    static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(32, true)), null),
            new Field("ref", FieldType.nullable(CanonicalTypes.UUID), null),
            new Field("doc", FieldType.nullable(CanonicalTypes.JSON), null),
            CanonicalTypes.list("ints", new ArrowType.Int(32, true)),
            CanonicalTypes.list("texts", ArrowType.Utf8.INSTANCE),
            new Field("span", FieldType.nullable(CanonicalTypes.INTERVAL), null)));

    private TestingTypesZoo() {}

    /**
     * @param allocator where the batch lives
     * @param unused the primitive zoo's float-specials switch, which has no meaning here
     * @return the zoo; the caller closes it
     */
    static VectorSchemaRoot create(BufferAllocator allocator, boolean unused) {
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        root.allocateNew();
        ((IntVector) root.getVector("id")).setSafe(0, 0);
        set(
                root,
                1,
                "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                "{\"b\": 1, \"a\": [true, null, 2.5], \"s\": \"é 😀 \\\"q\\\"\"}",
                new Integer[] {1, 2, 3},
                new String[] {"x", null, "", "quote \" and , comma"},
                14,
                3,
                14_706_000_007_000L);
        set(root, 2, "00000000-0000-0000-0000-000000000000", "[]", new Integer[0], new String[0], 0, -3, -1_000L);
        set(
                root,
                3,
                "ffffffff-ffff-ffff-ffff-ffffffffffff",
                "\"text\"",
                new Integer[] {null, Integer.MIN_VALUE, Integer.MAX_VALUE},
                new String[] {null},
                0,
                0,
                0L);
        root.setRowCount(4);
        return root;
    }

    private static void set(
            VectorSchemaRoot root,
            int row,
            String uuid,
            String json,
            Integer[] ints,
            String[] texts,
            int months,
            int days,
            long nanos) {
        ((IntVector) root.getVector("id")).setSafe(row, row);
        ((UuidVector) root.getVector("ref")).setSafe(row, UUID.fromString(uuid));
        ((JsonVector) root.getVector("doc")).setSafe(row, json);
        ListVector intList = (ListVector) root.getVector("ints");
        int first = intList.startNewValue(row);
        IntVector intElements = (IntVector) intList.getDataVector();
        for (int i = 0; i < ints.length; i++) {
            if (ints[i] == null) {
                intElements.setNull(first + i);
            } else {
                intElements.setSafe(first + i, ints[i]);
            }
        }
        intList.endValue(row, ints.length);
        ListVector textList = (ListVector) root.getVector("texts");
        first = textList.startNewValue(row);
        VarCharVector textElements = (VarCharVector) textList.getDataVector();
        for (int i = 0; i < texts.length; i++) {
            if (texts[i] == null) {
                textElements.setNull(first + i);
            } else {
                textElements.setSafe(first + i, texts[i].getBytes(StandardCharsets.UTF_8));
            }
        }
        textList.endValue(row, texts.length);
        ((IntervalMonthDayNanoVector) root.getVector("span")).setSafe(row, months, days, nanos);
    }

    /** @return the field's type and its children's, names left out (every store names list elements its own way) */
    static List<Object> shape(Field field) {
        return Arrays.asList(
                field.getType(),
                field.getChildren().stream().map(TestingTypesZoo::shape).toList());
    }
}
