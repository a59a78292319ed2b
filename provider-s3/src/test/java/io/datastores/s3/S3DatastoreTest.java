package io.datastores.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Capability;
import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.core.Transfer;
import io.datastores.core.TransferPlan;
import io.datastores.core.TransferResult;
import io.datastores.jdbc.TestingArrow;
import io.datastores.jdbc.TestingZoo;
import io.datastores.tck.TckReaders;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Configuration, connection errors, introspection, transfers and a server that dies mid-write. */
class S3DatastoreTest extends S3ServerTest {
    private static Datastore open(DatastoreConfig config) {
        S3DatastoreProvider provider = new S3DatastoreProvider();
        assertThat(provider.validate(config)).isEmpty();
        return provider.open(config);
    }

    @Test
    void validationNamesEveryProblem() {
        DatastoreConfig config = new DatastoreConfig(
                "lake",
                "s3",
                "",
                List.of(),
                true,
                Map.of(
                        S3Settings.ACCESS_KEY,
                        "id-only",
                        "format",
                        "xml",
                        "path_style",
                        "maybe",
                        "endpoint",
                        "not a url"),
                Map.of(),
                io.datastores.api.spi.PoolSettings.DEFAULT,
                Map.of("crm", "crm"));
        assertThat(new S3DatastoreProvider().validate(config))
                .extracting(ConfigProblem::toString)
                .containsExactlyInAnyOrder(
                        "datastore 'lake', connection.s3_bucket: Must specify s3_bucket (the bucket tables are stored in)",
                        "datastore 'lake', connection.aws_secret_access_key: Give both aws_access_key_id and aws_secret_access_key,"
                                + " or neither (then the AWS default chain applies: environment, profile, instance role)",
                        "datastore 'lake', connection.endpoint: Must be a URL such as http://127.0.0.1:9000, got 'not a url'",
                        "datastore 'lake', connection.path_style: Must be true or false, got 'maybe'",
                        "datastore 'lake', connection.format: Must be one of [parquet, csv, jsonl, arrow], got 'xml'",
                        "datastore 'lake', databases: S3 has no schemas to map logical databases onto; remove databases: "
                                + "(use one datastore per prefix instead)");
    }

    @Test
    void connectsWithHeadBucketAndDeclaresNoSql() {
        try (Datastore lake = open(s3.config(bucket, Map.of()))) {
            assertThat(lake.isConnected()).isFalse();
            ConnectionTest test = lake.test();
            assertThat(test.success()).as(test.error()).isTrue();
            assertThat(test.database()).isEqualTo(bucket);
            assertThat(test.serverVersion()).contains(s3.endpoint().toString());
            assertThat(lake.isConnected()).isTrue();
            assertThat(lake.capabilities())
                    .containsExactlyInAnyOrder(
                            Capability.INTROSPECTION,
                            Capability.BULK_READ,
                            Capability.BULK_WRITE,
                            Capability.OBJECT_STORAGE);
            assertThat(lake.tables(null)).isEmpty();
            assertThat(lake.toString()).doesNotContain(TestingS3.SECRET_KEY);
        }
    }

    @Test
    void aMissingBucketIsNotFoundNamingBucketAndEndpoint() {
        try (Datastore lake = open(s3.config("no-such-bucket-42", Map.of()))) {
            expect(
                    lake,
                    ErrorCode.NOT_FOUND,
                    e -> assertThat(e.getMessage())
                            .contains("Bucket 'no-such-bucket-42' does not exist at " + s3.endpoint())
                            .contains("fix s3_bucket"));
        }
    }

    @Test
    void aPlanIntoAMissingBucketFailsAsTheBucketNotAsATableToCreate() {
        try (Datastore lake = open(s3.config(bucket, Map.of()));
                Datastore missing = open(s3.config("no-such-bucket-43", Map.of()));
                VectorSchemaRoot zoo = TestingZoo.create(allocator, true)) {
            try (ArrowReader source = TestingArrow.reader(allocator, zoo)) {
                lake.bulkWriter().write(WriteRequest.append(TableRef.of("zoo")), source);
            }
            assertThatThrownBy(
                            () -> Transfer.of(lake, ReadRequest.table(TableRef.of("zoo")), missing, TableRef.of("zoo"))
                                    .plan())
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                    .hasMessageContaining("Bucket 'no-such-bucket-43' does not exist");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void refusedCredentialsAreAuthenticationAndNeverShown() {
        String wrong = "Wrong-S3cret-Key-987";
        try (Datastore lake = open(s3.config(bucket, Map.of(S3Settings.SECRET_KEY, wrong)))) {
            expect(
                    lake,
                    ErrorCode.AUTHENTICATION,
                    e -> assertThat(e.getMessage())
                            .contains("credentials were refused", "bucket '" + bucket + "' at " + s3.endpoint())
                            .doesNotContain(wrong));
        }
    }

    @Test
    void anUnreachableEndpointIsConnectionNamingBucketAndEndpoint() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + port;
        try (Datastore lake = open(s3.config(bucket, Map.of("endpoint", endpoint)))) {
            expect(
                    lake,
                    ErrorCode.CONNECTION,
                    e -> assertThat(e.getMessage()).contains("Cannot reach " + endpoint, "bucket '" + bucket + "'"));
        }
    }

    private static void expect(Datastore lake, ErrorCode code, Consumer<DatastoreException> message) {
        assertThatThrownBy(lake::connect).isInstanceOfSatisfying(DatastoreException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).startsWith("[lake/s3] ");
            message.accept(e);
        });
        ConnectionTest test = lake.test();
        assertThat(test.success()).isFalse();
        assertThat(test.error()).contains(lake.name());
        assertThat(lake.isConnected()).isFalse();
    }

    /** Core's transfer plans, "creates" and fills an S3 table, then appends to it as an existing table. */
    @Test
    void transfersCreateAndAppendS3Tables() {
        try (Datastore lake = open(s3.config(bucket, Map.of()));
                VectorSchemaRoot zoo = TestingZoo.create(allocator, true)) {
            try (ArrowReader source = TestingArrow.reader(allocator, zoo)) {
                lake.bulkWriter().write(WriteRequest.append(TableRef.of("zoo")), source);
            }
            Transfer copy =
                    Transfer.of(lake, ReadRequest.table(TableRef.of("zoo")), lake, TableRef.of("raw", "zoo_copy"));
            TransferPlan plan = copy.plan();
            assertThat(plan.createsTable()).isTrue();
            assertThat(plan.columns())
                    .extracting(c -> c.name() + ": " + c.targetType())
                    .contains(
                            "small: int32 INTEGER(16,true)", "amount: fixed_len_byte_array DECIMAL(38,10)",
                            "instant: int64 TIMESTAMP(MICROS,true)", "text: binary STRING");
            assertThat(plan.losses()).isEmpty();
            TransferResult result = Transfer.of(
                            lake, ReadRequest.table(TableRef.of("zoo")), lake, TableRef.of("raw", "zoo_copy"))
                    .run();
            assertThat(result.rows()).isEqualTo(zoo.getRowCount());
            assertThat(lake.tables("raw")).containsExactly(TableRef.of("raw", "zoo_copy"));
            Transfer.of(lake, ReadRequest.table(TableRef.of("zoo")), lake, TableRef.of("raw", "zoo_copy"))
                    .run();
            assertThat(TestingArrow.rows(
                            lake.bulkReader().read(ReadRequest.table(TableRef.of("raw", "zoo_copy")), allocator)))
                    .hasSize(2 * zoo.getRowCount());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void csvTargetsNameTheirLossesInThePlan() {
        try (Datastore lake = open(s3.config(bucket, Map.of()));
                Datastore csv = open(s3.config(bucket, Map.of("format", "csv", "s3_prefix", "csv/")));
                VectorSchemaRoot zoo = TestingZoo.create(allocator, true)) {
            try (ArrowReader source = TestingArrow.reader(allocator, zoo)) {
                lake.bulkWriter().write(WriteRequest.append(TableRef.of("zoo")), source);
            }
            TransferPlan plan = Transfer.of(lake, ReadRequest.table(TableRef.of("zoo")), csv, TableRef.of("zoo"))
                    .plan();
            assertThat(plan.losses())
                    .contains(
                            "amount: stored as text in CSV: reads back as utf8 (its decimal text)",
                            "instant: stored as text in CSV: reads back as utf8 (ISO-8601 UTC instant)")
                    .noneMatch(loss -> loss.startsWith("text:"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The server goes away between batches: the write fails as CONNECTION and nothing ever appears. */
    @Test
    void aServerStoppedMidWriteLeavesNoVisibleObject() throws Exception {
        Assumptions.assumeTrue(s3.inProcess(), "needs the in-process S3Proxy to stop it");
        Schema schema = new Schema(List.of(new Field("id", FieldType.notNullable(new ArrowType.Int(32, true)), null)));
        try (Datastore lake = open(s3.config(bucket, Map.of()));
                ArrowReader source = stoppingSource(allocator, schema, () -> {
                    try {
                        s3.stop();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })) {
            lake.connect();
            assertThatThrownBy(() -> lake.bulkWriter()
                            .write(new WriteRequest(TableRef.of("t"), WriteMode.APPEND, List.of()), source))
                    .isInstanceOfSatisfying(DatastoreException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
                        assertThat(e.getMessage()).contains(s3.endpoint().toString(), bucket);
                    });
        } finally {
            s3.start();
        }
        assertThat(s3.objects(bucket)).isEmpty();
    }

    /** Three batches of 100,000 ids; the server stops after the second. */
    private static ArrowReader stoppingSource(BufferAllocator allocator, Schema schema, Runnable stop) {
        return TckReaders.of(allocator, schema, (root, index) -> {
            if (index == 3) {
                return 0;
            }
            if (index == 2) {
                stop.run();
            }
            IntVector ids = (IntVector) root.getVector(0);
            for (int i = 0; i < 100_000; i++) {
                ids.setSafe(i, index * 100_000 + i);
            }
            return 100_000;
        });
    }
}
