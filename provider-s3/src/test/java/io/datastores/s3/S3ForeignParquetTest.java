package io.datastores.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.jdbc.TestingArrow;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Parquet written by another engine: DuckDB's {@code COPY … TO} with data pages V1 and V2
 * (dictionary pages, INT64 decimals, 16-byte decimals, UTC timestamps), 1,000 rows each, committed
 * under {@code src/test/resources}. Both objects form one table; the schemas merge.
 */
class S3ForeignParquetTest {
    @TempDir
    Path dir;

    @Test
    void readsDuckDbParquetWithV1AndV2Pages() throws Exception {
        try (TestingS3 s3 = TestingS3.start(dir.resolve("blobs"));
                BufferAllocator allocator = new RootAllocator()) {
            String bucket = s3.createBucket();
            try (Datastore lake = new S3DatastoreProvider().open(s3.config(bucket, Map.of()))) {
                for (String version : List.of("V1", "V2")) {
                    byte[] file;
                    try (var in = getClass().getResourceAsStream("/duckdb-" + version + ".parquet")) {
                        file = in.readAllBytes();
                    }
                    s3.admin()
                            .putObject(
                                    b -> b.bucket(bucket).key("data/duck/duckdb-" + version + ".parquet"),
                                    RequestBody.fromBytes(file));
                }
                assertThat(lake.describe(TableRef.of("duck")).columns())
                        .extracting(c -> c.name() + " " + c.typeName())
                        .containsExactly(
                                "id int32",
                                "big int64",
                                "price decimal(15, 2)",
                                "amount decimal(38, 10)",
                                "label string",
                                "day date32",
                                "wall timestamp[us]",
                                "instant timestamp[us, tz=UTC]",
                                "flag bool",
                                "ratio float64");
                List<List<Object>> rows = TestingArrow.rows(lake.bulkReader()
                        .read(ReadRequest.table(TableRef.of("duck")).withBatchSize(300), allocator));
                assertThat(rows).hasSize(2000);
                for (int file = 0; file < 2; file++) {
                    assertThat(rows.get(file * 1000 + 3))
                            .isEqualTo(Arrays.asList(
                                    3,
                                    null,
                                    new BigDecimal("3.75"),
                                    new BigDecimal("-3.0000000001"),
                                    "odd",
                                    LocalDate.of(1970, 1, 3),
                                    LocalDateTime.of(2024, 1, 1, 3, 0, 0, 1000),
                                    OffsetDateTime.of(2024, 1, 1, 0, 3, 0, 0, ZoneOffset.UTC),
                                    false,
                                    0.75));
                    assertThat(rows.get(file * 1000 + 998))
                            .containsSubsequence(
                                    998,
                                    998_000_000_000_000L,
                                    new BigDecimal("1247.50"),
                                    new BigDecimal("-998.0000000001"),
                                    "even 998");
                }
            } finally {
                s3.deleteBucket(bucket);
            }
        }
    }
}
