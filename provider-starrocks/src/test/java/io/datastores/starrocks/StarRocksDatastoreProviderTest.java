package io.datastores.starrocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Capability;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import io.datastores.jdbc.JdbcDatastore;
import io.datastores.jdbc.TestingClassLoading;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration, defaults and laziness of the StarRocks provider; no server needed. */
class StarRocksDatastoreProviderTest {
    private final StarRocksDatastoreProvider provider = new StarRocksDatastoreProvider();

    private static DatastoreConfig config(Map<String, String> connection) {
        return new DatastoreConfig(
                "warehouse",
                "starrocks",
                "",
                List.of(),
                true,
                connection,
                Map.of(),
                new PoolSettings(0, 2, Duration.ofSeconds(1)),
                Map.of());
    }

    @Test
    void theUsersYamlIsReadWithoutLoadingTheDriverOrTheWriter() throws Exception {
        String yaml = """
                datastores:
                  warehouse:
                    type: 'starrocks'
                    connection: {host: '${SR_HOST:localhost}', port: '${SR_PORT:9030}', http_port: '${SR_HTTP:8030}',
                                 user: '${SR_USER:root}', password: '${SR_PASSWORD:}', database: '${SR_DB:d}'}
                """;
        assertThat(TestingClassLoading.loadedWhileReading(
                        yaml,
                        "com.mysql.cj.jdbc.Driver",
                        "io.datastores.starrocks.StarRocksBulkWriter",
                        "java.net.http.HttpClient"))
                .containsOnly(
                        Map.entry("com.mysql.cj.jdbc.Driver", false),
                        Map.entry("io.datastores.starrocks.StarRocksBulkWriter", false),
                        Map.entry("java.net.http.HttpClient", false));
    }

    @Test
    void validationNamesEveryBadKey() {
        assertThat(provider.validate(config(Map.of("database", "d"))))
                .extracting(p -> p.key() + ": " + p.message())
                .containsExactly("connection.host: Must specify host");
        Map<String, String> bad = new HashMap<>(Map.of(
                "host",
                "fe",
                "http_port",
                "80300",
                "load_atomic",
                "yes",
                "load_max_filter_ratio",
                "1.5",
                "load_batch_bytes",
                "-1"));
        assertThat(provider.validate(config(bad)))
                .extracting(p -> p.key())
                .containsExactlyInAnyOrder(
                        "connection.http_port",
                        "connection.load_atomic",
                        "connection.load_max_filter_ratio",
                        "connection.load_batch_bytes");
        assertThat(provider.validate(config(Map.of("host", "fe", "http_port", "8030", "load_timeout", "300"))))
                .isEmpty();
    }

    @Test
    void declaresStreamLoadButNotTransactionsOrTempTables() {
        assertThat(provider.type()).isEqualTo("starrocks");
        assertThat(provider.capabilities())
                .contains(Capability.STREAM_LOAD, Capability.BULK_WRITE, Capability.UPSERT)
                .doesNotContain(Capability.TRANSACTIONS, Capability.TEMP_TABLES);
    }

    @Test
    void defaultsComeFromTheConfigurationWithAFreshTransferIdEachTime() {
        try (Datastore datastore = provider.open(config(
                Map.of("host", "fe", "load_atomic", "false", "load_max_filter_ratio", "0.1", "load_timeout", "120")))) {
            StarRocksStreamLoad load =
                    datastore.feature(StarRocksStreamLoad.class).orElseThrow();
            StreamLoadOptions options = load.defaults();
            assertThat(options.atomic()).isFalse();
            assertThat(options.maxFilterRatio()).isEqualTo(0.1);
            assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(120));
            assertThat(options.allowFilteredRows()).isFalse();
            assertThat(load.defaults().transferId()).isNotEqualTo(options.transferId());
            assertThat(datastore.bulkWriter()).isSameAs(load);
        }
        assertThatThrownBy(() -> new StreamLoadOptions("bad label!", 0, true, null, false, true, 1))
                .hasMessageContaining("transferId must be");
    }

    @Test
    void anUnreachableQueryPortNamesHostAndTheDefaultPort() {
        try (Datastore datastore = provider.open(
                config(Map.of("host", "127.0.0.1", "port", "1", "user", "root", "password", "Secret-Pa55")))) {
            assertThatThrownBy(datastore::connect)
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION))
                    .hasMessageContaining("127.0.0.1:1")
                    .hasMessageNotContaining("Secret-Pa55");
        }
        DatastoreConfig defaults = config(Map.of("host", "fe.example"));
        try (Datastore datastore = provider.open(defaults)) {
            assertThat(((JdbcDatastore) datastore).dialect().location(defaults)).isEqualTo("fe.example:9030");
        }
    }
}
