package io.datastores.s3;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.ExtensionTypeVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Reads a flat Parquet file row group by row group ({@link ParquetFile}) through parquet-column's
 * column readers, straight into Arrow vectors. Memory is one row group's compressed pages.
 */
final class ParquetPartReader implements PartReader {
    private final ParquetFile file;
    private final MessageType parquet;
    private final List<ColumnDescriptor> columns;
    private final Schema schema;
    private final String createdBy;
    private ColumnReader[] readers;
    private long[] consumed;
    private long rowsLeftInGroup;

    private ParquetPartReader(ParquetFile file, String key) {
        this.file = file;
        this.parquet = file.footer().getFileMetaData().getSchema();
        this.columns = parquet.getColumns();
        this.schema = ParquetSchemas.toArrow(parquet, key);
        this.createdBy = file.footer().getFileMetaData().getCreatedBy();
    }

    static ParquetPartReader open(InputFile input, String key) throws IOException {
        ParquetFile file = ParquetFile.open(input);
        try {
            return new ParquetPartReader(file, key);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public int fill(VectorSchemaRoot root, int maxRows) throws IOException {
        while (rowsLeftInGroup == 0) {
            PageReadStore group = file.readNextRowGroup();
            if (group == null) {
                return 0;
            }
            rowsLeftInGroup = group.getRowCount();
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(
                    group, new DummyRecordConverter(parquet).getRootConverter(), parquet, createdBy);
            readers = columns.stream().map(store::getColumnReader).toArray(ColumnReader[]::new);
            consumed = new long[readers.length];
        }
        int rows = (int) Math.min(maxRows, rowsLeftInGroup);
        root.allocateNew();
        for (int i = 0; i < readers.length; i++) {
            FieldVector vector = root.getVector(i);
            ColumnReader reader = readers[i];
            int defined = columns.get(i).getMaxDefinitionLevel();
            if (vector instanceof ListVector list) {
                list(list, i, rows, defined, vector.getField().isNullable());
                continue;
            }
            for (int row = 0; row < rows; row++) {
                if (reader.getCurrentDefinitionLevel() < defined) {
                    vector.setNull(row);
                } else {
                    value(vector, reader, row);
                }
                reader.consume();
            }
        }
        rowsLeftInGroup -= rows;
        root.setRowCount(rows);
        return rows;
    }

    /** The writer's levels read back ({@code ParquetPartWriter.list}): a row's elements end where repetition is 0. */
    @SuppressWarnings("deprecation") // getTotalValueCount: the column chunk's value count, which no replacement gives
    private void list(ListVector list, int column, int rows, int leaf, boolean nullable) {
        ColumnReader reader = readers[column];
        FieldVector elements = list.getDataVector();
        int empty = nullable ? 1 : 0;
        for (int row = 0; row < rows; row++) {
            int definition = reader.getCurrentDefinitionLevel();
            if (definition < empty) {
                list.setNull(row);
                consume(column);
                continue;
            }
            int first = list.startNewValue(row);
            int count = 0;
            if (definition == empty) {
                consume(column);
            } else {
                do {
                    if (reader.getCurrentDefinitionLevel() < leaf) {
                        elements.setNull(first + count);
                    } else {
                        value(elements, reader, first + count);
                    }
                    count++;
                    consume(column);
                } while (consumed[column] < reader.getTotalValueCount() && reader.getCurrentRepetitionLevel() > 0);
            }
            list.endValue(row, count);
        }
    }

    /** Counts what a list column consumed: its levels cannot be read past the row group's last value. */
    private void consume(int column) {
        readers[column].consume();
        consumed[column]++;
    }

    private static void value(FieldVector vector, ColumnReader reader, int row) {
        if (vector instanceof ExtensionTypeVector<?> extension) {
            // UUID and JSON are read into their storage (16 bytes, UTF-8).
            value(extension.getUnderlyingVector(), reader, row);
            return;
        }
        PrimitiveTypeName physical = reader.getDescriptor().getPrimitiveType().getPrimitiveTypeName();
        ArrowType type = vector.getField().getType();
        switch (type.getTypeID()) {
            case Int ->
                ((BaseIntVector) vector)
                        .setWithPossibleTruncate(
                                row,
                                physical == PrimitiveTypeName.INT64
                                        ? reader.getLong()
                                        : ((ArrowType.Int) type).getIsSigned()
                                                ? reader.getInteger()
                                                : reader.getInteger() & 0xFFFF_FFFFL);
            case FloatingPoint -> {
                if (vector instanceof Float4Vector f) {
                    f.setSafe(row, reader.getFloat());
                } else {
                    ((Float8Vector) vector).setSafe(row, reader.getDouble());
                }
            }
            case Decimal -> {
                DecimalVector decimal = (DecimalVector) vector;
                switch (physical) {
                    case INT32 -> decimal.setSafe(row, BigDecimal.valueOf(reader.getInteger(), decimal.getScale()));
                    case INT64 -> decimal.setSafe(row, BigDecimal.valueOf(reader.getLong(), decimal.getScale()));
                    default ->
                        decimal.setSafe(
                                row,
                                new BigDecimal(
                                        new BigInteger(reader.getBinary().getBytesUnsafe()), decimal.getScale()));
                }
            }
            case Utf8 ->
                ((VarCharVector) vector).setSafe(row, reader.getBinary().getBytesUnsafe());
            case Binary ->
                ((VarBinaryVector) vector).setSafe(row, reader.getBinary().getBytesUnsafe());
            case FixedSizeBinary ->
                ((FixedSizeBinaryVector) vector).setSafe(row, reader.getBinary().getBytesUnsafe());
            case Bool -> ((BitVector) vector).setSafe(row, reader.getBoolean() ? 1 : 0);
            case Date -> ((DateDayVector) vector).setSafe(row, reader.getInteger());
            case Time -> {
                if (vector instanceof TimeMilliVector millis) {
                    millis.setSafe(row, reader.getInteger());
                } else if (vector instanceof TimeMicroVector micros) {
                    micros.setSafe(row, reader.getLong());
                } else {
                    ((TimeNanoVector) vector).setSafe(row, reader.getLong());
                }
            }
            case Timestamp -> ((TimeStampVector) vector).setSafe(row, reader.getLong());
            default -> throw new IllegalStateException("Arrow type " + type + " is not read from Parquet");
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
