package io.datastores.neo4j;

import io.datastores.api.arrow.ArrowCells;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.neo4j.driver.Values;
import org.neo4j.driver.types.Point;

/**
 * The Arrow shape of a Neo4j POINT, both ways: {@code Struct<srid: Int32, x: Float64, y: Float64,
 * z: Float64 nullable>}, {@code z} NULL for a 2D point. The SRID alone names the coordinate system
 * and its dimension (7203 cartesian, 4326 WGS-84, 9157 and 4979 their 3D forms), as in Cypher's
 * {@code point({srid: …})}; for WGS-84, {@code x} is the longitude and {@code y} the latitude. A
 * struct whose fields are exactly {@code srid} (an integer) and {@code x}, {@code y} and optionally
 * {@code z} (32- or 64-bit floating point), in any order, is written as a point.
 */
final class PointStruct {
    private static final String SRID = "srid";
    private static final Set<String> PLANE = Set.of(SRID, "x", "y");
    private static final Set<String> SPACE = Set.of(SRID, "x", "y", "z");
    private static final Map<Long, Integer> DIMENSIONS = Map.of(7203L, 2, 4326L, 2, 9157L, 3, 4979L, 3);

    private PointStruct() {}

    /** @return the struct field a POINT property is read as */
    static Field field(String name, boolean nullable) {
        ArrowType real = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        return new Field(
                name,
                nullable
                        ? FieldType.nullable(ArrowType.Struct.INSTANCE)
                        : FieldType.notNullable(ArrowType.Struct.INSTANCE),
                List.of(
                        new Field(SRID, FieldType.notNullable(new ArrowType.Int(32, true)), null),
                        new Field("x", FieldType.notNullable(real), null),
                        new Field("y", FieldType.notNullable(real), null),
                        new Field("z", FieldType.nullable(real), null)));
    }

    /** @return whether a struct column is written as a point (else it is its JSON text) */
    static boolean is(Field field) {
        Set<String> names = field.getChildren().stream().map(Field::getName).collect(Collectors.toSet());
        return field.getType() instanceof ArrowType.Struct
                && names.size() == field.getChildren().size()
                && (names.equals(PLANE) || names.equals(SPACE))
                && field.getChildren().stream()
                        .allMatch(f -> f.getName().equals(SRID)
                                ? f.getType() instanceof ArrowType.Int
                                : f.getType() instanceof ArrowType.FloatingPoint real
                                        && real.getPrecision() != FloatingPointPrecision.HALF);
    }

    /** Reads {@code point} into a struct vector of {@link #field}'s shape. */
    static void set(StructVector vector, int index, Point point) {
        vector.setIndexDefined(index);
        ((IntVector) vector.getChild(SRID)).setSafe(index, point.srid());
        ((Float8Vector) vector.getChild("x")).setSafe(index, point.x());
        ((Float8Vector) vector.getChild("y")).setSafe(index, point.y());
        Float8Vector z = (Float8Vector) vector.getChild("z");
        // The driver gives a 2D point a NaN z: the column says "no z" with NULL.
        if (Double.isNaN(point.z())) {
            z.setNull(index);
        } else {
            z.setSafe(index, point.z());
        }
    }

    /**
     * @return the point the row of a struct column of {@link #is} shape holds
     * @throws IllegalArgumentException naming {@code column}, when Neo4j has no such point
     */
    static Point value(StructVector vector, int row, String column) {
        Number srid = number(vector, SRID, row);
        Number x = number(vector, "x", row);
        Number y = number(vector, "y", row);
        Number z = number(vector, "z", row);
        if (srid == null || x == null || y == null) {
            throw new IllegalArgumentException("Column '" + column + "' holds a point without "
                    + (srid == null ? SRID : x == null ? "x" : "y") + "; a point needs srid, x and y (and z when 3D)");
        }
        Integer dimensions = DIMENSIONS.get(srid.longValue());
        if (dimensions == null) {
            throw new IllegalArgumentException(
                    "Column '" + column + "' holds a point of srid " + srid
                            + ", for which Neo4j has no coordinate system: use 7203 (cartesian) or 4326 (WGS-84) with x and y, 9157 or 4979 with z too");
        }
        if ((z != null) != (dimensions == 3)) {
            throw new IllegalArgumentException("Column '" + column + "' holds a point of srid " + srid + " "
                    + (z == null ? "without z, which that 3D srid needs" : "with z, which that 2D srid has no room for")
                    + "; use srid " + (z == null ? "7203 or 4326" : "9157 or 4979") + ", or set z accordingly");
        }
        return (z == null
                        ? Values.point(srid.intValue(), x.doubleValue(), y.doubleValue())
                        : Values.point(srid.intValue(), x.doubleValue(), y.doubleValue(), z.doubleValue()))
                .asPoint();
    }

    private static Number number(StructVector vector, String child, int row) {
        FieldVector values = vector.getChild(child);
        return values == null ? null : (Number) ArrowCells.value(values, row);
    }
}
