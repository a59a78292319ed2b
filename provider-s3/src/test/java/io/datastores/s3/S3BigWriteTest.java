package io.datastores.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import io.datastores.tck.TckReaders;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A table far larger than the heap, written as Parquet and read back, in a JVM of its own started
 * with {@code -Xmx256m} (the {@code big-write} surefire execution) and an Arrow allocator capped
 * at 64 MiB: it passes only if both directions stream. Rows are generated batch by batch, never
 * held. The size is {@code -Ds3.bigWrite.bytes} (CI default 256 MiB; the documented run is 1 GiB).
 */
class S3BigWriteTest {
    /** About what one generated row takes in Snappy-compressed Parquet (measured: see the README). */
    private static final int BYTES_PER_ROW = 100;

    private static final int BATCH_ROWS = 65_536;
    private static final byte[] ALPHABET =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ".getBytes(StandardCharsets.US_ASCII);
    private static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("random", FieldType.nullable(new ArrowType.Int(64, true)), null),
            new Field("price", FieldType.nullable(new ArrowType.Decimal(15, 2, 128)), null),
            new Field("comment", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

    @TempDir
    Path dir;

    @Test
    void aTableLargerThanTheHeapStreamsOutAndBack() throws Exception {
        long target = Long.getLong("s3.bigWrite.bytes", 256L << 20);
        long maxHeap = Runtime.getRuntime().maxMemory();
        long rows = target / BYTES_PER_ROW;
        try (TestingS3 s3 = TestingS3.start(dir.resolve("blobs"));
                BufferAllocator allocator = new RootAllocator(64L << 20)) {
            String bucket = s3.createBucket();
            try (Datastore lake = new S3DatastoreProvider().open(s3.config(bucket, Map.of("part_size_mb", "128")));
                    ArrowReader source = generatedRows(allocator, rows)) {
                long start = System.nanoTime();
                WriteResult written = lake.bulkWriter().write(WriteRequest.append(TableRef.of("big")), source);
                long writeMillis = (System.nanoTime() - start) / 1_000_000;
                List<S3Object> objects = s3.objects(bucket);
                assertThat(written.rows()).isEqualTo(rows);
                assertThat(objects.stream().mapToLong(S3Object::size).sum()).isEqualTo(written.bytes());
                assertThat(written.bytes())
                        .as("the table is larger than the heap")
                        .isGreaterThan(Math.min(target * 8 / 10, maxHeap));
                // Parts roll over once they pass part_size_mb: every part but the last is at least that big.
                assertThat(objects.subList(0, objects.size() - 1))
                        .allSatisfy(o -> assertThat(o.size()).isGreaterThanOrEqualTo(128L << 20));
                assertThat(objects).hasSizeGreaterThan((int) (written.bytes() / (256L << 20)));

                start = System.nanoTime();
                long count = 0;
                long idSum = 0;
                try (ArrowReader back = lake.bulkReader().read(ReadRequest.table(TableRef.of("big")), allocator)) {
                    while (back.loadNextBatch()) {
                        BigIntVector ids =
                                (BigIntVector) back.getVectorSchemaRoot().getVector("id");
                        for (int i = 0; i < back.getVectorSchemaRoot().getRowCount(); i++) {
                            idSum += ids.get(i);
                        }
                        count += back.getVectorSchemaRoot().getRowCount();
                    }
                }
                long readMillis = (System.nanoTime() - start) / 1_000_000;
                assertThat(count).isEqualTo(rows);
                assertThat(idSum).isEqualTo(rows * (rows - 1) / 2);
                System.out.printf(
                        "big write: %,d rows, %,d bytes in %d parts, -Xmx %d MiB, write %,d ms, read %,d ms%n",
                        rows, written.bytes(), objects.size(), maxHeap >> 20, writeMillis, readMillis);
            } finally {
                s3.deleteBucket(bucket);
            }
        }
    }

    /** Lineitem-like rows made batch by batch: a sequential id, a random long, a price, 80 random characters. */
    private static ArrowReader generatedRows(BufferAllocator allocator, long rows) {
        SplittableRandom random = new SplittableRandom(42);
        byte[] comment = new byte[80];
        return TckReaders.of(allocator, SCHEMA, (root, index) -> {
            long next = (long) index * BATCH_ROWS;
            int count = (int) Math.max(0, Math.min(BATCH_ROWS, rows - next));
            BigIntVector ids = (BigIntVector) root.getVector(0);
            BigIntVector randoms = (BigIntVector) root.getVector(1);
            DecimalVector prices = (DecimalVector) root.getVector(2);
            VarCharVector comments = (VarCharVector) root.getVector(3);
            for (int i = 0; i < count; i++) {
                ids.setSafe(i, next + i);
                randoms.setSafe(i, random.nextLong());
                prices.setSafe(i, BigDecimal.valueOf(random.nextLong(10_000_000), 2));
                for (int c = 0; c < comment.length; c++) {
                    comment[c] = ALPHABET[random.nextInt(ALPHABET.length)];
                }
                comments.setSafe(i, comment);
            }
            return count;
        });
    }
}
