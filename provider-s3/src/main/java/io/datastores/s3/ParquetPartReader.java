package io.datastores.s3;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
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
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(group, new DummyRecordConverter(parquet).getRootConverter(),
                    parquet, createdBy);
            readers = columns.stream().map(store::getColumnReader).toArray(ColumnReader[]::new);
        }
        int rows = (int) Math.min(maxRows, rowsLeftInGroup);
        root.allocateNew();
        for (int i = 0; i < readers.length; i++) {
            FieldVector vector = root.getVector(i);
            ColumnReader reader = readers[i];
            int defined = columns.get(i).getMaxDefinitionLevel();
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

    private static void value(FieldVector vector, ColumnReader reader, int row) {
        PrimitiveTypeName physical = reader.getDescriptor().getPrimitiveType().getPrimitiveTypeName();
        ArrowType type = vector.getField().getType();
        switch (type.getTypeID()) {
            case Int -> ((BaseIntVector) vector).setWithPossibleTruncate(row, physical == PrimitiveTypeName.INT64
                    ? reader.getLong()
                    : ((ArrowType.Int) type).getIsSigned() ? reader.getInteger() : reader.getInteger() & 0xFFFF_FFFFL);
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
                    default -> decimal.setSafe(row, new BigDecimal(new BigInteger(reader.getBinary().getBytesUnsafe()),
                            decimal.getScale()));
                }
            }
            case Utf8 -> ((VarCharVector) vector).setSafe(row, reader.getBinary().getBytesUnsafe());
            case Binary -> ((VarBinaryVector) vector).setSafe(row, reader.getBinary().getBytesUnsafe());
            case FixedSizeBinary -> ((FixedSizeBinaryVector) vector).setSafe(row, reader.getBinary().getBytesUnsafe());
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
