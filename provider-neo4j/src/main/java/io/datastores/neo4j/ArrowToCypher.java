package io.datastores.neo4j;

import io.datastores.api.arrow.ArrowCells;
import io.datastores.api.arrow.ArrowText;
import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.bulk.ArrowTimestamps;
import io.datastores.api.bulk.TableCreator.TargetType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.PeriodDuration;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.neo4j.driver.Values;

/**
 * Arrow to Neo4j properties: the property type a column becomes and what that loses, and the value
 * of one Arrow cell as the driver sends it. Neo4j has no decimal (a decimal is stored as a 64-bit
 * float, a named loss), no unsigned 64-bit integer (refused), no UUID or JSON type (stored as
 * text); timestamps without zone become LOCAL DATETIME, with zone ZONED DATETIME at UTC; times
 * LOCAL TIME; intervals DURATION; lists of those LISTs (without NULL elements, which a property cannot hold); a
 * struct of {@link PointStruct}'s shape a POINT, other structs their JSON text. Maps and unions are refused by name.
 */
final class ArrowToCypher {
    static final String DECIMAL_AS_FLOAT = "stored as a 64-bit float";

    private ArrowToCypher() {}

    static Optional<TargetType> columnType(Field field) {
        ArrowType type = field.getType();
        Optional<TargetType> canonical = TargetType.canonical(type, null, null, "STRING");
        if (canonical.isPresent()) {
            return canonical;
        }
        return Optional.ofNullable(
                switch (type.getTypeID()) {
                    case Int ->
                        ((ArrowType.Int) type).getBitWidth() == 64 && !((ArrowType.Int) type).getIsSigned()
                                ? null
                                : TargetType.exact("INTEGER");
                    case FloatingPoint -> TargetType.exact("FLOAT");
                    case Decimal -> new TargetType("FLOAT", List.of(DECIMAL_AS_FLOAT));
                    case Utf8, LargeUtf8 -> TargetType.exact("STRING");
                    case Binary, LargeBinary, FixedSizeBinary -> TargetType.exact("BYTES");
                    case Bool -> TargetType.exact("BOOLEAN");
                    case Date -> TargetType.exact("DATE");
                    case Time -> TargetType.exact("LOCAL TIME");
                    case Timestamp ->
                        ((ArrowType.Timestamp) type).getUnit() == TimeUnit.NANOSECOND
                                ? new TargetType(timestamp(type), List.of("nanoseconds read back as microseconds"))
                                : TargetType.exact(timestamp(type));
                    case Interval -> type.equals(CanonicalTypes.INTERVAL) ? TargetType.exact("DURATION") : null;
                    case List ->
                        field.getChildren().isEmpty()
                                ? null
                                : columnType(field.getChildren().get(0))
                                        .map(element -> new TargetType("LIST<" + element.ddl() + ">", element.losses()))
                                        .orElse(null);
                    // A property holds no map: a struct (a MongoDB document, say) is kept as its JSON text.
                    case Struct ->
                        PointStruct.is(field)
                                ? TargetType.exact("POINT")
                                : new TargetType("STRING", List.of(CanonicalTypes.STRUCT_AS_JSON));
                    default -> null;
                });
    }

    private static String timestamp(ArrowType type) {
        return ((ArrowType.Timestamp) type).getTimezone() == null ? "LOCAL DATETIME" : "ZONED DATETIME";
    }

    /**
     * @return the cell as the driver sends it, or {@code null}
     * @throws IllegalArgumentException naming the column, for a value Neo4j cannot store (a NULL in a list, a
     *     point of no coordinate system it has)
     */
    static Object value(FieldVector vector, int row) {
        return value(vector, row, vector.getName());
    }

    private static Object value(FieldVector vector, int row, String column) {
        if (vector instanceof ListVector list && !list.isNull(row)) {
            // Each element as its own vector's value, so a list of zone-less timestamps stays zone-less.
            FieldVector elements = list.getDataVector();
            List<Object> values = new ArrayList<>();
            for (int i = list.getElementStartIndex(row); i < list.getElementEndIndex(row); i++) {
                if (elements.isNull(i)) {
                    throw new IllegalArgumentException("Column '" + column + "' holds a list with a NULL element, which"
                            + " Neo4j cannot store in a property; drop the NULLs in the source query, or cast the"
                            + " column to text");
                }
                values.add(value(elements, i, column));
            }
            return values;
        }
        if (vector instanceof StructVector struct && !vector.isNull(row)) {
            return PointStruct.is(vector.getField())
                    ? PointStruct.value(struct, row, column)
                    : ArrowText.of(vector, row);
        }
        Object value = ArrowCells.value(vector, row);
        if (value instanceof UUID uuid) {
            return uuid.toString();
        }
        if (value instanceof BigInteger unsigned) {
            return unsigned.longValueExact();
        }
        if (value instanceof Float real) {
            return real.doubleValue();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        if (value instanceof Instant instant && vector instanceof TimeStampVector timestamps) {
            return ArrowTimestamps.zoned(timestamps)
                    ? instant.atZone(ZoneOffset.UTC)
                    : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (value instanceof PeriodDuration interval) {
            Duration time = interval.getDuration();
            return Values.isoDuration(
                            interval.getPeriod().toTotalMonths(),
                            interval.getPeriod().getDays(),
                            time.getSeconds(),
                            time.getNano())
                    .asIsoDuration();
        }
        return value;
    }
}
