package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.data.CqlDuration;
import io.datastores.api.arrow.ArrowCells;
import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.bulk.TableCreator.TargetType;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.PeriodDuration;
import org.apache.arrow.vector.complex.ListVector;
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
        if (vector instanceof ListVector && !vector.isNull(row)) {
            throw new IllegalArgumentException("column '" + vector.getName() + "' of Arrow type "
                    + vector.getField().getType() + " has no CQL mapping");
        }
        Object value = ArrowCells.value(vector, row);
        if (value instanceof PeriodDuration interval) {
            return CqlDuration.newInstance(
                    (int) interval.getPeriod().toTotalMonths(),
                    interval.getPeriod().getDays(),
                    interval.getDuration().toNanos());
        }
        return value;
    }
}
