package io.datastores.starrocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.PortBinding;
import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.TableCreator.ColumnDefinition;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import io.datastores.jdbc.TestingArrow;
import io.datastores.jdbc.TestingBatches;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The provider against a real StarRocks (the all-in-one image: one FE, one BE) where Docker
 * exists; skipped without Docker. It has never run on the machine this provider was written on
 * (no Docker engine there). One thing to watch when it first runs: the FE redirects Stream Load to
 * the address its BE registered with, which must be reachable from the test; the BE's HTTP port is
 * therefore published on the same number (8040).
 */
@Testcontainers(disabledWithoutDocker = true)
class StarRocksContainerTest {
    private static final Schema SHAPE = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(32, true)), null),
            new Field("value", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

    @Container
    @SuppressWarnings("resource")
    private static final GenericContainer<?> STARROCKS = new GenericContainer<>(
                    DockerImageName.parse("starrocks/allin1-ubuntu:latest"))
            .withExposedPorts(9030, 8030)
            .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(PortBinding.parse("8040:8040")))
            .withStartupTimeout(Duration.ofMinutes(5));

    private static Datastore open(String database) {
        return new StarRocksDatastoreProvider()
                .open(new DatastoreConfig(
                        "real_starrocks",
                        "starrocks",
                        "",
                        List.of(),
                        true,
                        Map.of(
                                "host",
                                STARROCKS.getHost(),
                                "port",
                                String.valueOf(STARROCKS.getMappedPort(9030)),
                                "http_port",
                                String.valueOf(STARROCKS.getMappedPort(8030)),
                                "user",
                                "root",
                                "password",
                                "",
                                "database",
                                database),
                        Map.of(),
                        new PoolSettings(0, 4, Duration.ofSeconds(10)),
                        Map.of()));
    }

    @BeforeAll
    static void waitForTheBackend() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        try (Datastore datastore = open("information_schema")) {
            while (Instant.now().isBefore(deadline)) {
                try {
                    if (datastore.query("SHOW BACKENDS").rows().stream()
                            .anyMatch(r -> "true".equals(String.valueOf(r.get("Alive"))))) {
                        return;
                    }
                } catch (RuntimeException notYet) {
                    // The FE is still starting.
                }
                Thread.sleep(2_000);
            }
        }
        throw new IllegalStateException("StarRocks' backend did not come alive within 3 minutes");
    }

    @Test
    void createsAPrimaryKeyTableStreamLoadsUpsertsAndReadsBack() throws Exception {
        try (Datastore admin = open("information_schema")) {
            admin.execute("CREATE DATABASE IF NOT EXISTS sdk_test");
        }
        try (Datastore datastore = open("sdk_test");
                BufferAllocator allocator = new RootAllocator()) {
            datastore.execute("DROP TABLE IF EXISTS t");
            datastore
                    .feature(TableCreator.class)
                    .orElseThrow()
                    .createTable(
                            TableRef.of("t"),
                            List.of(
                                    new ColumnDefinition("id", "INT", false),
                                    new ColumnDefinition("value", "STRING", true)),
                            List.of("id"));
            WriteRequest upsert = new WriteRequest(TableRef.of("t"), WriteMode.UPSERT, List.of("id"));
            try (VectorSchemaRoot first =
                            TestingBatches.idValue(allocator, SHAPE, new int[] {1, 2, 3}, "a", "b\t\"c\"", null);
                    VectorSchemaRoot second =
                            TestingBatches.idValue(allocator, SHAPE, new int[] {3, 4}, "three", "漢字");
                    ArrowReader one = TestingArrow.reader(allocator, first);
                    ArrowReader two = TestingArrow.reader(allocator, second)) {
                datastore.bulkWriter().write(upsert, one);
                datastore.bulkWriter().write(upsert, two);
            }
            assertThat(datastore.query("SELECT id, value FROM t ORDER BY id").rows())
                    .extracting(r -> r.get("id") + ":" + r.get("value"))
                    .containsExactly("1:a", "2:b\t\"c\"", "3:three", "4:漢字");
            datastore.execute("DROP DATABASE sdk_test FORCE");
        }
    }
}
