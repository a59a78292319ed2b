package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.CqlDuration;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.DataTypes;
import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.arrow.UuidVector;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
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
 * {@code arrow.uuid}; {@code duration} as {@code Interval(MONTH_DAY_NANO)}; collections, tuples
 * and UDTs as their CQL literal text.
 */
final class CqlToArrow {
    static final String LOCAL = "local";

    private CqlToArrow() {}

    /** @param recorded the Arrow type the table's comment records for the column, or {@code null} */
    static Field field(String name, DataType type, String recorded, boolean nullable) {
        ArrowType arrow = arrowType(type, recorded);
        return new Field(name, nullable ? FieldType.nullable(arrow) : FieldType.notNullable(arrow), null);
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
        }
        return Types.OTHER;
    }

    /** Copies column {@code column} of {@code row} into {@code vector} at {@code index}; NULL stays NULL. */
    static void set(FieldVector vector, int index, Row row, int column, DataType type) {
        if (row.isNull(column)) {
            vector.setNull(index);
        } else if (vector instanceof BigIntVector v) {
            v.setSafe(index, row.getLong(column));
        } else if (vector instanceof IntVector v) {
            v.setSafe(index, row.getInt(column));
        } else if (vector instanceof SmallIntVector v) {
            v.setSafe(index, row.getShort(column));
        } else if (vector instanceof TinyIntVector v) {
            v.setSafe(index, row.getByte(column));
        } else if (vector instanceof DecimalVector v) {
            BigDecimal value = type.equals(DataTypes.VARINT)
                    ? new BigDecimal(row.getBigInteger(column))
                    : row.getBigDecimal(column);
            // Exact: a value with more digits than the recorded scale fails rather than being rounded.
            v.setSafe(index, value.setScale(v.getScale(), RoundingMode.UNNECESSARY));
        } else if (vector instanceof Float8Vector v) {
            v.setSafe(index, row.getDouble(column));
        } else if (vector instanceof Float4Vector v) {
            v.setSafe(index, row.getFloat(column));
        } else if (vector instanceof BitVector v) {
            v.setSafe(index, row.getBoolean(column) ? 1 : 0);
        } else if (vector instanceof VarBinaryVector v) {
            ByteBuffer bytes = row.getByteBuffer(column);
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            v.setSafe(index, copy);
        } else if (vector instanceof UuidVector v) {
            v.setSafe(index, row.getUuid(column));
        } else if (vector instanceof TimeStampVector v) {
            v.setSafe(index, row.getInstant(column).toEpochMilli());
        } else if (vector instanceof DateDayVector v) {
            v.setSafe(index, (int) row.getLocalDate(column).toEpochDay());
        } else if (vector instanceof TimeNanoVector v) {
            v.setSafe(index, row.getLocalTime(column).toNanoOfDay());
        } else if (vector instanceof IntervalMonthDayNanoVector v) {
            CqlDuration duration = row.getCqlDuration(column);
            v.setSafe(index, duration.getMonths(), duration.getDays(), duration.getNanoseconds());
        } else if (vector instanceof VarCharVector v) {
            v.setSafe(index, text(row, column, type).getBytes(StandardCharsets.UTF_8));
        } else {
            throw new IllegalStateException("no reader for " + vector.getField());
        }
    }

    private static String text(Row row, int column, DataType type) {
        if (type.equals(DataTypes.TEXT) || type.equals(DataTypes.ASCII)) {
            return row.getString(column);
        }
        if (type.equals(DataTypes.DECIMAL)) {
            return row.getBigDecimal(column).toPlainString();
        }
        if (type.equals(DataTypes.INET)) {
            return row.getInetAddress(column).getHostAddress();
        }
        // Collections, tuples, UDTs: the CQL literal, as the driver's codec formats it.
        return row.codecRegistry().codecFor(type).format(row.getObject(column));
    }
}
