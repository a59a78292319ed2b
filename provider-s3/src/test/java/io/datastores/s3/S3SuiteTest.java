package io.datastores.s3;

import io.datastores.api.Datastore;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.tck.DatastoreSuite;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The category-neutral kit, against a real S3 protocol server: S3 has no SQL, so this is the suite that fits. */
class S3SuiteTest extends DatastoreSuite {
    @TempDir
    static Path dir;

    private static TestingS3 s3;
    private String bucket;

    @BeforeAll
    static void startServer() throws Exception {
        s3 = TestingS3.start(dir.resolve("blobs"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        s3.close();
    }

    @AfterEach
    void deleteBucket() {
        s3.deleteBucket(bucket);
    }

    private static Datastore open(DatastoreConfig config) {
        return new S3DatastoreProvider().open(config);
    }

    @Override
    protected Datastore createDatastore(Path workDir) {
        bucket = s3.createBucket();
        return open(s3.config(bucket, Map.of()));
    }

    @Override
    protected Optional<Datastore> createDatastoreWithBadCredentials() {
        return Optional.of(open(s3.config(bucket, Map.of(S3Settings.SECRET_KEY, "wrong-" + TestingS3.SECRET_KEY))));
    }

    @Override
    protected Optional<String> secret() {
        return Optional.of(TestingS3.SECRET_KEY);
    }
}
