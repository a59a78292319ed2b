package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.data.CqlDuration;
import io.datastores.api.arrow.ArrowCells;
import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.bulk.TableCreator.TargetType;
import java.util.ArrayList;
import java.util.HashSet;
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
 * An Arrow List becomes a {@code list}, a Map a {@code map} (a collection inside one {@code frozen}).
 * A Struct is written into an existing UDT (by field name) or tuple (by position); for a new table it
 * becomes this provider's own {@code struct<"field" type, …>}, its fields mapped as columns are, for
 * which {@link CassandraUdts} creates a UDT. A struct inside a list or map has no column type, and
 * unions are refused by name.
 */
final class ArrowToCql {
    static final String MILLISECONDS = "timestamp precision finer than milliseconds is truncated to milliseconds";
    static final String NESTED_DECIMAL = "decimal inside a collection or struct is read back as exact text";
    static final String NESTED_LOCAL = "timestamp without time zone inside a collection or struct is read back as UTC";

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
                    case Struct -> struct(field, field.getName());
                    default -> null;
                });
    }

    /**
     * @param path the column and the fields down to this struct, dot-separated, for the refusals
     * @return {@code struct<"f" type, …>} of the fields' types
     * @throws IllegalArgumentException naming the path when the struct has no fields, two of the same
     *     name, or a field with no CQL type: no UDT could hold it
     */
    private static TargetType struct(Field struct, String path) {
        if (struct.getChildren().isEmpty()) {
            throw new IllegalArgumentException("field '" + path
                    + "' is an Arrow Struct with no fields, and a CQL user-defined type needs at least one");
        }
        List<String> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> losses = new LinkedHashSet<>();
        for (Field child : struct.getChildren()) {
            String at = path + "." + child.getName();
            if (!names.add(child.getName())) {
                throw new IllegalArgumentException(
                        "field '" + at + "' is a second field of that name, and a CQL user-defined type needs "
                                + "distinct field names");
            }
            TargetType type = child.getType() instanceof ArrowType.Struct
                    ? struct(child, at)
                    : columnType(child)
                            .orElseThrow(() -> new IllegalArgumentException("field '" + at + "' (Arrow "
                                    + child.getType() + ") has no CQL type a user-defined type's field can take"));
            fields.add(CqlIdentifier.fromInternal(child.getName()).asCql(false) + " " + type.ddl());
            addNestedLosses(child, type, losses);
        }
        return new TargetType("struct<" + String.join(", ", fields) + ">", List.copyOf(losses));
    }

    /** @return {@code list<e>} or {@code map<k, v>} of the elements' types, or {@code null} if one has none */
    private static TargetType collection(String open, List<Field> elements) {
        List<String> types = new ArrayList<>();
        Set<String> losses = new LinkedHashSet<>();
        for (Field element : elements) {
            // A UDT for a struct element would need a name of its own: not made (see the README).
            Optional<TargetType> type =
                    element.getType() instanceof ArrowType.Struct ? Optional.empty() : columnType(element);
            if (type.isEmpty()) {
                return null;
            }
            boolean nested = element.getType() instanceof ArrowType.List || element.getType() instanceof ArrowType.Map;
            types.add(nested ? "frozen<" + type.get().ddl() + ">" : type.get().ddl());
            addNestedLosses(element, type.get(), losses);
        }
        return new TargetType(open + String.join(", ", types) + ">", List.copyOf(losses));
    }

    /** A table's comment records no Arrow type for what is inside a column, so some read back wider. */
    private static void addNestedLosses(Field inner, TargetType type, Set<String> losses) {
        losses.addAll(type.losses());
        if (inner.getType() instanceof ArrowType.Decimal) {
            losses.add(NESTED_DECIMAL);
        } else if (inner.getType() instanceof ArrowType.Timestamp t && t.getTimezone() == null) {
            losses.add(NESTED_LOCAL);
        }
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
