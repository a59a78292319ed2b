package io.datastores.s3;

import io.datastores.api.arrow.ArrowText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.ExtensionTypeVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Writes Parquet column by column straight from Arrow vectors through parquet-java's column
 * writers and {@link ParquetFileWriter} on an {@link OutputFile}: no Hadoop, no row objects. Memory
 * is one row group's encoded pages ({@link #ROW_GROUP_BYTES}); Snappy-compressed.
 */
final class ParquetPartWriter implements PartWriter {
    /**
     * Row groups of about this many encoded bytes: a reader holds one row group's column chunks at
     * once (64 MiB left a 256 MiB heap too little room beside the batches and an in-process S3
     * server: the big-write test ran out of heap now and then), yet big enough to scan well.
     */
    static final long ROW_GROUP_BYTES = 32L << 20;

    private final MessageType schema;
    private final List<ColumnDescriptor> columns;
    private final ParquetProperties properties;
    private final BytesInputCompressor compressor;
    private final ParquetFileWriter file;
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private long rows;

    @SuppressWarnings("deprecation") // the non-deprecated ParquetFileWriter constructors take a Hadoop Configuration
    ParquetPartWriter(Schema arrow, OutputStream out) throws IOException {
        this.schema = ParquetSchemas.toParquet(arrow);
        this.columns = schema.getColumns();
        this.properties = ParquetProperties.builder()
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .build();
        this.compressor = ParquetCodecs.INSTANCE.getCompressor(CompressionCodecName.SNAPPY);
        this.file = new ParquetFileWriter(
                new StreamOutputFile(out), schema, ParquetFileWriter.Mode.CREATE, ROW_GROUP_BYTES, 0);
        file.start();
        newRowGroup();
    }

    private void newRowGroup() {
        pages = new ColumnChunkPageWriteStore(
                compressor,
                schema,
                properties.getAllocator(),
                properties.getColumnIndexTruncateLength(),
                properties.getPageWriteChecksumEnabled());
        store = properties.newColumnWriteStore(schema, pages, pages);
    }

    @Override
    public void write(VectorSchemaRoot batch) throws IOException {
        int count = batch.getRowCount();
        for (int i = 0; i < columns.size(); i++) {
            // Every field is one leaf column: a primitive, or a list of one primitive.
            FieldVector vector = batch.getVector(i);
            ColumnWriter writer = store.getColumnWriter(columns.get(i));
            int definition = columns.get(i).getMaxDefinitionLevel();
            if (vector instanceof ListVector list) {
                list(writer, list, count, definition, vector.getField().isNullable());
                continue;
            }
            for (int row = 0; row < count; row++) {
                if (vector.isNull(row)) {
                    writer.writeNull(0, 0);
                } else {
                    value(writer, vector, row, 0, definition);
                }
            }
        }
        // Records end after their columns: the store checks page sizes per record.
        for (int row = 0; row < count; row++) {
            store.endRecord();
        }
        rows += count;
        if (store.getBufferedSize() >= ROW_GROUP_BYTES) {
            flushRowGroup();
            newRowGroup();
        }
    }

    /**
     * A list's levels: a NULL list is defined to 0, an empty one to the list's own level, a NULL
     * element to one below the leaf and a value to the leaf; elements after a row's first repeat at 1.
     */
    private static void list(ColumnWriter writer, ListVector list, int count, int leaf, boolean nullable) {
        FieldVector elements = list.getDataVector();
        int empty = nullable ? 1 : 0;
        for (int row = 0; row < count; row++) {
            int from = list.getElementStartIndex(row);
            int to = list.getElementEndIndex(row);
            if (list.isNull(row)) {
                writer.writeNull(0, 0);
            } else if (from == to) {
                writer.writeNull(0, empty);
            }
            for (int i = from; !list.isNull(row) && i < to; i++) {
                int repetition = i == from ? 0 : 1;
                if (elements.isNull(i)) {
                    writer.writeNull(repetition, leaf - 1);
                } else {
                    value(writer, elements, i, repetition, leaf);
                }
            }
        }
    }

    private static void value(ColumnWriter writer, FieldVector vector, int row, int r, int d) {
        ArrowType type = vector.getField().getType();
        if (vector instanceof IntervalMonthDayNanoVector interval) {
            writer.write(Binary.fromString(ArrowText.interval(interval, row)), r, d);
            return;
        }
        if (vector instanceof ExtensionTypeVector<?> extension) {
            // UUID and JSON are written as their storage (16 bytes, UTF-8) under their logical type.
            value(writer, extension.getUnderlyingVector(), row, r, d);
            return;
        }
        switch (type.getTypeID()) {
            case Int -> {
                long value = ((BaseIntVector) vector).getValueAsLong(row);
                if (((ArrowType.Int) type).getBitWidth() == 64) {
                    writer.write(value, r, d);
                } else {
                    writer.write((int) value, r, d);
                }
            }
            case FloatingPoint -> {
                if (vector instanceof Float4Vector f) {
                    writer.write(f.get(row), r, d);
                } else {
                    writer.write(((Float8Vector) vector).get(row), r, d);
                }
            }
            case Decimal -> decimal(writer, (DecimalVector) vector, row, r, d);
            case Utf8 -> writer.write(Binary.fromConstantByteArray(((VarCharVector) vector).get(row)), r, d);
            case Binary -> writer.write(Binary.fromConstantByteArray(((VarBinaryVector) vector).get(row)), r, d);
            case LargeUtf8, LargeBinary -> writer.write(Binary.fromConstantByteArray(bytes(vector, row)), r, d);
            case FixedSizeBinary ->
                writer.write(Binary.fromConstantByteArray(((FixedSizeBinaryVector) vector).get(row)), r, d);
            case Bool -> writer.write(((BitVector) vector).get(row) != 0, r, d);
            case Date ->
                writer.write(
                        vector instanceof DateDayVector day
                                ? day.get(row)
                                : (int) Math.floorDiv(((DateMilliVector) vector).get(row), 86_400_000L),
                        r,
                        d);
            case Time -> {
                if (vector instanceof TimeSecVector s) {
                    writer.write(s.get(row) * 1000, r, d);
                } else if (vector instanceof TimeMilliVector m) {
                    writer.write(m.get(row), r, d);
                } else if (vector instanceof TimeMicroVector m) {
                    writer.write(m.get(row), r, d);
                } else {
                    writer.write(((TimeNanoVector) vector).get(row), r, d);
                }
            }
            case Timestamp -> {
                long value = ((TimeStampVector) vector).get(row);
                writer.write(
                        ((ArrowType.Timestamp) type).getUnit() == TimeUnit.SECOND
                                ? Math.multiplyExact(value, 1000L)
                                : value,
                        r,
                        d);
            }
            default -> throw new IllegalArgumentException("Parquet cannot hold Arrow type " + type);
        }
    }

    private static byte[] bytes(FieldVector vector, int row) {
        Object value = vector.getObject(row);
        return value instanceof byte[] b ? b : value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Arrow keeps decimals as 16-byte little-endian two's complement; Parquet wants the unscaled value big-endian. */
    private static void decimal(ColumnWriter writer, DecimalVector vector, int row, int r, int d) {
        ArrowBuf data = vector.getDataBuffer();
        long offset = (long) row * DecimalVector.TYPE_WIDTH;
        int precision = vector.getPrecision();
        if (precision <= 18) {
            long unscaled = data.getLong(offset);
            if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
                unscaled = Long.reverseBytes(unscaled);
            }
            if (precision <= 9) {
                writer.write((int) unscaled, r, d);
            } else {
                writer.write(unscaled, r, d);
            }
            return;
        }
        byte[] bigEndian = new byte[DecimalVector.TYPE_WIDTH];
        data.getBytes(offset, bigEndian);
        for (int i = 0; i < bigEndian.length / 2; i++) {
            byte b = bigEndian[i];
            bigEndian[i] = bigEndian[bigEndian.length - 1 - i];
            bigEndian[bigEndian.length - 1 - i] = b;
        }
        writer.write(Binary.fromConstantByteArray(bigEndian), r, d);
    }

    private void flushRowGroup() throws IOException {
        if (rows > 0) {
            file.startBlock(rows);
            store.flush();
            pages.flushToFileWriter(file);
            file.endBlock();
            rows = 0;
        }
        store.close();
        pages.close();
    }

    @Override
    public void finish() throws IOException {
        flushRowGroup();
        file.end(Map.of());
    }

    /** The object being uploaded, as parquet-java's output file; only ever created once. */
    private static final class StreamOutputFile implements OutputFile {
        private final OutputStream out;

        StreamOutputFile(OutputStream out) {
            this.out = out;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    position++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    position += len;
                }

                @Override
                public void close() {
                    // The upload is closed by its owner, after the footer.
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }
}
