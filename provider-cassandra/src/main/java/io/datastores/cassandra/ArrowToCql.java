package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.data.CqlDuration;
import io.datastores.api.arrow.ArrowCells;
import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.bulk.TableCreator.TargetType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.PeriodDuration;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Arrow to CQL: the CQL type a new table gives each Arrow type, what that loses, what the table's
 * comment records to read the same Arrow type back ({@link CassandraSchema}), and the Java value of
 * one Arrow cell for {@link CqlValues}. Unsigned integers widen to the next signed type
 * ({@code uint64} to {@code varint}); timestamps finer than milliseconds are truncated (a named
 * loss); a timestamp without zone is stored as that wall clock in UTC; JSON is stored as text.
 * An Arrow List becomes a {@code list}, a Map a {@code map} (a collection inside one {@code frozen});
 * a Struct is written into an existing UDT (by field name) or tuple (by position) but a new table gets
 * no column for it (that would need a UDT made first), and unions are refused by name.
 */
final class ArrowToCql {
    static final String MILLISECONDS = "timestamp precision finer than milliseconds is truncated to milliseconds";
    static final String NESTED_DECIMAL = "decimal inside a collection is read back as exact text";
    static final String NESTED_LOCAL = "timestamp without time zone inside a collection is read back as UTC";

    private ArrowToCql() {}

    static Optional<TargetType> columnType(Field field) {
        ArrowType type = field.getType();
        Optional<TargetType> canonical = TargetType.canonical(type, "uuid", null, "text");
        if (canonical.isPresent()) {
            return canonical;
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
                    case List -> collection("list<", field.getChildren());
                    case Map -> collection("map<", field.getChildren().get(0).getChildren());
                    default -> null;
                });
    }

    /** @return {@code list<e>} or {@code map<k, v>} of the elements' types, or {@code null} if one has none */
    private static TargetType collection(String open, List<Field> elements) {
        List<String> types = new ArrayList<>();
        Set<String> losses = new LinkedHashSet<>();
        for (Field element : elements) {
            Optional<TargetType> type = columnType(element);
            if (type.isEmpty()) {
                return null;
            }
            boolean nested = element.getType() instanceof ArrowType.List || element.getType() instanceof ArrowType.Map;
            types.add(nested ? "frozen<" + type.get().ddl() + ">" : type.get().ddl());
            losses.addAll(type.get().losses());
            if (element.getType() instanceof ArrowType.Decimal) {
                losses.add(NESTED_DECIMAL);
            } else if (element.getType() instanceof ArrowType.Timestamp t && t.getTimezone() == null) {
                losses.add(NESTED_LOCAL);
            }
        }
        return new TargetType(open + String.join(", ", types) + ">", List.copyOf(losses));
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

    /**
     * @return the cell as the Java value {@link CqlValues} binds, or {@code null}: an Arrow List as a
     *     {@link List}, a Map as a {@link Map}, a Struct as a {@link Map} of field name to value, in order
     */
    static Object value(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        if (vector instanceof MapVector map) {
            StructVector entries = (StructVector) map.getDataVector();
            FieldVector keys = (FieldVector) entries.getChildByOrdinal(0);
            FieldVector values = (FieldVector) entries.getChildByOrdinal(1);
            Map<Object, Object> entriesOf = new LinkedHashMap<>();
            for (int i = map.getElementStartIndex(row); i < map.getElementEndIndex(row); i++) {
                entriesOf.put(value(keys, i), value(values, i));
            }
            return entriesOf;
        }
        if (vector instanceof ListVector list) {
            List<Object> items = new ArrayList<>();
            for (int i = list.getElementStartIndex(row); i < list.getElementEndIndex(row); i++) {
                items.add(value(list.getDataVector(), i));
            }
            return items;
        }
        if (vector instanceof StructVector struct) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (FieldVector child : struct.getChildrenFromFields()) {
                fields.put(child.getName(), value(child, row));
            }
            return fields;
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
