package io.datastores.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputDecompressor;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.PrimitiveType;

/**
 * A Parquet file read with parquet-format's page headers and parquet-column's page types: the
 * footer, then one row group at a time (its column chunks read whole, each page decompressed only
 * when the column reader asks for it). parquet-java's own {@code ParquetFileReader} needs read
 * options whose builder loads Hadoop classes; this needs none. Not thread-safe.
 */
final class ParquetFile implements AutoCloseable {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final ParquetMetadataConverter CONVERTER = new ParquetMetadataConverter();

    private final SeekableInputStream in;
    private final ParquetMetadata footer;
    private int nextGroup;

    private ParquetFile(SeekableInputStream in, ParquetMetadata footer) {
        this.in = in;
        this.footer = footer;
    }

    static ParquetFile open(InputFile file) throws IOException {
        long length = file.getLength();
        if (length < 12) {
            throw new IOException("not a Parquet file: " + length + " bytes");
        }
        SeekableInputStream in = file.newStream();
        try {
            in.seek(length - 8);
            byte[] tail = new byte[8];
            in.readFully(tail);
            if (!java.util.Arrays.equals(tail, 4, 8, MAGIC, 0, 4)) {
                throw new IOException("not a Parquet file: it does not end in PAR1");
            }
            int footerLength =
                    (tail[0] & 0xff) | (tail[1] & 0xff) << 8 | (tail[2] & 0xff) << 16 | (tail[3] & 0xff) << 24;
            if (footerLength <= 0 || footerLength > length - 12) {
                throw new IOException("not a Parquet file: footer length " + footerLength + " in a file of " + length);
            }
            in.seek(length - 8 - footerLength);
            byte[] bytes = new byte[footerLength];
            in.readFully(bytes);
            // The footer is in memory already; the Thrift size limit only has to admit it.
            return new ParquetFile(
                    in,
                    CONVERTER.fromParquetMetadata(
                            Util.readFileMetaData(new ByteArrayInputStream(bytes), Math.max(footerLength, 100 << 20))));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    ParquetMetadata footer() {
        return footer;
    }

    /** @return the next row group's pages, or {@code null} after the last */
    PageReadStore readNextRowGroup() throws IOException {
        List<BlockMetaData> groups = footer.getBlocks();
        if (nextGroup == groups.size()) {
            return null;
        }
        BlockMetaData group = groups.get(nextGroup++);
        Map<ColumnPath, PageReader> columns = new HashMap<>();
        for (ColumnChunkMetaData chunk : group.getColumns()) {
            in.seek(chunk.getStartingPos());
            byte[] bytes = new byte[Math.toIntExact(chunk.getTotalSize())];
            in.readFully(bytes);
            columns.put(chunk.getPath(), new ChunkPages(chunk, bytes));
        }
        return new PageReadStore() {
            @Override
            public PageReader getPageReader(ColumnDescriptor column) {
                return columns.get(ColumnPath.get(column.getPath()));
            }

            @Override
            public long getRowCount() {
                return group.getRowCount();
            }
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** One column chunk's pages, parsed and decompressed as they are read. */
    private static final class ChunkPages implements PageReader {
        private final ColumnChunkMetaData chunk;
        private final ByteArrayInputStream bytes;
        private final BytesInputDecompressor decompressor;
        private final PrimitiveType type;
        private PageHeader pending;
        private DictionaryPage dictionary;

        ChunkPages(ColumnChunkMetaData chunk, byte[] data) throws IOException {
            this.chunk = chunk;
            this.bytes = new ByteArrayInputStream(data);
            this.decompressor = ParquetCodecs.INSTANCE.getDecompressor(chunk.getCodec());
            this.type = chunk.getPrimitiveType();
            PageHeader first = bytes.available() > 0 ? Util.readPageHeader(bytes) : null;
            if (first != null && first.getType() == PageType.DICTIONARY_PAGE) {
                DictionaryPageHeader header = first.getDictionary_page_header();
                dictionary = new DictionaryPage(
                        body(first),
                        first.getUncompressed_page_size(),
                        header.getNum_values(),
                        CONVERTER.getEncoding(header.getEncoding()));
            } else {
                pending = first;
            }
        }

        @Override
        public DictionaryPage readDictionaryPage() {
            return dictionary;
        }

        @Override
        public long getTotalValueCount() {
            return chunk.getValueCount();
        }

        @Override
        public DataPage readPage() {
            try {
                while (true) {
                    PageHeader header =
                            pending != null ? pending : bytes.available() > 0 ? Util.readPageHeader(bytes) : null;
                    pending = null;
                    if (header == null) {
                        return null;
                    }
                    if (header.getType() == PageType.DATA_PAGE) {
                        DataPageHeader data = header.getData_page_header();
                        return new DataPageV1(
                                body(header),
                                data.getNum_values(),
                                header.getUncompressed_page_size(),
                                Statistics.createStats(type),
                                CONVERTER.getEncoding(data.getRepetition_level_encoding()),
                                CONVERTER.getEncoding(data.getDefinition_level_encoding()),
                                CONVERTER.getEncoding(data.getEncoding()));
                    }
                    if (header.getType() == PageType.DATA_PAGE_V2) {
                        DataPageHeaderV2 data = header.getData_page_header_v2();
                        int repetition = data.getRepetition_levels_byte_length();
                        int definition = data.getDefinition_levels_byte_length();
                        byte[] raw = bytes.readNBytes(header.getCompressed_page_size());
                        BytesInput values =
                                BytesInput.from(raw, repetition + definition, raw.length - repetition - definition);
                        if (!data.isSetIs_compressed() || data.isIs_compressed()) {
                            values = decompressor.decompress(
                                    values, header.getUncompressed_page_size() - repetition - definition);
                        }
                        return DataPageV2.uncompressed(
                                data.getNum_rows(),
                                data.getNum_nulls(),
                                data.getNum_values(),
                                BytesInput.from(raw, 0, repetition),
                                BytesInput.from(raw, repetition, definition),
                                CONVERTER.getEncoding(data.getEncoding()),
                                values,
                                Statistics.createStats(type));
                    }
                    bytes.skipNBytes(header.getCompressed_page_size()); // index and other pages carry no values
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Reading column " + chunk.getPath() + ": " + e.getMessage(), e);
            }
        }

        private BytesInput body(PageHeader header) throws IOException {
            BytesInput raw = BytesInput.from(bytes.readNBytes(header.getCompressed_page_size()));
            return decompressor.decompress(raw, header.getUncompressed_page_size());
        }
    }
}
