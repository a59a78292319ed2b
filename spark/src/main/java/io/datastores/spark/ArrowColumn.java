package io.datastores.spark;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.vectorized.ArrowColumnVector;

/**
 * Spark's {@link ArrowColumnVector} over a provider's vector, without a copy, with two shortcuts the
 * profile of {@code spark/bench/run.sh} asked for: a batch without NULLs answers {@link #isNullAt}
 * without reading its validity bits, and a {@code Decimal128} of precision ≤ 18 (which Spark keeps as
 * an unscaled {@code long}) is read from the low 64 bits of its value, instead of through a
 * {@code BigDecimal} and a {@code BigInteger} per cell. Everything else is Spark's own accessor.
 */
final class ArrowColumn extends ArrowColumnVector {
    private final boolean noNulls;
    private final ArrowBuf decimals;

    ArrowColumn(ValueVector vector) {
        super(vector);
        this.noNulls = vector.getNullCount() == 0;
        this.decimals = vector instanceof DecimalVector decimal && decimal.getPrecision() <= Decimal.MAX_LONG_DIGITS()
                ? decimal.getDataBuffer()
                : null;
    }

    @Override
    public boolean isNullAt(int rowId) {
        return !noNulls && super.isNullAt(rowId);
    }

    @Override
    public Decimal getDecimal(int rowId, int precision, int scale) {
        if (decimals == null) {
            return super.getDecimal(rowId, precision, scale);
        }
        if (isNullAt(rowId)) {
            return null;
        }
        // Little-endian 128-bit two's complement: below 10^18 the high half is the low half's sign.
        return Decimal.apply(decimals.getLong((long) rowId * DecimalVector.TYPE_WIDTH), precision, scale);
    }
}
