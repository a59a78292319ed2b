package io.datastores.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration: URI parts (mongodb:// and mongodb+srv://), keys instead of a URI, every problem at once, no password shown. */
class MongoSettingsTest {
    private static DatastoreConfig config(Map<String, String> connection) {
        return TestingMongo.config(connection, Duration.ofSeconds(5));
    }

    @Test
    void aUriGivesHostsDatabaseAndUserAndMasksThePassword() {
        DatastoreConfig config = config(Map.of(
                "uri", "mongodb://app:p%40ss-w0rd@a.example:27018,b.example/shop?replicaSet=rs0&authSource=admin"));
        MongoSettings settings = MongoSettings.of(config);
        assertThat(settings.hosts()).containsExactly("a.example:27018", "b.example");
        assertThat(settings.database()).isEqualTo("shop");
        assertThat(settings.user()).contains("app");
        assertThat(settings.toString()).doesNotContain("p%40ss-w0rd").doesNotContain("p@ss-w0rd");
        assertThat(config.toString()).doesNotContain("p%40ss-w0rd");
        assertThat(new MongoDatastoreProvider().open(config).toString())
                .isEqualTo("MongoDatastore[docs, a.example:27018, b.example, database shop]");
        MongoSettings srv =
                MongoSettings.of(config(Map.of("uri", "mongodb+srv://cluster0.example.net/", "database", "app")));
        assertThat(srv.hosts()).containsExactly("cluster0.example.net");
        assertThat(srv.database()).isEqualTo("app");
        MongoSettings keys =
                MongoSettings.of(config(Map.of("host", "h", "database", "d", "user", "u", "password", "x")));
        assertThat(keys.where()).isEqualTo("h:27017");
        assertThat(keys.authSource()).isEqualTo("admin");
    }

    @Test
    void everyProblemIsReportedAtOnceAndTheUriPasswordIsMasked() {
        List<ConfigProblem> problems = new MongoDatastoreProvider()
                .validate(config(
                        Map.of("uri", "http://u:hunter2@h", "port", "70000", "tls", "maybe", "sample_size", "0")));
        assertThat(problems)
                .extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder(
                        "connection.uri",
                        "connection.port",
                        "connection.database",
                        "connection.tls",
                        "connection.sample_size");
        assertThat(problems.toString()).doesNotContain("hunter2");
        assertThat(new MongoDatastoreProvider().validate(config(Map.of("password", "x"))))
                .extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder("connection.host", "connection.database", "connection.user");
        assertThat(new MongoDatastoreProvider().validate(config(Map.of("uri", "mongodb://h:1/app"))))
                .isEmpty();
    }
}
