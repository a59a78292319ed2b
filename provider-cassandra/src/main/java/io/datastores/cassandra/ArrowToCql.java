package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.data.CqlDuration;
import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.arrow.JsonVector;
import io.datastores.api.arrow.UuidVector;
import io.datastores.api.bulk.ArrowTimestamps;
import io.datastores.api.bulk.TableCreator.TargetType;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalTime;
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
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Arrow to CQL: the CQL type a new table gives each Arrow type, what that loses, what the table's
 * comment records to read the same Arrow type back ({@link CassandraSchema}), and the Java value of
 * one Arrow cell for {@link CqlValues}. Unsigned integers widen to the next signed type
 * ({@code uint64} to {@code varint}); timestamps finer than milliseconds are truncated (a named
 * loss); a timestamp without zone is stored as that wall clock in UTC; JSON is stored as text.
 * Lists, maps, structs and unions have no mapping yet and are refused by name.
 */
final class ArrowToCql {
    static final String MILLISECONDS = "timestamp precision finer than milliseconds is truncated to milliseconds";

    private ArrowToCql() {}

    static Optional<TargetType> columnType(Field field) {
        ArrowType type = field.getType();
        if (CanonicalTypes.isUuid(type)) {
            return Optional.of(TargetType.exact("uuid"));
        }
        if (CanonicalTypes.isJson(type)) {
            return Optional.of(new TargetType("text", List.of(CanonicalTypes.JSON_AS_TEXT)));
        }
        return Optional.ofNullable(
                switch (type.getTypeID()) {
                    case Int -> TargetType.exact(integer((ArrowType.Int) type));
                    case FloatingPoint ->
                        switch (((ArrowType.FloatingPoint) type).getPrecision()) {
                            case HALF, SINGLE -> TargetType.exact("float");
                            case DOUBLE -> TargetType.exact("double");
                        };
                    case Decimal -> TargetType.exact("decimal");
                    case Utf8, LargeUtf8 -> TargetType.exact("text");
                    case Binary, LargeBinary, FixedSizeBinary -> TargetType.exact("blob");
                    case Bool -> TargetType.exact("boolean");
                    case Date -> TargetType.exact("date");
                    case Time -> TargetType.exact("time");
                    case Timestamp ->
                        ((ArrowType.Timestamp) type).getUnit() == TimeUnit.MICROSECOND
                                        || ((ArrowType.Timestamp) type).getUnit() == TimeUnit.NANOSECOND
                                ? new TargetType("timestamp", List.of(MILLISECONDS))
                                : TargetType.exact("timestamp");
                    case Interval -> type.equals(CanonicalTypes.INTERVAL) ? TargetType.exact("duration") : null;
                    default -> null;
                });
    }

    private static String integer(ArrowType.Int type) {
        int bits = type.getIsSigned() ? type.getBitWidth() : type.getBitWidth() * 2;
        return switch (bits) {
            case 8 -> "tinyint";
            case 16 -> "smallint";
            case 32 -> "int";
            case 64 -> "bigint";
            default -> "varint";
        };
    }

    /** @return what the table's comment records for the column, or {@code null} when the CQL type reads back as it is */
    static String recorded(Field field) {
        if (field.getType() instanceof ArrowType.Decimal d) {
            return "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
        }
        if (field.getType() instanceof ArrowType.Timestamp t && t.getTimezone() == null) {
            return CqlToArrow.LOCAL;
        }
        return null;
    }

    /** @return the cell as the Java value {@link CqlValues} binds, or {@code null} */
    static Object value(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        if (vector instanceof UuidVector v) {
            return v.getObject(row);
        }
        if (vector instanceof JsonVector v) {
            return v.getObject(row);
        }
        if (vector instanceof UInt8Vector v) {
            return new BigInteger(Long.toUnsignedString(v.get(row)));
        }
        if (vector instanceof BaseIntVector v) {
            return v.getValueAsLong(row);
        }
        if (vector instanceof Float8Vector v) {
            return v.get(row);
        }
        if (vector instanceof Float4Vector v) {
            return v.get(row);
        }
        if (vector instanceof DecimalVector v) {
            return v.getObject(row);
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
        if (vector instanceof LargeVarBinaryVector v) {
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
            return ArrowTimestamps.instant(v, row);
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
            return CqlDuration.newInstance(holder.months, holder.days, holder.nanoseconds);
        }
        throw new IllegalArgumentException("column '" + vector.getName() + "' of Arrow type "
                + vector.getField().getType() + " has no CQL mapping");
    }
}
