package io.datastores.mongodb;

import io.datastores.api.arrow.ArrowCells;
import io.datastores.api.arrow.ArrowText;
import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.bulk.TableCreator.TargetType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.UuidRepresentation;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Arrow to BSON: the column type a new collection records for each Arrow type, what that loses, and
 * the BSON value of one Arrow cell. Integers are {@code int} (32-bit) or {@code long}; floats are
 * doubles (a 32-bit float widens exactly); a decimal of up to 34 digits is a Decimal128, a wider one
 * its plain digits as a string (exact, but compared as text by the server, so never pushed down);
 * dates are BSON dates at midnight UTC; timestamps are BSON dates, which keep milliseconds (a named
 * loss for finer units; a timestamp without zone is its wall clock read as UTC); a time of day is its
 * ISO text; UUIDs are binary subtype 4; JSON is kept as its text; structs and lists are embedded
 * documents and arrays ({@link MongoNested}); a large list is a BSON array read back as JSON text (a
 * named loss); intervals are ISO-8601 text. Maps and unions have no mapping and are refused by name.
 * Stateless.
 */
final class ArrowToBson {
    static final String MILLISECONDS = "timestamp precision finer than milliseconds is truncated to milliseconds";
    static final int DECIMAL128_DIGITS = 34;
    private static final int DECIMAL128_EXPONENT_OFFSET = 6176;
    private static final long MILLIS_A_DAY = 86_400_000L;
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private ArrowToBson() {}

    static Optional<TargetType> columnType(Field field) {
        ArrowType type = field.getType();
        Optional<TargetType> canonical = TargetType.canonical(type, "uuid", "json", "string");
        if (canonical.isPresent()) {
            return canonical;
        }
        return Optional.ofNullable(
                switch (type.getTypeID()) {
                    case Int -> TargetType.integer((ArrowType.Int) type, "int", "int", "int", "long", "decimal(20,0)");
                    case FloatingPoint ->
                        ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.HALF
                                ? new TargetType("double", List.of("half float widened to double"))
                                : TargetType.exact("double");
                    case Decimal ->
                        TargetType.exact("decimal(" + ((ArrowType.Decimal) type).getPrecision() + ","
                                + ((ArrowType.Decimal) type).getScale() + ")");
                    case Utf8, LargeUtf8 -> TargetType.exact("string");
                    case Binary, LargeBinary, FixedSizeBinary -> TargetType.exact("binData");
                    case Bool -> TargetType.exact("bool");
                    case Date -> TargetType.exact("date");
                    case Time ->
                        ((ArrowType.Time) type).getUnit() == TimeUnit.NANOSECOND
                                ? new TargetType("time", List.of("nanoseconds truncated to microseconds"))
                                : TargetType.exact("time");
                    case Timestamp -> timestamp((ArrowType.Timestamp) type);
                    case Interval -> new TargetType("string", List.of(CanonicalTypes.INTERVAL_AS_TEXT));
                    case List, Struct -> MongoNested.columnType(field).orElse(null);
                    case LargeList -> new TargetType("json", List.of(CanonicalTypes.LIST_AS_JSON));
                    default -> null;
                });
    }

    private static TargetType timestamp(ArrowType.Timestamp type) {
        String name = type.getTimezone() == null ? MongoTypes.LOCAL_TIMESTAMP : "timestamp";
        return type.getUnit() == TimeUnit.MICROSECOND || type.getUnit() == TimeUnit.NANOSECOND
                ? new TargetType(name, List.of(MILLISECONDS))
                : TargetType.exact(name);
    }

    /**
     * @param vector a column of the batch
     * @param row a row whose value is not NULL
     * @param type the column's recorded type
     * @return the value to store
     * @throws IllegalArgumentException when the value does not fit the type
     */
    static BsonValue cell(FieldVector vector, int row, String type) {
        if (MongoNested.isNested(type)) {
            return MongoNested.cell(vector, row, type);
        }
        BsonValue direct = direct(vector, row, type);
        if (direct != null) {
            return direct;
        }
        Object value = ArrowCells.value(vector, row);
        if (type.equals("string") && !(value instanceof String)) {
            String text = ArrowText.of(vector, row);
            return new BsonString(text != null ? text : String.valueOf(value));
        }
        return typed(value, type);
    }

    /**
     * The commonest columns straight from their vectors, as {@link #typed} would store them: the general
     * path makes a Java object of every cell first (a {@code LocalDate} turned back into days, a
     * {@code BigDecimal} and its {@code BigInteger} per decimal), which a profile of PostgreSQL → MongoDB
     * showed as most of the writer's own work.
     *
     * @return the value, or {@code null} when the cell takes the general path
     */
    private static BsonValue direct(FieldVector vector, int row, String type) {
        if (vector instanceof BigIntVector longs && type.equals("long")) {
            return new BsonInt64(longs.get(row));
        }
        if (vector instanceof DateDayVector days && type.equals("date")) {
            return new BsonDateTime(days.get(row) * MILLIS_A_DAY);
        }
        if (vector instanceof DecimalVector decimals
                && LITTLE_ENDIAN
                && MongoTypes.isDecimal(type)
                && decimals.getScale() == MongoTypes.scale(type)
                && MongoTypes.precision(type) <= DECIMAL128_DIGITS) {
            // The 128-bit two's complement value; when it fits a long, its Decimal128 is the coefficient and the
            // exponent -scale, put together as Decimal128's own constructor does from a BigDecimal.
            long low = decimals.getDataBuffer().getLong((long) row * DecimalVector.TYPE_WIDTH);
            long high = decimals.getDataBuffer().getLong((long) row * DecimalVector.TYPE_WIDTH + Long.BYTES);
            if (high == low >> 63 && low != Long.MIN_VALUE) {
                long sign = low < 0 ? Long.MIN_VALUE : 0;
                long exponent = (long) (DECIMAL128_EXPONENT_OFFSET - decimals.getScale()) << 49;
                return new BsonDecimal128(Decimal128.fromIEEE754BIDEncoding(sign | exponent, Math.abs(low)));
            }
        }
        return null;
    }

    /** @return a Java value as the recorded type stores it */
    static BsonValue typed(Object value, String type) {
        if (MongoTypes.isDecimal(type) && (value instanceof BigDecimal || value instanceof Number)) {
            BigDecimal decimal = value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
            int scale = MongoTypes.scale(type);
            BigDecimal scaled = decimal.setScale(scale, java.math.RoundingMode.UNNECESSARY);
            return MongoTypes.precision(type) <= DECIMAL128_DIGITS
                    ? new BsonDecimal128(new Decimal128(scaled))
                    : new BsonString(scaled.toPlainString());
        }
        switch (type) {
            case "int":
                if (value instanceof Long l && l == l.intValue()) {
                    return new BsonInt32(l.intValue());
                }
                throw new IllegalArgumentException(value + " does not fit a 32-bit int");
            case "long":
                if (value instanceof Long l) {
                    return new BsonInt64(l);
                }
                break;
            case "double":
                if (value instanceof Number n) {
                    return new BsonDouble(n.doubleValue());
                }
                break;
            case "objectId":
                if (value instanceof String s && ObjectId.isValid(s)) {
                    return new BsonObjectId(new ObjectId(s));
                }
                break;
            case "date":
                if (value instanceof LocalDate d) {
                    return new BsonDateTime(d.toEpochDay() * MILLIS_A_DAY);
                }
                break;
            case "timestamp", MongoTypes.LOCAL_TIMESTAMP:
                if (value instanceof Instant i) {
                    return new BsonDateTime(i.toEpochMilli());
                }
                break;
            case "time":
                if (value instanceof LocalTime t) {
                    return new BsonString(t.toString());
                }
                break;
            case "json":
                if (value instanceof String s) {
                    return new BsonString(s);
                }
                break;
            default:
                break;
        }
        return of(value);
    }

    /**
     * @param value a plain Java value (a bound parameter, a list element)
     * @return its BSON value
     * @throws IllegalArgumentException for a type BSON has no value for
     */
    static BsonValue of(Object value) {
        if (value == null) {
            return BsonNull.VALUE;
        }
        if (value instanceof BsonValue bson) {
            return bson;
        }
        if (value instanceof String s) {
            return new BsonString(s);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return new BsonInt32(((Number) value).intValue());
        }
        if (value instanceof Long l) {
            return new BsonInt64(l);
        }
        if (value instanceof Double || value instanceof Float) {
            return new BsonDouble(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal d) {
            return new BsonDecimal128(new Decimal128(d));
        }
        if (value instanceof BigInteger b) {
            return new BsonDecimal128(new Decimal128(new BigDecimal(b)));
        }
        if (value instanceof Boolean b) {
            return BsonBoolean.valueOf(b);
        }
        if (value instanceof byte[] bytes) {
            return new BsonBinary(bytes);
        }
        if (value instanceof UUID uuid) {
            return new BsonBinary(uuid, UuidRepresentation.STANDARD);
        }
        if (value instanceof ObjectId id) {
            return new BsonObjectId(id);
        }
        if (value instanceof Instant i) {
            return new BsonDateTime(i.toEpochMilli());
        }
        if (value instanceof OffsetDateTime t) {
            return new BsonDateTime(t.toInstant().toEpochMilli());
        }
        if (value instanceof LocalDateTime t) {
            return new BsonDateTime(t.toInstant(ZoneOffset.UTC).toEpochMilli());
        }
        if (value instanceof LocalDate d) {
            return new BsonDateTime(d.toEpochDay() * MILLIS_A_DAY);
        }
        if (value instanceof java.util.Date d) {
            return new BsonDateTime(d.getTime());
        }
        if (value instanceof LocalTime t) {
            return new BsonString(t.toString());
        }
        if (value instanceof List<?> list) {
            BsonArray array = new BsonArray();
            list.forEach(element -> array.add(of(element)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            BsonDocument document = new BsonDocument();
            map.forEach((k, v) -> document.append(String.valueOf(k), of(v)));
            return document;
        }
        if (value instanceof org.apache.arrow.vector.PeriodDuration p) {
            return new BsonString(p.toISO8601IntervalString());
        }
        throw new IllegalArgumentException("a " + value.getClass().getName()
                + " has no BSON value; bind a String, number, Boolean, " + "byte[], UUID, date or time, List or Map");
    }
}
