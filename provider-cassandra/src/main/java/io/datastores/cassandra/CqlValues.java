package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.data.CqlDuration;
import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.ListType;
import com.datastax.oss.driver.api.core.type.MapType;
import com.datastax.oss.driver.api.core.type.SetType;
import com.datastax.oss.driver.api.core.type.TupleType;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Binds one Java value to a prepared statement's variable of a given CQL type: the one home of
 * value conversion, for query parameters and bulk-written Arrow values alike, collections, tuples
 * and UDTs element by element. A {@code null} is
 * left unset, so an INSERT writes no tombstone for it. A value that does not fit the type fails
 * with an {@link IllegalArgumentException} naming both, which callers turn into INVALID_DATA.
 */
final class CqlValues {
    private static final Set<DataType> SCALARS = Set.of(
            DataTypes.BIGINT,
            DataTypes.COUNTER,
            DataTypes.INT,
            DataTypes.SMALLINT,
            DataTypes.TINYINT,
            DataTypes.VARINT,
            DataTypes.DECIMAL,
            DataTypes.DOUBLE,
            DataTypes.FLOAT,
            DataTypes.TEXT,
            DataTypes.ASCII,
            DataTypes.BOOLEAN,
            DataTypes.BLOB,
            DataTypes.TIMESTAMP,
            DataTypes.DATE,
            DataTypes.TIME,
            DataTypes.UUID,
            DataTypes.TIMEUUID,
            DataTypes.DURATION,
            DataTypes.INET);

    private CqlValues() {}

    static void bind(BoundStatementBuilder statement, int index, DataType type, Object value) {
        if (value == null) {
            return;
        }
        // Typed setters wherever the value already is the driver's class: every query parameter and the bulk
        // write's cells not bound from their vectors (decimals, say) come here, and convert's BigDecimal round
        // trip and codec lookup per value cost more than the rest.
        if (type.equals(DataTypes.BIGINT) || type.equals(DataTypes.COUNTER)) {
            statement.setLong(
                    index,
                    boxedWhole(value)
                            ? ((Number) value).longValue()
                            : exact(value, type).longValueExact());
        } else if (type.equals(DataTypes.INT)) {
            statement.setInt(
                    index,
                    boxedWhole(value)
                            ? Math.toIntExact(((Number) value).longValue())
                            : exact(value, type).intValueExact());
        } else if (type.equals(DataTypes.DOUBLE)) {
            // Straight from the Number: NaN and the infinities have no BigDecimal.
            statement.setDouble(
                    index, value instanceof Number n ? n.doubleValue() : CqlValues.<Double>fail(value, type));
        } else if (value instanceof String text && type.equals(DataTypes.TEXT)) {
            statement.setString(index, text);
        } else if (value instanceof BigDecimal decimal && type.equals(DataTypes.DECIMAL)) {
            statement.setBigDecimal(index, decimal);
        } else if (value instanceof LocalDate date && type.equals(DataTypes.DATE)) {
            statement.setLocalDate(index, date);
        } else if (known(type)) {
            TypeCodec<Object> codec = statement.codecRegistry().codecFor(type);
            statement.set(index, convert(type, value), codec);
        } else {
            // Types with no conversion here (vector, custom): the driver's own codec for the value's class.
            statement.set(index, value, codecClass(value));
        }
    }

    private static boolean boxedWhole(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    private static boolean known(DataType type) {
        return type instanceof ListType
                || type instanceof SetType
                || type instanceof MapType
                || type instanceof UserDefinedType
                || type instanceof TupleType
                || SCALARS.contains(type);
    }

    /**
     * @return {@code value} as the driver's Java class for {@code type}, collections element by
     *     element: a {@link Collection} into a list or set, a {@link Map} into a map, a {@link Map}
     *     of field name to value into a UDT, a {@link Map} or {@link List} into a tuple by position
     * @throws IllegalArgumentException when the value does not fit, naming the type
     */
    static Object convert(DataType type, Object value) {
        if (value == null) {
            return null;
        }
        if (type instanceof ListType list) {
            return into(new ArrayList<>(), list.getElementType(), value, type);
        } else if (type instanceof SetType set) {
            return into(new LinkedHashSet<>(), set.getElementType(), value, type);
        } else if (type instanceof MapType map) {
            Map<Object, Object> entries = new LinkedHashMap<>();
            (value instanceof Map<?, ?> m ? m : CqlValues.<Map<?, ?>>fail(value, type))
                    .forEach((k, v) ->
                            entries.put(element(map.getKeyType(), k, type), element(map.getValueType(), v, type)));
            return entries;
        } else if (type instanceof UserDefinedType udt) {
            return value instanceof UdtValue given ? given : udt(udt, value);
        } else if (type instanceof TupleType tuple) {
            return value instanceof TupleValue given ? given : tuple(tuple, value);
        } else if (type.equals(DataTypes.BIGINT) || type.equals(DataTypes.COUNTER)) {
            return exact(value, type).longValueExact();
        } else if (type.equals(DataTypes.INT)) {
            return exact(value, type).intValueExact();
        } else if (type.equals(DataTypes.SMALLINT)) {
            return exact(value, type).shortValueExact();
        } else if (type.equals(DataTypes.TINYINT)) {
            return exact(value, type).byteValueExact();
        } else if (type.equals(DataTypes.VARINT)) {
            return exact(value, type).toBigIntegerExact();
        } else if (type.equals(DataTypes.DECIMAL)) {
            return decimal(value, type);
        } else if (type.equals(DataTypes.DOUBLE)) {
            return value instanceof Number n ? n.doubleValue() : CqlValues.<Double>fail(value, type);
        } else if (type.equals(DataTypes.FLOAT)) {
            return value instanceof Number n ? n.floatValue() : CqlValues.<Float>fail(value, type);
        } else if (type.equals(DataTypes.TEXT) || type.equals(DataTypes.ASCII)) {
            return value instanceof CharSequence ? value.toString() : fail(value, type);
        } else if (type.equals(DataTypes.BOOLEAN)) {
            return value instanceof Boolean b ? b : fail(value, type);
        } else if (type.equals(DataTypes.BLOB)) {
            return value instanceof byte[] bytes
                    ? ByteBuffer.wrap(bytes)
                    : value instanceof ByteBuffer buffer ? buffer : fail(value, type);
        } else if (type.equals(DataTypes.TIMESTAMP)) {
            return instant(value, type);
        } else if (type.equals(DataTypes.DATE)) {
            return value instanceof LocalDate date ? date : fail(value, type);
        } else if (type.equals(DataTypes.TIME)) {
            return value instanceof LocalTime time ? time : fail(value, type);
        } else if (type.equals(DataTypes.UUID) || type.equals(DataTypes.TIMEUUID)) {
            return value instanceof UUID uuid
                    ? uuid
                    : value instanceof String text ? UUID.fromString(text) : fail(value, type);
        } else if (type.equals(DataTypes.DURATION)) {
            return value instanceof CqlDuration duration
                    ? duration
                    : value instanceof String text ? CqlDuration.from(text) : fail(value, type);
        } else if (type.equals(DataTypes.INET)) {
            return inet(value, type);
        }
        return value;
    }

    private static Collection<Object> into(Collection<Object> target, DataType element, Object value, DataType type) {
        for (Object item : value instanceof Collection<?> c ? c : CqlValues.<Collection<?>>fail(value, type)) {
            target.add(element(element, item, type));
        }
        return target;
    }

    /** CQL collections hold no NULLs: one inside is refused rather than dropped. */
    private static Object element(DataType element, Object value, DataType type) {
        if (value == null) {
            throw new IllegalArgumentException("a NULL cannot be an element of CQL type " + type.asCql(false, true)
                    + " (collections hold no NULLs)");
        }
        return convert(element, value);
    }

    private static UdtValue udt(UserDefinedType type, Object value) {
        UdtValue udt = type.newValue();
        for (Map.Entry<?, ?> field :
                (value instanceof Map<?, ?> m ? m : CqlValues.<Map<?, ?>>fail(value, type)).entrySet()) {
            int index = type.firstIndexOf(CqlIdentifier.fromInternal(String.valueOf(field.getKey())));
            if (index < 0) {
                throw new IllegalArgumentException("CQL type " + type.asCql(false, true) + " has no field '"
                        + field.getKey() + "'; its fields are " + type.getFieldNames());
            }
            DataType fieldType = type.getFieldTypes().get(index);
            TypeCodec<Object> codec = udt.codecRegistry().codecFor(fieldType);
            udt = udt.set(index, convert(fieldType, field.getValue()), codec);
        }
        return udt;
    }

    private static TupleValue tuple(TupleType type, Object value) {
        List<?> components = value instanceof Map<?, ?> m
                ? new ArrayList<>(m.values())
                : value instanceof List<?> l ? l : CqlValues.<List<?>>fail(value, type);
        if (components.size() != type.getComponentTypes().size()) {
            throw new IllegalArgumentException("CQL type " + type.asCql(false, true) + " has "
                    + type.getComponentTypes().size() + " components, the value " + components.size());
        }
        TupleValue tuple = type.newValue();
        for (int i = 0; i < components.size(); i++) {
            DataType componentType = type.getComponentTypes().get(i);
            TypeCodec<Object> codec = tuple.codecRegistry().codecFor(componentType);
            tuple = tuple.set(i, convert(componentType, components.get(i)), codec);
        }
        return tuple;
    }

    @SuppressWarnings("unchecked")
    private static <T> Class<T> codecClass(Object value) {
        return (Class<T>) value.getClass();
    }

    private static BigDecimal exact(Object value, DataType type) {
        BigDecimal number = number(value, type);
        try {
            return new BigDecimal(number.toBigIntegerExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "value " + value + " is not a whole number, as CQL type " + type.asCql(false, true) + " needs");
        }
    }

    private static BigDecimal decimal(Object value, DataType type) {
        return value instanceof BigDecimal d ? d : number(value, type);
    }

    private static BigDecimal number(Object value, DataType type) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString());
        }
        if (value instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        return fail(value, type);
    }

    /** A timestamp without zone is read as that wall clock in UTC (Cassandra keeps instants). */
    private static Instant instant(Object value, DataType type) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        return fail(value, type);
    }

    private static InetAddress inet(Object value, DataType type) {
        if (value instanceof InetAddress address) {
            return address;
        }
        if (value instanceof String text && text.matches("[0-9a-fA-F.:]+")) {
            try {
                // A literal address only (the pattern above): never a name lookup.
                return InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                return fail(value, type);
            }
        }
        return fail(value, type);
    }

    private static <T> T fail(Object value, DataType type) {
        throw new IllegalArgumentException(
                "a " + value.getClass().getSimpleName() + " cannot be bound to CQL type " + type.asCql(false, true));
    }
}
