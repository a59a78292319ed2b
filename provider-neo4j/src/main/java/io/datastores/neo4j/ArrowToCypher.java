package io.datastores.neo4j;

import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.arrow.JsonVector;
import io.datastores.api.arrow.UuidVector;
import io.datastores.api.bulk.ArrowTimestamps;
import io.datastores.api.bulk.TableCreator.TargetType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.neo4j.driver.Values;

/**
 * Arrow to Neo4j properties: the property type a column becomes and what that loses, and the value
 * of one Arrow cell as the driver sends it. Neo4j has no decimal (a decimal is stored as a 64-bit
 * float, a named loss), no unsigned 64-bit integer (refused), no UUID or JSON type (stored as
 * text); timestamps without zone become LOCAL DATETIME, with zone ZONED DATETIME at UTC; times
 * LOCAL TIME; intervals DURATION; lists of those LISTs. Structs, maps and unions are refused by name.
 */
final class ArrowToCypher {
    static final String DECIMAL_AS_FLOAT = "stored as a 64-bit float";

    private ArrowToCypher() {}

    static Optional<TargetType> columnType(Field field) {
        ArrowType type = field.getType();
        if (CanonicalTypes.isUuid(type)) {
            return Optional.of(new TargetType("STRING", List.of(CanonicalTypes.UUID_AS_TEXT)));
        }
        if (CanonicalTypes.isJson(type)) {
            return Optional.of(new TargetType("STRING", List.of(CanonicalTypes.JSON_AS_TEXT)));
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
                    default -> null;
                });
    }

    private static String timestamp(ArrowType type) {
        return ((ArrowType.Timestamp) type).getTimezone() == null ? "LOCAL DATETIME" : "ZONED DATETIME";
    }

    /** @return the cell as the driver sends it, or {@code null} */
    static Object value(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        if (vector instanceof UuidVector v) {
            return v.getObject(row).toString();
        }
        if (vector instanceof JsonVector v) {
            return v.getObject(row);
        }
        if (vector instanceof BaseIntVector v) {
            return v.getValueAsLong(row);
        }
        if (vector instanceof Float8Vector v) {
            return v.get(row);
        }
        if (vector instanceof Float4Vector v) {
            return (double) v.get(row);
        }
        if (vector instanceof DecimalVector v) {
            return v.getObject(row).doubleValue();
        }
        if (vector instanceof VarCharVector v) {
            return v.getObject(row).toString();
        }
        if (vector instanceof LargeVarCharVector v) {
            return v.getObject(row).toString();
        }
        if (vector instanceof VarBinaryVector v) {
            return v.get(row);
        }
        if (vector instanceof FixedSizeBinaryVector v) {
            return v.get(row);
        }
        if (vector instanceof BitVector v) {
            return v.get(row) == 1;
        }
        if (vector instanceof DateDayVector v) {
            return LocalDate.ofEpochDay(v.get(row));
        }
        if (vector instanceof DateMilliVector v) {
            return LocalDate.ofEpochDay(Math.floorDiv(v.get(row), 86_400_000L));
        }
        if (vector instanceof TimeStampVector v) {
            java.time.Instant instant = ArrowTimestamps.instant(v, row);
            return ArrowTimestamps.zoned(v)
                    ? instant.atZone(ZoneOffset.UTC)
                    : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (vector instanceof TimeSecVector v) {
            return LocalTime.ofSecondOfDay(v.get(row));
        }
        if (vector instanceof TimeMilliVector v) {
            return LocalTime.ofNanoOfDay(v.get(row) * 1_000_000L);
        }
        if (vector instanceof TimeMicroVector v) {
            return LocalTime.ofNanoOfDay(v.get(row) * 1_000L);
        }
        if (vector instanceof TimeNanoVector v) {
            return LocalTime.ofNanoOfDay(v.get(row));
        }
        if (vector instanceof IntervalMonthDayNanoVector v) {
            var holder = new org.apache.arrow.vector.holders.NullableIntervalMonthDayNanoHolder();
            v.get(row, holder);
            return Values.isoDuration(
                            holder.months, holder.days, Math.floorDiv(holder.nanoseconds, 1_000_000_000L), (int)
                                    Math.floorMod(holder.nanoseconds, 1_000_000_000L))
                    .asIsoDuration();
        }
        if (vector instanceof ListVector v) {
            List<Object> values = new ArrayList<>();
            FieldVector elements = v.getDataVector();
            for (int i = v.getElementStartIndex(row); i < v.getElementEndIndex(row); i++) {
                values.add(value(elements, i));
            }
            return values;
        }
        throw new IllegalArgumentException("column '" + vector.getName() + "' of Arrow type "
                + vector.getField().getType() + " has no Neo4j property type");
    }
}
