package io.datastores.cassandra;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Arrow batches with List, Map and Struct columns for {@link CassandraCollectionsTest}, built with Arrow's own vectors. */
final class CassandraCollectionBatches {
    private static final ArrowType INT = new ArrowType.Int(32, true);
    private static final ArrowType LONG = new ArrowType.Int(64, true);
    private static final ArrowType TEXT = ArrowType.Utf8.INSTANCE;

    private CassandraCollectionBatches() {}

    /** Row {@code id 10} with a value in every column, row {@code id 11} NULL in all but the key. */
    static VectorSchemaRoot things(BufferAllocator allocator) {
        Schema schema = new Schema(List.of(
                new Field("id", FieldType.notNullable(LONG), null),
                list("nums", leaf("item", INT, false)),
                list("names", leaf("item", TEXT, false)),
                new Field(
                        "scores",
                        FieldType.nullable(new ArrowType.Map(false)),
                        List.of(new Field(
                                "entries",
                                FieldType.notNullable(ArrowType.Struct.INSTANCE),
                                List.of(
                                        leaf("key", TEXT, false),
                                        leaf(
                                                "value",
                                                new ArrowType.FloatingPoint(
                                                        org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE),
                                                false))))),
                new Field(
                        "home",
                        FieldType.nullable(ArrowType.Struct.INSTANCE),
                        List.of(
                                leaf("street", TEXT, true),
                                leaf("zip", INT, true),
                                list("tags", leaf("item", TEXT, false)))),
                list("grid", list("item", leaf("item", LONG, false))),
                new Field(
                        "point",
                        FieldType.nullable(ArrowType.Struct.INSTANCE),
                        List.of(leaf("_1", INT, true), leaf("_2", TEXT, true))),
                list("amounts", leaf("item", new ArrowType.Decimal(4, 2, 128), false))));
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        root.allocateNew();
        ((BigIntVector) root.getVector("id")).setSafe(0, 10);
        ((BigIntVector) root.getVector("id")).setSafe(1, 11);

        ListVector nums = (ListVector) root.getVector("nums");
        int at = nums.startNewValue(0);
        IntVector numbers = (IntVector) nums.getDataVector();
        numbers.setSafe(at, 5);
        numbers.setSafe(at + 1, -1);
        numbers.setSafe(at + 2, 5);
        nums.endValue(0, 3);

        ListVector names = (ListVector) root.getVector("names");
        at = names.startNewValue(0);
        text((VarCharVector) names.getDataVector(), at, "q");
        text((VarCharVector) names.getDataVector(), at + 1, "p");
        names.endValue(0, 2);

        MapVector scores = (MapVector) root.getVector("scores");
        at = scores.startNewValue(0);
        StructVector entries = (StructVector) scores.getDataVector();
        entries.setIndexDefined(at);
        text((VarCharVector) entries.getChild("key"), at, "k");
        ((Float8Vector) entries.getChild("value")).setSafe(at, 0.25);
        scores.endValue(0, 1);

        StructVector home = (StructVector) root.getVector("home");
        home.setIndexDefined(0);
        text((VarCharVector) home.getChild("street"), 0, "Elm");
        ((IntVector) home.getChild("zip")).setNull(0);
        ListVector tags = (ListVector) home.getChild("tags");
        at = tags.startNewValue(0);
        text((VarCharVector) tags.getDataVector(), at, "t1");
        tags.endValue(0, 1);

        ListVector grid = (ListVector) root.getVector("grid");
        ListVector rows = (ListVector) grid.getDataVector();
        BigIntVector cells = (BigIntVector) rows.getDataVector();
        at = grid.startNewValue(0);
        int cell = rows.startNewValue(at);
        cells.setSafe(cell, 9);
        rows.endValue(at, 1);
        cell = rows.startNewValue(at + 1);
        cells.setSafe(cell, 8);
        cells.setSafe(cell + 1, 7);
        rows.endValue(at + 1, 2);
        grid.endValue(0, 2);

        StructVector point = (StructVector) root.getVector("point");
        point.setIndexDefined(0);
        ((IntVector) point.getChild("_1")).setSafe(0, -4);
        text((VarCharVector) point.getChild("_2"), 0, "minus four");

        ListVector amounts = (ListVector) root.getVector("amounts");
        at = amounts.startNewValue(0);
        ((DecimalVector) amounts.getDataVector()).setSafe(at, new BigDecimal("12.30"));
        amounts.endValue(0, 1);

        for (String column : List.of("nums", "names", "scores", "home", "grid", "point", "amounts")) {
            root.getVector(column).setNull(1);
        }
        root.setRowCount(2);
        return root;
    }

    /** Row {@code id 12} whose {@code nums} list holds a NULL, which no CQL collection can. */
    static VectorSchemaRoot nullElement(BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(
                new Schema(List.of(
                        new Field("id", FieldType.notNullable(LONG), null), list("nums", leaf("item", INT, true)))),
                allocator);
        root.allocateNew();
        ((BigIntVector) root.getVector("id")).setSafe(0, 12);
        ListVector nums = (ListVector) root.getVector("nums");
        int at = nums.startNewValue(0);
        ((IntVector) nums.getDataVector()).setSafe(at, 1);
        ((IntVector) nums.getDataVector()).setNull(at + 1);
        nums.endValue(0, 2);
        root.setRowCount(1);
        return root;
    }

    private static Field leaf(String name, ArrowType type, boolean nullable) {
        return new Field(name, nullable ? FieldType.nullable(type) : FieldType.notNullable(type), null);
    }

    private static Field list(String name, Field element) {
        return new Field(name, FieldType.nullable(ArrowType.List.INSTANCE), List.of(element));
    }

    private static void text(VarCharVector vector, int index, String value) {
        vector.setSafe(index, value.getBytes(StandardCharsets.UTF_8));
    }
}
