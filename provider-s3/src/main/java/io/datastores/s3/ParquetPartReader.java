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
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetMetricsCallback;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Reads a flat Parquet file row group by row group through parquet-java's column readers,
 * straight into Arrow vectors. Memory is one row group's compressed pages.
 */
final class ParquetPartReader implements PartReader {
    private final ParquetFileReader file;
    private final MessageType parquet;
    private final List<ColumnDescriptor> columns;
    private final Schema schema;
    private final String createdBy;
    private ColumnReader[] readers;
    private long rowsLeftInGroup;

    private ParquetPartReader(ParquetFileReader file, String key) {
        this.file = file;
        this.parquet = file.getFooter().getFileMetaData().getSchema();
        this.columns = parquet.getColumns();
        this.schema = ParquetSchemas.toArrow(parquet, key);
        this.createdBy = file.getFooter().getFileMetaData().getCreatedBy();
    }

    static ParquetPartReader open(InputFile input, String key) throws IOException {
        // The constructor, not open(...): its overloads name Hadoop classes, which are not on the class path.
        ParquetFileReader file = new ParquetFileReader(input, OPTIONS);
        try {
            return new ParquetPartReader(file, key);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /**
     * Read options built without ParquetReadOptions.Builder, whose constructor loads Hadoop's
     * FileInputFormat (through ParquetInputFormat.getFilter) even when given a plain configuration.
     * The options' own constructor is package-private, so it is called reflectively; a parquet-java
     * upgrade that changes it fails every Parquet test at once, loudly.
     */
    private static final ParquetReadOptions OPTIONS = readOptions();

    private static ParquetReadOptions readOptions() {
        try {
            var constructor = ParquetReadOptions.class.getDeclaredConstructor(boolean.class, boolean.class, boolean.class,
                    boolean.class, boolean.class, boolean.class, boolean.class, boolean.class, boolean.class,
                    FilterCompat.Filter.class, ParquetMetadataConverter.MetadataFilter.class, CompressionCodecFactory.class,
                    ByteBufferAllocator.class, int.class, Map.class, FileDecryptionProperties.class,
                    ParquetMetricsCallback.class, ParquetConfiguration.class);
            constructor.setAccessible(true);
            // signed min/max off; stats, dictionary, record, column-index filters on (no filter is set);
            // no page checksums; bloom filters on; no off-heap decrypt buffer; no Hadoop vectored IO.
            return constructor.newInstance(false, true, true, true, true, false, true, false, false, FilterCompat.NOOP,
                    ParquetMetadataConverter.NO_FILTER, ParquetCodecs.INSTANCE, new HeapByteBufferAllocator(), 8 << 20,
                    new HashMap<String, String>(), null, null, new PlainParquetConfiguration());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This parquet-java version builds its read options differently; "
                    + "the S3 provider needs parquet-java 1.17", e);
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
