package io.datastores.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Page compression without Hadoop: parquet-java's own codec factory loads Hadoop's codec classes,
 * so this one calls snappy-java directly. Writes Snappy (what Spark, DuckDB and Arrow write by
 * default); reads Snappy, GZIP and uncompressed pages, and names any other codec.
 */
final class ParquetCodecs implements CompressionCodecFactory {
    static final ParquetCodecs INSTANCE = new ParquetCodecs();

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        if (codec != CompressionCodecName.SNAPPY && codec != CompressionCodecName.UNCOMPRESSED) {
            throw new IllegalArgumentException("Writing Parquet with " + codec + " is not supported; use SNAPPY");
        }
        return new BytesInputCompressor() {
            @Override
            @SuppressWarnings(
                    "deprecation") // toByteArray: the replacements need a ByteBufferAllocator, for one copy either way
            public BytesInput compress(BytesInput bytes) throws IOException {
                return codec == CompressionCodecName.SNAPPY
                        ? BytesInput.from(Snappy.compress(bytes.toByteArray()))
                        : bytes;
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {
                // Holds nothing.
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new BytesInputDecompressor() {
            @Override
            @SuppressWarnings("deprecation") // toByteArray, as in compress
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                return BytesInput.from(inflate(bytes.toByteArray(), uncompressedSize));
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                byte[] compressed = new byte[compressedSize];
                input.get(compressed);
                output.put(inflate(compressed, uncompressedSize));
            }

            private byte[] inflate(byte[] compressed, int uncompressedSize) throws IOException {
                return switch (codec) {
                    case UNCOMPRESSED -> compressed;
                    case SNAPPY -> Snappy.uncompress(compressed);
                    case GZIP -> {
                        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
                            yield in.readNBytes(uncompressedSize);
                        }
                    }
                    default ->
                        throw new IOException("Parquet pages compressed with " + codec + " are not read; "
                                + "rewrite the file with SNAPPY, GZIP or no compression");
                };
            }

            @Override
            public void release() {
                // Holds nothing.
            }
        };
    }

    @Override
    public void release() {
        // Holds nothing.
    }
}
