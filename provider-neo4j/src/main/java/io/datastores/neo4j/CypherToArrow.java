package io.datastores.neo4j;

import io.datastores.api.arrow.CanonicalTypes;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.time.ZoneOffset;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.IsoDuration;
import org.neo4j.driver.types.Type;
import org.neo4j.driver.types.TypeSystem;

/**
 * Neo4j property values to Arrow: the Arrow type a property's values are read as, and the copy of
 * one value into its vector. INTEGER is {@code Int64}, FLOAT {@code Float64}, STRING {@code Utf8},
 * BOOLEAN {@code Bool}, BYTES {@code Binary}, DATE {@code Date(DAY)}, LOCAL DATETIME
 * {@code Timestamp(µs)}, ZONED DATETIME {@code Timestamp(µs, UTC)} (the zone itself is not kept,
 * the instant is), LOCAL TIME {@code Time(µs)}, DURATION {@code Interval(MONTH_DAY_NANO)}
 * (seconds folded into nanoseconds); nanoseconds are truncated to microseconds. A POINT is a
 * {@link PointStruct} and a LIST an Arrow List of its elements, chosen by {@link SampledType};
 * maps, zoned times and a property holding values of several types are read as their text, a loss
 * the describe names in the column's type.
 */
final class CypherToArrow {
    private static final TypeSystem TYPES = TypeSystem.getDefault();

    private CypherToArrow() {}

    /** @return the Arrow type of a scalar property type; {@code Utf8} for one Arrow has no exact form for */
    static ArrowType arrowType(Type type) {
        if (type.equals(TYPES.INTEGER())) {
            return new ArrowType.Int(64, true);
        } else if (type.equals(TYPES.FLOAT())) {
            return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        } else if (type.equals(TYPES.BOOLEAN())) {
            return ArrowType.Bool.INSTANCE;
        } else if (type.equals(TYPES.BYTES())) {
            return ArrowType.Binary.INSTANCE;
        } else if (type.equals(TYPES.DATE())) {
            return new ArrowType.Date(DateUnit.DAY);
        } else if (type.equals(TYPES.LOCAL_DATE_TIME())) {
            return new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
        } else if (type.equals(TYPES.DATE_TIME())) {
            return new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
        } else if (type.equals(TYPES.LOCAL_TIME())) {
            return new ArrowType.Time(TimeUnit.MICROSECOND, 64);
        } else if (type.equals(TYPES.DURATION())) {
            return CanonicalTypes.INTERVAL;
        }
        return ArrowType.Utf8.INSTANCE;
    }

    static int jdbcType(ArrowType type) {
        return switch (type.getTypeID()) {
            case Int -> Types.BIGINT;
            case FloatingPoint -> Types.DOUBLE;
            case Bool -> Types.BOOLEAN;
            case Binary -> Types.VARBINARY;
            case Date -> Types.DATE;
            case Time -> Types.TIME;
            case Timestamp ->
                ((ArrowType.Timestamp) type).getTimezone() == null ? Types.TIMESTAMP : Types.TIMESTAMP_WITH_TIMEZONE;
            case Utf8 -> Types.VARCHAR;
            case List -> Types.ARRAY;
            case Struct -> Types.STRUCT;
            default -> Types.OTHER;
        };
    }

    /** Copies {@code value} into {@code vector} at {@code index}; a missing property is NULL. */
    static void set(FieldVector vector, int index, Value value) {
        if (value == null || value.isNull()) {
            vector.setNull(index);
            if (vector instanceof StructVector point) {
                // Its fields too, so a NULL point reads the same whichever batch its vector held before.
                point.getChildrenFromFields().forEach(child -> child.setNull(index));
            }
        } else if (vector instanceof ListVector v) {
            int start = v.startNewValue(index);
            int size = 0;
            for (Value element : value.values()) {
                set(v.getDataVector(), start + size++, element);
            }
            v.endValue(index, size);
        } else if (vector instanceof StructVector v) {
            PointStruct.set(v, index, value.asPoint());
        } else if (vector instanceof VarCharVector v) {
            v.setSafe(index, text(value).getBytes(StandardCharsets.UTF_8));
        } else if (vector instanceof BigIntVector v) {
            v.setSafe(index, value.asLong());
        } else if (vector instanceof Float8Vector v) {
            v.setSafe(index, value.asDouble());
        } else if (vector instanceof BitVector v) {
            v.setSafe(index, value.asBoolean() ? 1 : 0);
        } else if (vector instanceof VarBinaryVector v) {
            v.setSafe(index, value.asByteArray());
        } else if (vector instanceof DateDayVector v) {
            v.setSafe(index, (int) value.asLocalDate().toEpochDay());
        } else if (vector instanceof TimeStampVector v) {
            java.time.Instant instant = value.type().equals(TYPES.DATE_TIME())
                    ? value.asZonedDateTime().toInstant()
                    : value.asLocalDateTime().toInstant(ZoneOffset.UTC);
            // Not ChronoUnit.MICROS.between: it goes through nanoseconds, which overflow 292 years from the epoch.
            v.setSafe(
                    index,
                    Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000));
        } else if (vector instanceof TimeMicroVector v) {
            v.setSafe(index, value.asLocalTime().toNanoOfDay() / 1_000);
        } else if (vector instanceof IntervalMonthDayNanoVector v) {
            IsoDuration duration = value.asIsoDuration();
            v.setSafe(
                    index,
                    (int) duration.months(),
                    (int) duration.days(),
                    duration.seconds() * 1_000_000_000L + duration.nanoseconds());
        } else {
            throw new IllegalStateException("no reader for " + vector.getField());
        }
    }

    private static String text(Value value) {
        return value.type().equals(TYPES.STRING()) ? value.asString() : value.toString();
    }
}
