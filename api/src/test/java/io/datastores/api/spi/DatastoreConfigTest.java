package io.datastores.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatastoreConfigTest {
    private static final String SECRET = "Tr0ub4dor&3";

    private static DatastoreConfig config(Map<String, String> connection, Map<String, String> properties) {
        return new DatastoreConfig(
                "orders", "postgres", null, List.of(), true, connection, properties, PoolSettings.DEFAULT, Map.of());
    }

    @Test
    void toStringMasksEverySecret() {
        DatastoreConfig config = config(
                Map.of(
                        "host",
                        "db",
                        "password",
                        SECRET,
                        "aws_secret_access_key",
                        SECRET + "x",
                        "url",
                        "jdbc:postgresql://db/x?user=u&password=" + SECRET + "y",
                        "connection_uri",
                        "mysql://u:" + SECRET + "z@db:3306/x"),
                Map.of("sslpassword", SECRET + "w"));

        String text = config.toString();

        assertThat(text)
                .doesNotContain(SECRET)
                .contains("host=db")
                .contains("password=****")
                .contains("//u:****@db");
    }

    @Test
    void redactRemovesSecretValuesAndUrlPasswords() {
        DatastoreConfig config = config(Map.of("password", SECRET, "user", "alice"), Map.of());

        assertThat(config.redact("FATAL: password " + SECRET + " rejected for alice"))
                .isEqualTo("FATAL: password **** rejected for alice");
        assertThat(config.redact("jdbc:x://h/db;password=other;ssl=true"))
                .isEqualTo("jdbc:x://h/db;password=****;ssl=true");
        assertThat(config.redact(null)).isNull();
    }

    @Test
    void emptySecretsDoNotBlankOutText() {
        DatastoreConfig config = config(Map.of("password", ""), Map.of());
        assertThat(config.redact("plain")).isEqualTo("plain");
    }

    @Test
    void secretKeysAreRecognised() {
        assertThat(List.of(
                        "password",
                        "PASSWORD",
                        "db_password",
                        "aws_secret_access_key",
                        "aws_access_key_id",
                        "api_token",
                        "sslpassphrase"))
                .allMatch(DatastoreConfig::isSecretKey);
        assertThat(List.of("host", "port", "user", "database", "s3_bucket")).noneMatch(DatastoreConfig::isSecretKey);
    }

    @Test
    void databasesKeepDeclaredOrder() {
        DatastoreConfig config = new DatastoreConfig(
                "b",
                "postgres",
                "",
                List.of(),
                true,
                Map.of(),
                Map.of(),
                PoolSettings.DEFAULT,
                new java.util.LinkedHashMap<>(Map.of("z", "z")) {
                    {
                        put("a", "a");
                        put("m", "m");
                    }
                });
        assertThat(config.databases().keySet()).containsExactly("z", "a", "m");
    }
}
