package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.CqlDuration;
import com.datastax.oss.driver.api.core.data.GettableByIndex;
import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.ListType;
import com.datastax.oss.driver.api.core.type.MapType;
import com.datastax.oss.driver.api.core.type.SetType;
import com.datastax.oss.driver.api.core.type.TupleType;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import com.datastax.oss.driver.api.core.type.codec.registry.CodecRegistry;
import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.arrow.UuidVector;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * CQL to Arrow: the Arrow type each CQL type is read as, and the copy of one row's value into its
 * vector. {@code timestamp} is read as {@code Timestamp(ms, UTC)} (Cassandra keeps instants at
 * millisecond precision), or without zone where the table records one ({@link CassandraSchema});
 * {@code decimal} as the recorded {@code Decimal(p, s)}, else as exact text, since a CQL decimal has
 * no declared scale; {@code varint} as {@code Decimal(38, 0)}; {@code uuid}/{@code timeuuid} as
 * {@code arrow.uuid}; {@code duration} as {@code Interval(MONTH_DAY_NANO)}. A {@code list} or
 * {@code set} is an Arrow List (a set in Cassandra's order, sorted), a {@code map} an Arrow Map, a UDT
 * a Struct of its fields by name, a tuple a Struct of fields {@code _1 … _n}; their elements map as
 * columns do, except a {@code decimal} inside one, which is exact text (a table comment records no
 * scale for it). What has no mapping (Cassandra 5's {@code vector}, custom types) is its CQL literal text.
 */
final class CqlToArrow {
    static final String LOCAL = "local";

    private CqlToArrow() {}

    /** @param recorded the Arrow type the table's comment records for the column, or {@code null} */
    static Field field(String name, DataType type, String recorded, boolean nullable) {
        List<Field> children = null;
        ArrowType arrow;
        if (type instanceof ListType list) {
            arrow = ArrowType.List.INSTANCE;
            children = List.of(field("item", list.getElementType(), null, false));
        } else if (type instanceof SetType set) {
            arrow = ArrowType.List.INSTANCE;
            children = List.of(field("item", set.getElementType(), null, false));
        } else if (type instanceof MapType map) {
            // Arrow's Map layout: a non-NULL struct of a non-NULL key and a value (CQL maps hold no NULLs).
            arrow = new ArrowType.Map(false);
            children = List.of(new Field(
                    "entries",
                    FieldType.notNullable(ArrowType.Struct.INSTANCE),
                    List.of(
                            field("key", map.getKeyType(), null, false),
                            field("value", map.getValueType(), null, false))));
        } else if (type instanceof UserDefinedType udt) {
            arrow = ArrowType.Struct.INSTANCE;
            children = new ArrayList<>();
            for (int i = 0; i < udt.getFieldTypes().size(); i++) {
                children.add(field(
                        udt.getFieldNames().get(i).asInternal(),
                        udt.getFieldTypes().get(i),
                        null,
                        true));
            }
        } else if (type instanceof TupleType tuple) {
            arrow = ArrowType.Struct.INSTANCE;
            children = new ArrayList<>();
            for (int i = 0; i < tuple.getComponentTypes().size(); i++) {
                children.add(field("_" + (i + 1), tuple.getComponentTypes().get(i), null, true));
            }
        } else {
            arrow = arrowType(type, recorded);
        }
        return new Field(name, nullable ? FieldType.nullable(arrow) : FieldType.notNullable(arrow), children);
    }

    private static ArrowType arrowType(DataType type, String recorded) {
        if (type.equals(DataTypes.BIGINT) || type.equals(DataTypes.COUNTER)) {
            return new ArrowType.Int(64, true);
        } else if (type.equals(DataTypes.INT)) {
            return new ArrowType.Int(32, true);
        } else if (type.equals(DataTypes.SMALLINT)) {
            return new ArrowType.Int(16, true);
        } else if (type.equals(DataTypes.TINYINT)) {
            return new ArrowType.Int(8, true);
        } else if (type.equals(DataTypes.VARINT)) {
            return new ArrowType.Decimal(38, 0, 128);
        } else if (type.equals(DataTypes.DECIMAL)) {
            return recorded != null && recorded.startsWith("decimal(") ? decimal(recorded) : ArrowType.Utf8.INSTANCE;
        } else if (type.equals(DataTypes.DOUBLE)) {
            return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        } else if (type.equals(DataTypes.FLOAT)) {
            return new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
        } else if (type.equals(DataTypes.BOOLEAN)) {
            return ArrowType.Bool.INSTANCE;
        } else if (type.equals(DataTypes.BLOB)) {
            return ArrowType.Binary.INSTANCE;
        } else if (type.equals(DataTypes.UUID) || type.equals(DataTypes.TIMEUUID)) {
            return CanonicalTypes.UUID;
        } else if (type.equals(DataTypes.TIMESTAMP)) {
            return new ArrowType.Timestamp(TimeUnit.MILLISECOND, LOCAL.equals(recorded) ? null : "UTC");
        } else if (type.equals(DataTypes.DATE)) {
            return new ArrowType.Date(DateUnit.DAY);
        } else if (type.equals(DataTypes.TIME)) {
            return new ArrowType.Time(TimeUnit.NANOSECOND, 64);
        } else if (type.equals(DataTypes.DURATION)) {
            return CanonicalTypes.INTERVAL;
        }
        return ArrowType.Utf8.INSTANCE;
    }

    private static ArrowType.Decimal decimal(String recorded) {
        String[] ps =
                recorded.substring("decimal(".length(), recorded.length() - 1).split(",");
        return new ArrowType.Decimal(Integer.parseInt(ps[0].trim()), Integer.parseInt(ps[1].trim()), 128);
    }

    static int jdbcType(DataType type) {
        if (type.equals(DataTypes.BIGINT) || type.equals(DataTypes.COUNTER)) {
            return Types.BIGINT;
        } else if (type.equals(DataTypes.INT)) {
            return Types.INTEGER;
        } else if (type.equals(DataTypes.SMALLINT)) {
            return Types.SMALLINT;
        } else if (type.equals(DataTypes.TINYINT)) {
            return Types.TINYINT;
        } else if (type.equals(DataTypes.VARINT) || type.equals(DataTypes.DECIMAL)) {
            return Types.DECIMAL;
        } else if (type.equals(DataTypes.DOUBLE)) {
            return Types.DOUBLE;
        } else if (type.equals(DataTypes.FLOAT)) {
            return Types.REAL;
        } else if (type.equals(DataTypes.BOOLEAN)) {
            return Types.BOOLEAN;
        } else if (type.equals(DataTypes.BLOB)) {
            return Types.VARBINARY;
        } else if (type.equals(DataTypes.TEXT) || type.equals(DataTypes.ASCII)) {
            return Types.VARCHAR;
        } else if (type.equals(DataTypes.TIMESTAMP)) {
            return Types.TIMESTAMP_WITH_TIMEZONE;
        } else if (type.equals(DataTypes.DATE)) {
            return Types.DATE;
        } else if (type.equals(DataTypes.TIME)) {
            return Types.TIME;
        } else if (type instanceof ListType || type instanceof SetType) {
            return Types.ARRAY;
        } else if (type instanceof UserDefinedType || type instanceof TupleType) {
            return Types.STRUCT;
        }
        return Types.OTHER;
    }

    /** Copies column {@code column} of {@code row} into {@code vector} at {@code index}; NULL stays NULL. */
    static void set(FieldVector vector, int index, Row row, int column, DataType type) {
        // The fixed-width numbers straight from the row, unboxed; everything else as the driver's Java value.
        if (row.isNull(column)) {
            vector.setNull(index);
        } else if (vector instanceof BigIntVector v) {
            v.setSafe(index, row.getLong(column));
        } else if (vector instanceof IntVector v) {
            v.setSafe(index, row.getInt(column));
        } else if (vector instanceof Float8Vector v) {
            v.setSafe(index, row.getDouble(column));
        } else {
            set(vector, index, row.getObject(column), type);
        }
    }

    /**
     * Copies one value, as the driver gives it for {@code type} (a {@link Collection}, {@link Map},
     * {@link UdtValue}, {@link TupleValue}, or a scalar), into {@code vector} at {@code index}.
     */
    static void set(FieldVector vector, int index, Object value, DataType type) {
        if (value == null) {
            vector.setNull(index);
        } else if (vector instanceof MapVector v) {
            MapType map = (MapType) type;
            StructVector entries = (StructVector) v.getDataVector();
            int offset = v.startNewValue(index);
            int count = 0;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                entries.setIndexDefined(offset + count);
                set((FieldVector) entries.getChildByOrdinal(0), offset + count, entry.getKey(), map.getKeyType());
                set((FieldVector) entries.getChildByOrdinal(1), offset + count, entry.getValue(), map.getValueType());
                count++;
            }
            v.endValue(index, count);
        } else if (vector instanceof ListVector v) {
            DataType element =
                    type instanceof ListType list ? list.getElementType() : ((SetType) type).getElementType();
            int offset = v.startNewValue(index);
            int count = 0;
            for (Object item : (Collection<?>) value) {
                set(v.getDataVector(), offset + count++, item, element);
            }
            v.endValue(index, count);
        } else if (vector instanceof StructVector v) {
            GettableByIndex fields = (GettableByIndex) value;
            List<DataType> types =
                    type instanceof UserDefinedType udt ? udt.getFieldTypes() : ((TupleType) type).getComponentTypes();
            v.setIndexDefined(index);
            for (int i = 0; i < types.size(); i++) {
                // isNull first: the driver decodes a NULL collection field as an empty collection.
                Object field = fields.isNull(i) ? null : fields.getObject(i);
                set((FieldVector) v.getChildByOrdinal(i), index, field, types.get(i));
            }
        } else {
            scalar(vector, index, value, type);
        }
    }

    private static void scalar(FieldVector vector, int index, Object value, DataType type) {
        if (vector instanceof BigIntVector v) {
            v.setSafe(index, ((Number) value).longValue());
        } else if (vector instanceof IntVector v) {
            v.setSafe(index, ((Number) value).intValue());
        } else if (vector instanceof SmallIntVector v) {
            v.setSafe(index, ((Number) value).shortValue());
        } else if (vector instanceof TinyIntVector v) {
            v.setSafe(index, ((Number) value).byteValue());
        } else if (vector instanceof DecimalVector v) {
            BigDecimal decimal = value instanceof BigInteger integer ? new BigDecimal(integer) : (BigDecimal) value;
            // Exact: a value with more digits than the recorded scale fails rather than being rounded.
            v.setSafe(index, decimal.setScale(v.getScale(), RoundingMode.UNNECESSARY));
        } else if (vector instanceof Float8Vector v) {
            v.setSafe(index, ((Number) value).doubleValue());
        } else if (vector instanceof Float4Vector v) {
            v.setSafe(index, ((Number) value).floatValue());
        } else if (vector instanceof BitVector v) {
            v.setSafe(index, (Boolean) value ? 1 : 0);
        } else if (vector instanceof VarBinaryVector v) {
            ByteBuffer bytes = (ByteBuffer) value;
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            v.setSafe(index, copy);
        } else if (vector instanceof UuidVector v) {
            v.setSafe(index, (UUID) value);
        } else if (vector instanceof TimeStampVector v) {
            v.setSafe(index, ((Instant) value).toEpochMilli());
        } else if (vector instanceof DateDayVector v) {
            v.setSafe(index, (int) ((LocalDate) value).toEpochDay());
        } else if (vector instanceof TimeNanoVector v) {
            v.setSafe(index, ((LocalTime) value).toNanoOfDay());
        } else if (vector instanceof IntervalMonthDayNanoVector v) {
            CqlDuration duration = (CqlDuration) value;
            v.setSafe(index, duration.getMonths(), duration.getDays(), duration.getNanoseconds());
        } else if (vector instanceof VarCharVector v) {
            v.setSafe(index, text(value, type).getBytes(StandardCharsets.UTF_8));
        } else {
            throw new IllegalStateException("no reader for " + vector.getField());
        }
    }

    private static String text(Object value, DataType type) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof InetAddress address) {
            return address.getHostAddress();
        }
        // What has no Arrow mapping (vector, custom types): the CQL literal, as the driver's codec formats it.
        return CodecRegistry.DEFAULT.codecFor(type).format(value);
    }
}
