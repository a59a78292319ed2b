package io.datastores.cassandra;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An Arrow batch with a Struct column for {@link CassandraStructTablesTest}, built with Arrow's own
 * vectors, in the shape the provider reads a UDT back as (every field nullable, collection elements not).
 */
final class CassandraStructBatches {
    static final ArrowType INT = new ArrowType.Int(32, true);
    static final ArrowType TEXT = ArrowType.Utf8.INSTANCE;
    static final ArrowType DOUBLE = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

    /**
     * {@code home}: a street, a {@code Zip Code} (a name that needs quotes), a list of tags, a map of
     * rooms and a nested struct {@code geo}.
     */
    static final Field HOME = struct(
            "home",
            leaf("street", TEXT, true),
            leaf("Zip Code", INT, true),
            new Field("tags", FieldType.nullable(ArrowType.List.INSTANCE), List.of(leaf("item", TEXT, false))),
            new Field(
                    "rooms",
                    FieldType.nullable(new ArrowType.Map(false)),
                    List.of(new Field(
                            "entries",
                            FieldType.notNullable(ArrowType.Struct.INSTANCE),
                            List.of(leaf("key", TEXT, false), leaf("value", INT, false))))),
            struct("geo", leaf("lat", DOUBLE, true), leaf("lon", DOUBLE, true)));

    private CassandraStructBatches() {}

    /**
     * Row 1 has a value everywhere; row 2 a NULL {@code home}; row 3 NULL fields, NULL collections and
     * a NULL {@code geo}; row 4 empty collections and a NULL field inside {@code geo}.
     */
    static VectorSchemaRoot homes(BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(
                new Schema(List.of(leaf("id", new ArrowType.Int(64, true), false), HOME)), allocator);
        root.allocateNew();
        BigIntVector id = (BigIntVector) root.getVector("id");
        StructVector home = (StructVector) root.getVector("home");
        VarCharVector street = (VarCharVector) home.getChild("street");
        IntVector zip = (IntVector) home.getChild("Zip Code");
        ListVector tags = (ListVector) home.getChild("tags");
        MapVector rooms = (MapVector) home.getChild("rooms");
        StructVector geo = (StructVector) home.getChild("geo");
        Float8Vector lat = (Float8Vector) geo.getChild("lat");
        Float8Vector lon = (Float8Vector) geo.getChild("lon");
        for (int row = 0; row < 4; row++) {
            id.setSafe(row, row + 1);
        }

        home.setIndexDefined(0);
        text(street, 0, "Main St");
        zip.setSafe(0, 12345);
        strings(tags, 0, "garden", "old");
        int at = rooms.startNewValue(0);
        StructVector entries = (StructVector) rooms.getDataVector();
        for (int i = 0; i < 2; i++) {
            entries.setIndexDefined(at + i);
            text((VarCharVector) entries.getChild("key"), at + i, i == 0 ? "hall" : "kitchen");
            ((IntVector) entries.getChild("value")).setSafe(at + i, i + 1);
        }
        rooms.endValue(0, 2);
        geo.setIndexDefined(0);
        lat.setSafe(0, 52.52);
        lon.setSafe(0, 13.405);

        home.setNull(1);

        home.setIndexDefined(2);
        street.setNull(2);
        zip.setSafe(2, 7);
        tags.setNull(2);
        rooms.setNull(2);
        geo.setNull(2);

        home.setIndexDefined(3);
        text(street, 3, "Elm");
        zip.setNull(3);
        strings(tags, 3);
        rooms.startNewValue(3);
        rooms.endValue(3, 0);
        geo.setIndexDefined(3);
        lat.setNull(3);
        lon.setSafe(3, -0.5);

        root.setRowCount(4);
        return root;
    }

    static Field struct(String name, Field... fields) {
        return new Field(name, FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(fields));
    }

    static Field leaf(String name, ArrowType type, boolean nullable) {
        return new Field(name, nullable ? FieldType.nullable(type) : FieldType.notNullable(type), null);
    }

    private static void strings(ListVector list, int row, String... values) {
        int at = list.startNewValue(row);
        for (int i = 0; i < values.length; i++) {
            text((VarCharVector) list.getDataVector(), at + i, values[i]);
        }
        list.endValue(row, values.length);
    }

    private static void text(VarCharVector vector, int index, String value) {
        vector.setSafe(index, value.getBytes(StandardCharsets.UTF_8));
    }
}
