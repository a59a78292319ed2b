package io.datastores.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.core.Datastores;
import io.datastores.core.TransferResult;
import io.datastores.jdbc.TestingArrow;
import io.datastores.jdbc.TestingZoo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared SPEC's {@code object_storage} snippet, as users paste it, loaded by core and copied through. */
class S3ConfigurationTest {
    @TempDir
    Path dir;

    @Test
    void theSpecSnippetLoadsAndCopiesThroughDatastores() throws Exception {
        try (TestingS3 s3 = TestingS3.start(dir.resolve("blobs"));
                BufferAllocator allocator = new RootAllocator()) {
            String bucket = s3.createBucket();
            Path yaml = dir.resolve("datastores.yaml");
            Files.writeString(yaml, """
                    datastores:
                      s3_storage:
                        type: 'object_storage'
                        connection:
                          s3_bucket: '${S3_BUCKET}'
                          s3_prefix: '${S3_PREFIX:data/}'
                          aws_access_key_id: '${AWS_ACCESS_KEY_ID}'
                          aws_secret_access_key: '${AWS_SECRET_ACCESS_KEY}'
                          region: '${AWS_REGION:us-east-1}'
                          endpoint: '${S3_ENDPOINT}'
                          path_style: true
                    """);
            Map<String, String> environment = Map.of(
                    "S3_BUCKET",
                    bucket,
                    "AWS_ACCESS_KEY_ID",
                    TestingS3.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY",
                    TestingS3.SECRET_KEY,
                    "S3_ENDPOINT",
                    s3.endpoint().toString());
            try (Datastores datastores = Datastores.load(yaml, environment);
                    VectorSchemaRoot zoo = TestingZoo.create(allocator, true)) {
                Datastore lake = datastores.get("s3_storage");
                assertThat(lake.type()).isEqualTo("s3");
                assertThat(lake.test().success()).as(lake.test().error()).isTrue();
                try (ArrowReader source = TestingArrow.reader(allocator, zoo)) {
                    lake.bulkWriter().write(WriteRequest.append(TableRef.of("zoo")), source);
                }
                TransferResult copied = datastores
                        .copy("s3_storage", TableRef.of("zoo"), "s3_storage", TableRef.of("zoo_copy"))
                        .run();
                assertThat(copied.plan().createsTable()).isTrue();
                try (ArrowReader expected = TestingArrow.reader(allocator, zoo)) {
                    assertThat(TestingArrow.rows(
                                    lake.bulkReader().read(ReadRequest.table(TableRef.of("zoo_copy")), allocator)))
                            .isEqualTo(TestingArrow.rows(expected));
                }
                assertThat(s3.objects(bucket))
                        .extracting(o -> o.key().replaceAll("part-.*", "part"))
                        .containsExactly("data/zoo/part", "data/zoo_copy/part");
            } finally {
                s3.deleteBucket(bucket);
            }
        }
    }
}
