package io.datastores.s3;

import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** One S3 server for the test class, and a fresh bucket and allocator for each test, deleted after it. */
abstract class S3ServerTest {
    @TempDir
    static Path dir;

    static TestingS3 s3;
    BufferAllocator allocator;
    String bucket;

    @BeforeAll
    static void startServer() throws Exception {
        s3 = TestingS3.start(dir.resolve("blobs"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        s3.close();
    }

    @BeforeEach
    void createBucket() {
        allocator = new RootAllocator();
        bucket = s3.createBucket();
    }

    @AfterEach
    void deleteBucket() {
        s3.deleteBucket(bucket);
        allocator.close();
    }
}
