package io.datastores.jdbc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * How {@link ResultSetArrowReader} maps each result-set column: the Arrow type a JDBC type reads
 * as, and the getter that copies its value without a detour through a String where one exists.
 */
final class ResultSetColumns {
    private ResultSetColumns() {}

    /** Copies column {@code column} of the current row into {@code vector} at {@code row}. */
    @FunctionalInterface
    interface Filler {
        void fill(ResultSet rs, int column, FieldVector vector, int row) throws SQLException;
    }

    record Mapping(ArrowType type, Filler filler) {}

    static Mapping map(ResultSetMetaData metaData, int column, JdbcDialect dialect) throws SQLException {
        boolean signed = dialect.isSigned(metaData, column);
        int precision = metaData.getPrecision(column);
        int scale = metaData.getScale(column);
        return switch (dialect.columnType(metaData, column)) {
            case Types.BOOLEAN -> bool();
            case Types.BIT -> precision <= 1 ? bool() : binary();
            case Types.TINYINT -> signed ? tinyInt() : smallInt();
            case Types.SMALLINT -> signed ? smallInt() : integer();
            case Types.INTEGER -> signed ? integer() : bigInt();
            case Types.BIGINT -> signed ? bigInt() : decimal(20, 0);
            case Types.REAL ->
                new Mapping(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), (rs, c, v, r) -> {
                    float value = rs.getFloat(c);
                    if (rs.wasNull()) {
                        ((Float4Vector) v).setNull(r);
                    } else {
                        ((Float4Vector) v).setSafe(r, value);
                    }
                });
            case Types.FLOAT, Types.DOUBLE ->
                new Mapping(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), (rs, c, v, r) -> {
                    double value = rs.getDouble(c);
                    if (rs.wasNull()) {
                        ((Float8Vector) v).setNull(r);
                    } else {
                        ((Float8Vector) v).setSafe(r, value);
                    }
                });
            case Types.NUMERIC, Types.DECIMAL ->
                precision > 0 && precision <= 38 && scale >= 0 && scale <= precision
                        ? decimal(precision, scale)
                        : text();
            case Types.DATE -> dialect.storesTemporalAsText() ? textDate() : date();
            case Types.TIME -> dialect.storesTemporalAsText() ? textTime() : time();
            case Types.TIMESTAMP_WITH_TIMEZONE -> instant();
            case Types.TIMESTAMP ->
                dialect.storesTemporalAsText()
                        ? textWallClock()
                        : dialect.isInstantType(metaData.getColumnTypeName(column)) ? instant() : wallClock();
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> binary();
            default -> text();
        };
    }

    private static Mapping bool() {
        return new Mapping(ArrowType.Bool.INSTANCE, (rs, c, v, r) -> {
            boolean value = rs.getBoolean(c);
            if (rs.wasNull()) {
                ((BitVector) v).setNull(r);
            } else {
                ((BitVector) v).setSafe(r, value ? 1 : 0);
            }
        });
    }

    private static Mapping tinyInt() {
        return new Mapping(new ArrowType.Int(8, true), (rs, c, v, r) -> {
            byte value = rs.getByte(c);
            if (rs.wasNull()) {
                ((TinyIntVector) v).setNull(r);
            } else {
                ((TinyIntVector) v).setSafe(r, value);
            }
        });
    }

    private static Mapping smallInt() {
        return new Mapping(new ArrowType.Int(16, true), (rs, c, v, r) -> {
            short value = rs.getShort(c);
            if (rs.wasNull()) {
                ((SmallIntVector) v).setNull(r);
            } else {
                ((SmallIntVector) v).setSafe(r, value);
            }
        });
    }

    private static Mapping integer() {
        return new Mapping(new ArrowType.Int(32, true), (rs, c, v, r) -> {
            int value = rs.getInt(c);
            if (rs.wasNull()) {
                ((IntVector) v).setNull(r);
            } else {
                ((IntVector) v).setSafe(r, value);
            }
        });
    }

    private static Mapping bigInt() {
        return new Mapping(new ArrowType.Int(64, true), (rs, c, v, r) -> {
            long value = rs.getLong(c);
            if (rs.wasNull()) {
                ((BigIntVector) v).setNull(r);
            } else {
                ((BigIntVector) v).setSafe(r, value);
            }
        });
    }

    private static Mapping decimal(int precision, int scale) {
        return new Mapping(new ArrowType.Decimal(precision, scale, 128), (rs, c, v, r) -> {
            BigDecimal value = rs.getBigDecimal(c);
            if (value == null) {
                ((DecimalVector) v).setNull(r);
            } else {
                // Drivers may drop trailing zeros; the vector needs the column's exact scale.
                ((DecimalVector) v).setSafe(r, value.setScale(scale, RoundingMode.UNNECESSARY));
            }
        });
    }

    private static Mapping wallClock() {
        return new Mapping(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null), (rs, c, v, r) -> {
            LocalDateTime value = rs.getObject(c, LocalDateTime.class);
            if (value == null) {
                ((TimeStampVector) v).setNull(r);
            } else {
                ((TimeStampVector) v).setSafe(r, micros(value.toEpochSecond(ZoneOffset.UTC), value.getNano()));
            }
        });
    }

    private static Mapping instant() {
        return new Mapping(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), (rs, c, v, r) -> {
            OffsetDateTime value = rs.getObject(c, OffsetDateTime.class);
            if (value == null) {
                ((TimeStampVector) v).setNull(r);
            } else {
                ((TimeStampVector) v).setSafe(r, micros(value.toEpochSecond(), value.getNano()));
            }
        });
    }

    private static long micros(long epochSecond, int nano) {
        return Math.addExact(Math.multiplyExact(epochSecond, 1_000_000L), nano / 1000);
    }

    private static Mapping date() {
        return new Mapping(new ArrowType.Date(DateUnit.DAY), (rs, c, v, r) -> {
            LocalDate value = rs.getObject(c, LocalDate.class);
            if (value == null) {
                ((DateDayVector) v).setNull(r);
            } else {
                ((DateDayVector) v).setSafe(r, Math.toIntExact(value.toEpochDay()));
            }
        });
    }

    private static Mapping time() {
        return new Mapping(new ArrowType.Time(TimeUnit.MICROSECOND, 64), (rs, c, v, r) -> {
            LocalTime value = rs.getObject(c, LocalTime.class);
            if (value == null) {
                ((TimeMicroVector) v).setNull(r);
            } else {
                ((TimeMicroVector) v).setSafe(r, value.toNanoOfDay() / 1000);
            }
        });
    }

    private static Mapping textDate() {
        return new Mapping(new ArrowType.Date(DateUnit.DAY), (rs, c, v, r) -> {
            String text = rs.getString(c);
            if (text == null) {
                ((DateDayVector) v).setNull(r);
            } else {
                ((DateDayVector) v)
                        .setSafe(
                                r,
                                Math.toIntExact(TemporalText.dateTime(text, v)
                                        .toLocalDate()
                                        .toEpochDay()));
            }
        });
    }

    private static Mapping textTime() {
        return new Mapping(new ArrowType.Time(TimeUnit.MICROSECOND, 64), (rs, c, v, r) -> {
            String text = rs.getString(c);
            if (text == null) {
                ((TimeMicroVector) v).setNull(r);
            } else {
                ((TimeMicroVector) v).setSafe(r, TemporalText.nanoOfDay(text, v) / 1000);
            }
        });
    }

    private static Mapping textWallClock() {
        return new Mapping(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null), (rs, c, v, r) -> {
            String text = rs.getString(c);
            if (text == null) {
                ((TimeStampVector) v).setNull(r);
            } else {
                LocalDateTime value = TemporalText.dateTime(text, v);
                ((TimeStampVector) v).setSafe(r, micros(value.toEpochSecond(ZoneOffset.UTC), value.getNano()));
            }
        });
    }

    private static Mapping binary() {
        return new Mapping(ArrowType.Binary.INSTANCE, (rs, c, v, r) -> {
            byte[] value = rs.getBytes(c);
            if (value == null) {
                ((VarBinaryVector) v).setNull(r);
            } else {
                ((VarBinaryVector) v).setSafe(r, value);
            }
        });
    }

    private static Mapping text() {
        return new Mapping(ArrowType.Utf8.INSTANCE, (rs, c, v, r) -> {
            String value = rs.getString(c);
            if (value == null) {
                ((VarCharVector) v).setNull(r);
            } else {
                ((VarCharVector) v).setSafe(r, value.getBytes(StandardCharsets.UTF_8));
            }
        });
    }
}
