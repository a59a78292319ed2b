package io.datastores.s3;

import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 protocol server for tests: {@code DATASTORES_TEST_S3_ENDPOINT} (with
 * {@code DATASTORES_TEST_S3_ACCESS_KEY} / {@code DATASTORES_TEST_S3_SECRET_KEY}) when set, else
 * S3Proxy started in this JVM on loopback, storing objects in a folder (so it can be stopped and
 * started again on the same data). Every test makes its own bucket and deletes it.
 */
public final class TestingS3 implements AutoCloseable {
    /** The access key the server accepts. */
    public static final String ACCESS_KEY =
            System.getenv().getOrDefault("DATASTORES_TEST_S3_ACCESS_KEY", "datastores-test");
    /** The secret key the server accepts. */
    public static final String SECRET_KEY =
            System.getenv().getOrDefault("DATASTORES_TEST_S3_SECRET_KEY", "S3cret-Test-K3y-0123");

    private static final String EXTERNAL = System.getenv("DATASTORES_TEST_S3_ENDPOINT");

    private final Path dir;
    private final int port;
    private S3Proxy proxy;
    private final S3Client admin;

    private TestingS3(Path dir, int port) throws Exception {
        this.dir = dir;
        this.port = port;
        if (EXTERNAL == null) {
            start();
        }
        this.admin = S3Client.builder()
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** Starts an in-process server (or uses the external one) storing its objects under {@code dir}. */
    public static TestingS3 start(Path dir) throws Exception {
        return new TestingS3(dir, freePort());
    }

    /** @return whether the server runs in this JVM (so a test may stop it) */
    boolean inProcess() {
        return EXTERNAL == null;
    }

    /** Starts the in-process server again, on the same port and data. */
    void start() throws Exception {
        Files.createDirectories(dir);
        proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(dir.toString()))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    /** Stops the in-process server; requests then fail to connect. */
    void stop() throws Exception {
        proxy.stop();
    }

    /** @return the server's address */
    public URI endpoint() {
        return URI.create(EXTERNAL != null ? EXTERNAL : "http://127.0.0.1:" + port);
    }

    S3Client admin() {
        return admin;
    }

    /** @return a new, empty bucket's name */
    public String createBucket() {
        String bucket = "test-" + UUID.randomUUID().toString().substring(0, 13);
        admin.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** @return every object in the bucket, in key order */
    List<S3Object> objects(String bucket) {
        return admin
                .listObjectsV2Paginator(
                        ListObjectsV2Request.builder().bucket(bucket).build())
                .contents()
                .stream()
                .toList();
    }

    /** Aborts open uploads, deletes every object, then the bucket. */
    public void deleteBucket(String bucket) {
        admin.listMultipartUploads(b -> b.bucket(bucket))
                .uploads()
                .forEach(u -> admin.abortMultipartUpload(
                        b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId())));
        objects(bucket).forEach(o -> admin.deleteObject(b -> b.bucket(bucket).key(o.key())));
        admin.deleteBucket(b -> b.bucket(bucket));
    }

    /**
     * @param bucket the bucket
     * @param extra further {@code connection:} settings, overriding the defaults
     * @return a configuration of datastore {@code lake} on this server, path-style, with credentials
     */
    DatastoreConfig config(String bucket, Map<String, String> extra) {
        Map<String, String> connection = new HashMap<>(Map.of(
                "s3_bucket",
                bucket,
                "s3_prefix",
                "data/",
                "endpoint",
                endpoint().toString(),
                "path_style",
                "true",
                S3Settings.ACCESS_KEY,
                ACCESS_KEY,
                S3Settings.SECRET_KEY,
                SECRET_KEY));
        connection.putAll(extra);
        return new DatastoreConfig(
                "lake", "s3", "", List.of(), true, connection, Map.of(), PoolSettings.DEFAULT, Map.of());
    }

    /**
     * @param bucket the bucket
     * @return the {@code connection:} of an S3 datastore on this server, as YAML flow mapping text
     */
    public String yaml(String bucket) {
        return "{s3_bucket: '" + bucket + "', s3_prefix: 'data/', endpoint: '" + endpoint() + "', path_style: 'true', "
                + S3Settings.ACCESS_KEY + ": '" + ACCESS_KEY + "', " + S3Settings.SECRET_KEY + ": '" + SECRET_KEY
                + "'}";
    }

    @Override
    public void close() throws Exception {
        admin.close();
        if (proxy != null && "STARTED".equals(proxy.getState())) {
            proxy.stop();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
