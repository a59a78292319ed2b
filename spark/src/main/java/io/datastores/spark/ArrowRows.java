package io.datastores.spark;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.arrow.ArrowWriter;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Copies Spark rows into the vectors of one Arrow batch. A schema of top-level atomic columns gets
 * a writer per column that sets fixed-width values without growth checks (the vectors hold a whole
 * batch) and a decimal of precision ≤ 18 from its unscaled {@code long}, where Spark's own
 * {@link ArrowWriter} goes through a {@code BigDecimal} and a {@code BigInteger} per cell; any other
 * schema (lists, structs, maps, intervals …) is Spark's {@link ArrowWriter}. Not thread-safe.
 */
abstract class ArrowRows {
    /** @param row the next row, copied into the batch */
    abstract void write(InternalRow row);

    /** Sets the batch's row count; its vectors are then read. */
    abstract void finish();

    /** Starts the next batch, after the vectors were cleared and allocated again. */
    abstract void reset();

    /**
     * @param root the batch's vectors, each allocated for {@code batchSize} rows
     * @param batchSize the most rows a batch holds
     * @return the fastest writer for the schema
     */
    static ArrowRows of(VectorSchemaRoot root, int batchSize) {
        List<FieldVector> vectors = root.getFieldVectors();
        Cell[] cells = new Cell[vectors.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cell(vectors.get(i));
            if (cells[i] == null) {
                return new Spark(ArrowWriter.create(root));
            }
        }
        for (FieldVector vector : vectors) {
            vector.setInitialCapacity(batchSize);
            vector.allocateNew();
        }
        return new Flat(root, cells);
    }

    /** Writes one non-NULL value of column {@code ordinal} at position {@code index}. */
    private interface Cell {
        void set(InternalRow row, int ordinal, int index);
    }

    private static Cell cell(FieldVector vector) {
        if (vector instanceof BitVector v) {
            return (row, ordinal, index) -> v.set(index, row.getBoolean(ordinal) ? 1 : 0);
        } else if (vector instanceof TinyIntVector v) {
            return (row, ordinal, index) -> v.set(index, row.getByte(ordinal));
        } else if (vector instanceof SmallIntVector v) {
            return (row, ordinal, index) -> v.set(index, row.getShort(ordinal));
        } else if (vector instanceof IntVector v) {
            return (row, ordinal, index) -> v.set(index, row.getInt(ordinal));
        } else if (vector instanceof DateDayVector v) {
            return (row, ordinal, index) -> v.set(index, row.getInt(ordinal));
        } else if (vector instanceof BigIntVector v) {
            return (row, ordinal, index) -> v.set(index, row.getLong(ordinal));
        } else if (vector instanceof TimeStampMicroTZVector v) {
            return (row, ordinal, index) -> v.set(index, row.getLong(ordinal));
        } else if (vector instanceof TimeStampMicroVector v) {
            return (row, ordinal, index) -> v.set(index, row.getLong(ordinal));
        } else if (vector instanceof Float4Vector v) {
            return (row, ordinal, index) -> v.set(index, row.getFloat(ordinal));
        } else if (vector instanceof Float8Vector v) {
            return (row, ordinal, index) -> v.set(index, row.getDouble(ordinal));
        } else if (vector instanceof DecimalVector v) {
            return decimal(v);
        } else if (vector instanceof VarCharVector v) {
            return (row, ordinal, index) -> {
                UTF8String text = row.getUTF8String(ordinal);
                ByteBuffer bytes = text.getByteBuffer();
                v.setSafe(index, bytes, bytes.position(), text.numBytes());
            };
        } else if (vector instanceof VarBinaryVector v) {
            return (row, ordinal, index) -> v.setSafe(index, row.getBinary(ordinal));
        }
        return null;
    }

    private static Cell decimal(DecimalVector vector) {
        int precision = vector.getPrecision();
        int scale = vector.getScale();
        boolean small = precision <= Decimal.MAX_LONG_DIGITS();
        return (row, ordinal, index) -> {
            Decimal value = row.getDecimal(ordinal, precision, scale);
            if (!value.changePrecision(precision, scale)) {
                vector.setNull(index); // as Spark's own writer does with a value that does not fit
            } else if (small) {
                long unscaled = value.toUnscaledLong();
                ArrowBuf data = vector.getDataBuffer();
                long at = (long) index * DecimalVector.TYPE_WIDTH;
                data.setLong(at, unscaled);
                data.setLong(at + Long.BYTES, unscaled < 0 ? -1L : 0L);
                BitVectorHelper.setBit(vector.getValidityBuffer(), index);
            } else {
                vector.set(index, value.toJavaBigDecimal());
            }
        };
    }

    /** Top-level atomic columns, one {@link Cell} each. */
    private static final class Flat extends ArrowRows {
        private final VectorSchemaRoot root;
        private final FieldVector[] vectors;
        private final Cell[] cells;
        private int count;

        Flat(VectorSchemaRoot root, Cell[] cells) {
            this.root = root;
            this.vectors = root.getFieldVectors().toArray(FieldVector[]::new);
            this.cells = cells;
        }

        @Override
        void write(InternalRow row) {
            for (int i = 0; i < cells.length; i++) {
                if (row.isNullAt(i)) {
                    vectors[i].setNull(count);
                } else {
                    cells[i].set(row, i, count);
                }
            }
            count++;
        }

        @Override
        void finish() {
            root.setRowCount(count);
        }

        @Override
        void reset() {
            count = 0;
        }
    }

    /** Spark's own conversion, which knows every Spark type. */
    private static final class Spark extends ArrowRows {
        private final ArrowWriter writer;

        Spark(ArrowWriter writer) {
            this.writer = writer;
        }

        @Override
        void write(InternalRow row) {
            writer.write(row);
        }

        @Override
        void finish() {
            writer.finish();
        }

        @Override
        void reset() {
            writer.reset();
        }
    }
}
