package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.data.CqlDuration;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.DataTypes;
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
import java.util.UUID;

/**
 * Binds one Java value to a prepared statement's variable of a given CQL type: the one home of
 * value conversion, for query parameters and bulk-written Arrow values alike. A {@code null} is
 * left unset, so an INSERT writes no tombstone for it. A value that does not fit the type fails
 * with an {@link IllegalArgumentException} naming both, which callers turn into INVALID_DATA.
 */
final class CqlValues {
    private CqlValues() {}

    static void bind(BoundStatementBuilder statement, int index, DataType type, Object value) {
        if (value == null) {
            return;
        }
        if (type.equals(DataTypes.BIGINT) || type.equals(DataTypes.COUNTER)) {
            statement.setLong(index, exact(value, type).longValueExact());
        } else if (type.equals(DataTypes.INT)) {
            statement.setInt(index, exact(value, type).intValueExact());
        } else if (type.equals(DataTypes.SMALLINT)) {
            statement.setShort(index, exact(value, type).shortValueExact());
        } else if (type.equals(DataTypes.TINYINT)) {
            statement.setByte(index, exact(value, type).byteValueExact());
        } else if (type.equals(DataTypes.VARINT)) {
            statement.setBigInteger(index, exact(value, type).toBigIntegerExact());
        } else if (type.equals(DataTypes.DECIMAL)) {
            statement.setBigDecimal(index, decimal(value, type));
        } else if (type.equals(DataTypes.DOUBLE)) {
            // Straight from the Number: NaN and the infinities have no BigDecimal.
            statement.setDouble(
                    index, value instanceof Number n ? n.doubleValue() : CqlValues.<Double>fail(value, type));
        } else if (type.equals(DataTypes.FLOAT)) {
            statement.setFloat(index, value instanceof Number n ? n.floatValue() : CqlValues.<Float>fail(value, type));
        } else if (type.equals(DataTypes.TEXT) || type.equals(DataTypes.ASCII)) {
            statement.setString(
                    index,
                    value instanceof String || value instanceof CharSequence ? value.toString() : fail(value, type));
        } else if (type.equals(DataTypes.BOOLEAN)) {
            statement.setBoolean(index, value instanceof Boolean b ? b : fail(value, type));
        } else if (type.equals(DataTypes.BLOB)) {
            statement.setByteBuffer(
                    index,
                    value instanceof byte[] bytes
                            ? ByteBuffer.wrap(bytes)
                            : value instanceof ByteBuffer buffer ? buffer : fail(value, type));
        } else if (type.equals(DataTypes.TIMESTAMP)) {
            statement.setInstant(index, instant(value, type));
        } else if (type.equals(DataTypes.DATE)) {
            statement.setLocalDate(index, value instanceof LocalDate date ? date : fail(value, type));
        } else if (type.equals(DataTypes.TIME)) {
            statement.setLocalTime(index, value instanceof LocalTime time ? time : fail(value, type));
        } else if (type.equals(DataTypes.UUID) || type.equals(DataTypes.TIMEUUID)) {
            statement.setUuid(
                    index,
                    value instanceof UUID uuid
                            ? uuid
                            : value instanceof String text ? UUID.fromString(text) : fail(value, type));
        } else if (type.equals(DataTypes.DURATION)) {
            statement.setCqlDuration(
                    index,
                    value instanceof CqlDuration duration
                            ? duration
                            : value instanceof String text ? CqlDuration.from(text) : fail(value, type));
        } else if (type.equals(DataTypes.INET)) {
            statement.setInetAddress(index, inet(value, type));
        } else {
            // Collections, tuples and UDTs: the driver's own codec for the value's class, when it has one.
            statement.set(index, value, codecClass(value));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Class<T> codecClass(Object value) {
        return (Class<T>)
                (value instanceof java.util.List
                        ? java.util.List.class
                        : value instanceof java.util.Set
                                ? java.util.Set.class
                                : value instanceof java.util.Map ? java.util.Map.class : value.getClass());
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
