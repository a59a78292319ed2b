package io.datastores.redis;

import io.datastores.api.arrow.ArrowText;
import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.arrow.JsonVector;
import io.datastores.api.arrow.UuidVector;
import io.datastores.api.bulk.TableCreator.TargetType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The one mapping between Arrow and what a hash field holds: every value is text, and the column's
 * type, kept in the table's schema entry, says how to read it back. Integers and decimals as plain
 * digits, floats as Java prints them, binary as lowercase hex, dates, times and timestamps in
 * ISO-8601 (a zoned timestamp as its UTC instant), UUIDs canonical, JSON as it is. Lists and
 * intervals become text ({@link ArrowText}) and are read back as text: a named loss.
 * Stateless and thread-safe.
 */
final class RedisTypes {
    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),\\s*(-?\\d+)\\)");
    private static final Pattern WITH_PRECISION = Pattern.compile("(time|timestamp|timestamptz)\\(([0369])\\)");
    private static final Pattern ZONED = Pattern.compile("timestamptz\\(([0369]),\\s*([A-Za-z0-9/_+:.-]+)\\)");

    private RedisTypes() {}

    /** @return the schema entry's type for a field, with every loss, or empty when Redis cannot keep it */
    static Optional<TargetType> columnType(ArrowType type) {
        Optional<TargetType> canonical = TargetType.canonical(type, "uuid", "json", "text");
        if (canonical.isPresent()) {
            return canonical;
        }
        return Optional.ofNullable(
                switch (type.getTypeID()) {
                    case Bool -> TargetType.exact("boolean");
                    case Int ->
                        TargetType.integer(
                                (ArrowType.Int) type, "tinyint", "smallint", "integer", "bigint", "decimal(20, 0)");
                    case FloatingPoint ->
                        ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.DOUBLE
                                ? TargetType.exact("double")
                                : ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.SINGLE
                                        ? TargetType.exact("real")
                                        : new TargetType("real", List.of("half float widened to real"));
                    case Decimal ->
                        TargetType.exact("decimal(" + ((ArrowType.Decimal) type).getPrecision() + ", "
                                + ((ArrowType.Decimal) type).getScale() + ")");
                    case Utf8, LargeUtf8 -> TargetType.exact("text");
                    case Binary, LargeBinary, FixedSizeBinary -> TargetType.exact("binary");
                    case Date -> TargetType.exact("date");
                    case Time -> TargetType.exact("time(" + digits(((ArrowType.Time) type).getUnit()) + ")");
                    case Timestamp -> timestamp((ArrowType.Timestamp) type);
                    case Interval -> new TargetType("text", List.of(CanonicalTypes.INTERVAL_AS_TEXT));
                    case List, LargeList -> new TargetType("text", List.of(CanonicalTypes.LIST_AS_JSON));
                    case Struct -> new TargetType("text", List.of(CanonicalTypes.STRUCT_AS_JSON));
                    default -> null;
                });
    }

    private static TargetType timestamp(ArrowType.Timestamp type) {
        int digits = digits(type.getUnit());
        if (type.getTimezone() == null) {
            return TargetType.exact("timestamp(" + digits + ")");
        }
        // Values are UTC instants whatever the zone; a zone other than UTC is kept in the type so it comes back.
        return TargetType.exact(
                type.getTimezone().equals("UTC")
                        ? "timestamptz(" + digits + ")"
                        : "timestamptz(" + digits + ", " + type.getTimezone() + ")");
    }

    /** @return the Arrow field a schema-entry type reads back as */
    static Field field(String name, String ddl, boolean nullable) {
        String type = ddl.toLowerCase(Locale.ROOT).trim();
        Matcher decimal = DECIMAL.matcher(type);
        Matcher precise = WITH_PRECISION.matcher(type);
        Matcher zoned = ZONED.matcher(ddl.trim());
        ArrowType arrow;
        if (zoned.matches()) {
            arrow = new ArrowType.Timestamp(unit(zoned.group(1)), zoned.group(2));
        } else if (decimal.matches()) {
            int precision = Integer.parseInt(decimal.group(1));
            arrow = new ArrowType.Decimal(precision, Integer.parseInt(decimal.group(2)), precision > 38 ? 256 : 128);
        } else if (precise.matches()) {
            TimeUnit unit = unit(precise.group(2));
            arrow = switch (precise.group(1)) {
                case "time" ->
                    new ArrowType.Time(unit, unit == TimeUnit.SECOND || unit == TimeUnit.MILLISECOND ? 32 : 64);
                case "timestamp" -> new ArrowType.Timestamp(unit, null);
                default -> new ArrowType.Timestamp(unit, "UTC");
            };
        } else {
            arrow = switch (type) {
                case "boolean" -> ArrowType.Bool.INSTANCE;
                case "tinyint" -> new ArrowType.Int(8, true);
                case "smallint" -> new ArrowType.Int(16, true);
                case "integer" -> new ArrowType.Int(32, true);
                case "bigint" -> new ArrowType.Int(64, true);
                case "real" -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
                case "double" -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
                case "binary" -> ArrowType.Binary.INSTANCE;
                case "date" -> new ArrowType.Date(DateUnit.DAY);
                case "uuid" -> CanonicalTypes.UUID;
                case "json" -> CanonicalTypes.JSON;
                default -> ArrowType.Utf8.INSTANCE;
            };
        }
        return new Field(name, new FieldType(nullable, arrow, null), null);
    }

    /** @return the {@link Types} code of a schema-entry type, for {@code describe} */
    static int jdbcType(Field field) {
        return switch (field.getType().getTypeID()) {
            case Bool -> Types.BOOLEAN;
            case Int -> ((ArrowType.Int) field.getType()).getBitWidth() == 64 ? Types.BIGINT : Types.INTEGER;
            case FloatingPoint -> Types.DOUBLE;
            case Decimal -> Types.DECIMAL;
            case Binary -> Types.VARBINARY;
            case Date -> Types.DATE;
            case Time -> Types.TIME;
            case Timestamp ->
                ((ArrowType.Timestamp) field.getType()).getTimezone() == null
                        ? Types.TIMESTAMP
                        : Types.TIMESTAMP_WITH_TIMEZONE;
            case Utf8 -> Types.VARCHAR;
            default -> Types.OTHER;
        };
    }

    /** Sets a row of a vector this class's {@link #field} made from its text. */
    static void decode(FieldVector vector, int row, String text) {
        ArrowType type = vector.getField().getType();
        if (vector instanceof UuidVector uuid) {
            uuid.setSafe(row, UUID.fromString(text));
        } else if (vector instanceof JsonVector json) {
            json.setSafe(row, text);
        } else if (vector instanceof VarCharVector varchar) {
            varchar.setSafe(row, text.getBytes(StandardCharsets.UTF_8));
        } else if (vector instanceof BitVector bit) {
            bit.setSafe(row, Boolean.parseBoolean(text) ? 1 : 0);
        } else if (vector instanceof TinyIntVector tiny) {
            tiny.setSafe(row, Byte.parseByte(text));
        } else if (vector instanceof SmallIntVector small) {
            small.setSafe(row, Short.parseShort(text));
        } else if (vector instanceof IntVector integer) {
            integer.setSafe(row, Integer.parseInt(text));
        } else if (vector instanceof BigIntVector big) {
            big.setSafe(row, Long.parseLong(text));
        } else if (vector instanceof Float4Vector real) {
            real.setSafe(row, Float.parseFloat(text));
        } else if (vector instanceof Float8Vector dbl) {
            dbl.setSafe(row, Double.parseDouble(text));
        } else if (vector instanceof DecimalVector decimal) {
            decimal.setSafe(row, new BigDecimal(text).setScale(((ArrowType.Decimal) type).getScale()));
        } else if (vector instanceof Decimal256Vector decimal) {
            decimal.setSafe(row, new BigDecimal(text).setScale(((ArrowType.Decimal) type).getScale()));
        } else if (vector instanceof VarBinaryVector binary) {
            binary.setSafe(row, HexFormat.of().parseHex(text));
        } else if (vector instanceof DateDayVector date) {
            date.setSafe(row, (int) LocalDate.parse(text).toEpochDay());
        } else if (vector instanceof TimeSecVector time) {
            time.setSafe(row, LocalTime.parse(text).toSecondOfDay());
        } else if (vector instanceof TimeMilliVector time) {
            time.setSafe(row, (int) (LocalTime.parse(text).toNanoOfDay() / 1_000_000));
        } else if (vector instanceof TimeMicroVector time) {
            time.setSafe(row, LocalTime.parse(text).toNanoOfDay() / 1_000);
        } else if (vector instanceof TimeNanoVector time) {
            time.setSafe(row, LocalTime.parse(text).toNanoOfDay());
        } else if (vector instanceof TimeStampVector timestamp) {
            timestamp.setSafe(row, timestampValue(text, (ArrowType.Timestamp) type));
        } else {
            throw new IllegalArgumentException("no text reading for " + type);
        }
    }

    private static long timestampValue(String text, ArrowType.Timestamp type) {
        Instant instant =
                type.getTimezone() == null ? LocalDateTime.parse(text).toInstant(ZoneOffset.UTC) : Instant.parse(text);
        long per = nanosPer(type.getUnit());
        // From seconds and nanoseconds apart: ChronoUnit.between goes through nanoseconds, which overflow before 1678.
        return Math.addExact(
                Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L / per), instant.getNano() / per);
    }

    private static long nanosPer(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 1_000_000_000L;
            case MILLISECOND -> 1_000_000L;
            case MICROSECOND -> 1_000L;
            case NANOSECOND -> 1L;
        };
    }

    private static int digits(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 0;
            case MILLISECOND -> 3;
            case MICROSECOND -> 6;
            case NANOSECOND -> 9;
        };
    }

    private static TimeUnit unit(String digits) {
        return switch (digits) {
            case "0" -> TimeUnit.SECOND;
            case "3" -> TimeUnit.MILLISECOND;
            case "9" -> TimeUnit.NANOSECOND;
            default -> TimeUnit.MICROSECOND;
        };
    }
}
