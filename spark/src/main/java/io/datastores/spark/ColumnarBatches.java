package io.datastores.spark;

import io.datastores.api.arrow.ArrowText;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Turns a provider's Arrow batch into Spark's {@link ColumnarBatch}: each vector Spark reads as it
 * is ({@link SparkColumns#direct}) is wrapped in an {@link ArrowColumn} without a copy; any
 * other is converted into a vector of the type {@link SparkColumns#sparkType} gives it. The
 * converted vectors live until the next batch or {@link #close()}. One per partition reader; not
 * thread-safe.
 */
final class ColumnarBatches implements AutoCloseable {
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private final BufferAllocator allocator;
    private final List<FieldVector> converted = new ArrayList<>();

    ColumnarBatches(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    /**
     * @param vectors the columns of the provider's current batch, in Spark's order; they stay the provider's
     * @param rows the batch's row count
     * @return the batch as Spark reads it, valid until the provider's next batch
     */
    ColumnarBatch wrap(List<FieldVector> vectors, int rows) {
        release();
        ColumnVector[] columns = new ColumnVector[vectors.size()];
        for (int i = 0; i < columns.length; i++) {
            FieldVector vector = vectors.get(i);
            columns[i] = new ArrowColumn(SparkColumns.direct(vector.getField()) ? vector : convert(vector, rows));
        }
        return new ColumnarBatch(columns, rows);
    }

    private FieldVector convert(FieldVector source, int rows) {
        Field field = source.getField();
        DataType type = SparkColumns.sparkType(field);
        FieldVector target = target(field, type);
        converted.add(target);
        target.setInitialCapacity(rows);
        target.allocateNew();
        for (int row = 0; row < rows; row++) {
            if (source.isNull(row)) {
                target.setNull(row);
            } else {
                set(source, target, row);
            }
        }
        target.setValueCount(rows);
        return target;
    }

    private FieldVector target(Field field, DataType type) {
        String name = field.getName();
        if (type == DataTypes.ShortType) {
            return new SmallIntVector(name, allocator);
        } else if (type == DataTypes.IntegerType) {
            return new IntVector(name, allocator);
        } else if (type == DataTypes.LongType) {
            return new BigIntVector(name, allocator);
        } else if (type == DataTypes.FloatType) {
            return new Float4Vector(name, allocator);
        } else if (type == DataTypes.DateType) {
            return new DateDayVector(name, allocator);
        } else if (type == DataTypes.TimestampType) {
            return new TimeStampMicroTZVector(name, allocator, ((ArrowType.Timestamp) field.getType()).getTimezone());
        } else if (type == DataTypes.TimestampNTZType) {
            return new TimeStampMicroVector(name, allocator);
        } else if (type == DataTypes.BinaryType) {
            return new VarBinaryVector(name, allocator);
        } else if (type == DataTypes.StringType) {
            return new VarCharVector(name, allocator);
        }
        return new DecimalVector(name, allocator, 20, 0); // unsigned 64-bit
    }

    private static void set(FieldVector source, FieldVector target, int row) {
        if (target instanceof SmallIntVector v) {
            v.setSafe(row, (short) ((BaseIntVector) source).getValueAsLong(row));
        } else if (target instanceof IntVector v) {
            v.setSafe(row, (int) ((BaseIntVector) source).getValueAsLong(row));
        } else if (target instanceof BigIntVector v) {
            v.setSafe(row, ((BaseIntVector) source).getValueAsLong(row));
        } else if (target instanceof DecimalVector v) {
            v.setSafe(row, new BigDecimal(((UInt8Vector) source).getObjectNoOverflow(row)));
        } else if (target instanceof Float4Vector v) {
            v.setSafe(row, ((Float2Vector) source).getValueAsFloat(row));
        } else if (target instanceof DateDayVector v) {
            v.setSafe(row, (int) Math.floorDiv(((DateMilliVector) source).get(row), 86_400_000L));
        } else if (target instanceof TimeStampMicroTZVector v) {
            v.setSafe(row, micros((TimeStampVector) source, row));
        } else if (target instanceof TimeStampMicroVector v) {
            v.setSafe(row, micros((TimeStampVector) source, row));
        } else if (target instanceof VarBinaryVector v) {
            v.setSafe(row, ((FixedSizeBinaryVector) source).get(row));
        } else {
            ((VarCharVector) target).setSafe(row, text(source, row).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static long micros(TimeStampVector vector, int row) {
        long value = vector.get(row);
        TimeUnit unit = ((ArrowType.Timestamp) vector.getField().getType()).getUnit();
        return switch (unit) {
            case SECOND -> Math.multiplyExact(value, 1_000_000L);
            case MILLISECOND -> Math.multiplyExact(value, 1_000L);
            case MICROSECOND -> value;
            case NANOSECOND -> Math.floorDiv(value, 1_000L);
        };
    }

    private static String text(FieldVector vector, int row) {
        String canonical = ArrowText.of(vector, row);
        if (canonical != null) {
            return canonical;
        }
        long micros = vector instanceof TimeMicroVector v
                ? v.get(row)
                : vector instanceof TimeMilliVector v
                        ? v.get(row) * 1_000L
                        : vector instanceof TimeNanoVector v
                                ? v.get(row) / 1_000L
                                : vector instanceof TimeSecVector v ? v.get(row) * 1_000_000L : -1;
        if (micros >= 0) {
            return LocalTime.ofNanoOfDay(Math.floorMod(micros, MICROS_PER_DAY) * 1_000L)
                    .toString();
        }
        Object value = vector.getObject(row);
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
    }

    private void release() {
        converted.forEach(FieldVector::close);
        converted.clear();
    }

    @Override
    public void close() {
        release();
    }
}
