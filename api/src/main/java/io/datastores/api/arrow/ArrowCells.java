package io.datastores.api.arrow;

import io.datastores.api.bulk.ArrowTimestamps;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * One cell of an Arrow batch as a plain Java value, for a provider whose driver binds Java objects
 * (Cassandra, Neo4j …): each provider then adapts only what its driver wants differently.
 *
 * <p>Stateless.
 */
public final class ArrowCells {
    private ArrowCells() {}

    /**
     * @param vector the column
     * @param row the row
     * @return {@code null} for NULL; else a {@link Long} for signed integers (a {@link BigInteger}
     *     for unsigned 64-bit ones), {@link Float} or {@link Double}, {@link java.math.BigDecimal},
     *     {@link String} for text and JSON, {@code byte[]} for binary, {@link Boolean},
     *     {@link LocalDate}, {@link java.time.Instant} for a timestamp (with or without zone:
     *     {@link ArrowTimestamps#zoned} tells which), {@link LocalTime},
     *     {@link java.util.UUID}, {@link org.apache.arrow.vector.PeriodDuration} for a
     *     month-day-nano interval, and a {@link List} of such values for a list
     * @throws IllegalArgumentException for an Arrow type with none of these forms, naming the column
     */
    public static Object value(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        if (vector instanceof UuidVector v) {
            return v.getObject(row);
        }
        if (vector instanceof JsonVector v) {
            return v.getObject(row);
        }
        if (vector instanceof UInt8Vector v) {
            return new BigInteger(Long.toUnsignedString(v.get(row)));
        }
        if (vector instanceof BaseIntVector v) {
            return v.getValueAsLong(row);
        }
        if (vector instanceof Float8Vector v) {
            return v.get(row);
        }
        if (vector instanceof Float4Vector v) {
            return v.get(row);
        }
        if (vector instanceof DecimalVector v) {
            return v.getObject(row);
        }
        if (vector instanceof VarCharVector v) {
            return v.getObject(row).toString();
        }
        if (vector instanceof LargeVarCharVector v) {
            return v.getObject(row).toString();
        }
        if (vector instanceof VarBinaryVector v) {
            return v.get(row);
        }
        if (vector instanceof LargeVarBinaryVector v) {
            return v.get(row);
        }
        if (vector instanceof FixedSizeBinaryVector v) {
            return v.get(row);
        }
        if (vector instanceof BitVector v) {
            return v.get(row) == 1;
        }
        if (vector instanceof DateDayVector v) {
            return LocalDate.ofEpochDay(v.get(row));
        }
        if (vector instanceof DateMilliVector v) {
            return LocalDate.ofEpochDay(Math.floorDiv(v.get(row), 86_400_000L));
        }
        if (vector instanceof TimeStampVector v) {
            return ArrowTimestamps.instant(v, row);
        }
        if (vector instanceof TimeSecVector v) {
            return LocalTime.ofSecondOfDay(v.get(row));
        }
        if (vector instanceof TimeMilliVector v) {
            return LocalTime.ofNanoOfDay(v.get(row) * 1_000_000L);
        }
        if (vector instanceof TimeMicroVector v) {
            return LocalTime.ofNanoOfDay(v.get(row) * 1_000L);
        }
        if (vector instanceof TimeNanoVector v) {
            return LocalTime.ofNanoOfDay(v.get(row));
        }
        if (vector instanceof IntervalMonthDayNanoVector v) {
            return v.getObject(row);
        }
        if (vector instanceof ListVector v) {
            return list(v, row);
        }
        throw new IllegalArgumentException("column '" + vector.getName() + "' of Arrow type "
                + vector.getField().getType() + " has no plain Java value");
    }

    private static List<Object> list(ListVector vector, int row) {
        List<Object> values = new ArrayList<>();
        FieldVector elements = vector.getDataVector();
        for (int i = vector.getElementStartIndex(row); i < vector.getElementEndIndex(row); i++) {
            values.add(value(elements, i));
        }
        return values;
    }
}
