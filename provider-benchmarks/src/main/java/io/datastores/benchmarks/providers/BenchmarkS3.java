package io.datastores.benchmarks.providers;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import io.datastores.core.Transfer;
import io.datastores.duckdb.DuckDbDatastoreProvider;
import io.datastores.postgres.PostgresDatastoreProvider;
import io.datastores.s3.S3DatastoreProvider;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * PostgreSQL → S3 Parquet and S3 Parquet → DuckDB through {@code Transfer} (what
 * {@code datastores copy} runs), beside DuckDB's own {@code COPY … TO 'file.parquet'} and
 * {@code read_parquet} of the same rows on local disk as the limit. Prints rows/s and bytes
 * written, medians of the runs. Run it with {@code provider-benchmarks/run-s3.sh [rows] [runs]},
 * which starts the S3 server ({@link S3Server}) in a JVM of its own.
 */
public final class BenchmarkS3 {
    static final String ACCESS_KEY = "bench";
    static final String SECRET_KEY = "bench-S3cret-0123";
    private static final String BUCKET = "bench";
    private static final TableRef PG_TABLE = TableRef.of("public", "bench_s3_lineitem");
    private static final TableRef LAKE_TABLE = TableRef.of("lineitem");

    private final int rows;
    private final int runs;
    private final List<String> lines = new ArrayList<>();

    private BenchmarkS3(int rows, int runs) {
        this.rows = rows;
        this.runs = runs;
    }

    /**
     * @param args rows (default 1,000,000) and runs per path (default 3); {@code -Ds3.endpoint} names the server
     * @throws Exception when a server is missing
     */
    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        new BenchmarkS3(rows, runs).run(URI.create(System.getProperty("s3.endpoint", "http://127.0.0.1:9000")));
    }

    private void run(URI endpoint) throws Exception {
        Path work = Files.createTempDirectory("bench-s3");
        try (S3Client admin = S3Client.builder()
                        .endpointOverride(endpoint)
                        .forcePathStyle(true)
                        .region(Region.US_EAST_1)
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                        .build();
                BufferAllocator allocator = new RootAllocator();
                Datastore pg = new PostgresDatastoreProvider()
                        .open(ByHand.config(
                                "bench_pg",
                                "postgres",
                                System.getProperty("pg.host", "127.0.0.1"),
                                System.getProperty("pg.port", "5432"),
                                System.getProperty("pg.user", "postgres"),
                                System.getProperty("pg.database", "test"),
                                Map.of()));
                Datastore duck = new DuckDbDatastoreProvider()
                        .open(config(
                                "bench_duck",
                                "duckdb",
                                Map.of("database", work.resolve("bench.duckdb").toString())));
                Datastore lake = new S3DatastoreProvider()
                        .open(config(
                                "bench_lake",
                                "s3",
                                Map.of(
                                        "s3_bucket",
                                        BUCKET,
                                        "endpoint",
                                        endpoint.toString(),
                                        "path_style",
                                        "true",
                                        "aws_access_key_id",
                                        ACCESS_KEY,
                                        "aws_secret_access_key",
                                        SECRET_KEY)))) {
            admin.createBucket(b -> b.bucket(BUCKET));
            pg.execute("DROP TABLE IF EXISTS " + pg.qualify(PG_TABLE));
            pg.execute("CREATE TABLE " + pg.qualify(PG_TABLE) + " (" + Lineitem.COLUMNS.replace("DECIMAL", "numeric")
                    + ")");
            byte[] data = Lineitem.generate(allocator, rows);
            try (ArrowStreamReader source = new ArrowStreamReader(new ByteArrayInputStream(data), allocator)) {
                pg.bulkWriter().write(WriteRequest.append(PG_TABLE), source);
            }
            try {
                measure(
                        "PostgreSQL → S3 Parquet (datastores.copy)",
                        () -> Transfer.of(pg, ReadRequest.table(PG_TABLE), lake, LAKE_TABLE)
                                .mode(WriteMode.OVERWRITE)
                                .run(),
                        () -> objectBytes(admin));
                measure(
                        "S3 Parquet → DuckDB (datastores.copy)",
                        () -> {
                            duck.execute("DROP TABLE IF EXISTS lineitem");
                            return Transfer.of(lake, ReadRequest.table(LAKE_TABLE), duck, TableRef.of("lineitem"))
                                    .run();
                        },
                        () -> 0L);
                Path file = work.resolve("lineitem.parquet");
                measure(
                        "DuckDB COPY lineitem TO 'lineitem.parquet' (local limit)",
                        () -> duck.execute("COPY lineitem TO '" + file + "' (FORMAT parquet)"),
                        () -> Files.size(file));
                measure(
                        "DuckDB read_parquet('lineitem.parquet') (local limit)",
                        () -> {
                            duck.execute("DROP TABLE IF EXISTS lineitem_back");
                            return duck.execute(
                                    "CREATE TABLE lineitem_back AS SELECT * FROM read_parquet('" + file + "')");
                        },
                        () -> 0L);
            } finally {
                pg.execute("DROP TABLE " + pg.qualify(PG_TABLE));
                admin.listObjectsV2Paginator(b -> b.bucket(BUCKET))
                        .contents()
                        .forEach(o -> admin.deleteObject(b -> b.bucket(BUCKET).key(o.key())));
                admin.deleteBucket(b -> b.bucket(BUCKET));
            }
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        System.out.printf(Locale.ROOT, "%n%,d rows of lineitem (16 columns), median of %d runs%n%n", rows, runs);
        System.out.println("| path | seconds | rows/s | bytes written |");
        System.out.println("|---|---:|---:|---:|");
        lines.forEach(System.out::println);
    }

    private long objectBytes(S3Client admin) {
        return admin.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream()
                .mapToLong(S3Object::size)
                .sum();
    }

    private void measure(String path, Callable<?> work, Callable<Long> bytes) throws Exception {
        double[] seconds = new double[runs];
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            work.call();
            seconds[run] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        double median = seconds[runs / 2];
        long written = bytes.call();
        lines.add(String.format(
                Locale.ROOT,
                "| %s | %.2f | %,.0f | %s |",
                path,
                median,
                rows / median,
                written == 0 ? "—" : String.format(Locale.ROOT, "%,d", written)));
        System.err.printf(Locale.ROOT, "%s | %.2f s%n", path, median);
    }

    private static DatastoreConfig config(String name, String type, Map<String, String> connection) {
        return new DatastoreConfig(
                name, type, "", List.of(), true, connection, Map.of(), PoolSettings.DEFAULT, Map.of());
    }
}
