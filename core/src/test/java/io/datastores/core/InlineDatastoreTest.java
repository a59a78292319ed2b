package io.datastores.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Datastores built in code are validated as a file's entries are, and their values are never expanded. */
class InlineDatastoreTest {
    @Test
    void valuesAreTakenAsTheyAre() {
        try (Datastores inline =
                Datastores.inline("src", "postgresql", Map.of("host", "h", "dbname", "db", "password", "a${B}\\${c"))) {
            assertThat(inline.names()).containsExactly("src");
            TestingProvider.TestingDatastore src = (TestingProvider.TestingDatastore) inline.get("src");
            assertThat(src.type()).isEqualTo("postgres");
            assertThat(src.config().connection())
                    .containsEntry("database", "db")
                    .containsEntry("password", "a${B}\\${c");
        }
    }

    @Test
    void problemsAreNamedAtOnce() {
        assertThatThrownBy(() -> Datastores.inline("src", "postgres", Map.of("hots", "h", "port", "99999")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("inline datastore 'src'")
                .hasMessageContaining("connection.hots: Unknown key (did you mean 'host'?)")
                .hasMessageContaining("connection.port: Port must be a whole number");
    }

    @Test
    void yamlDocumentsAreReadAsDatastoresYamlIs() {
        assertThat(YamlDocuments.parse("a: on\nb: 012\n", "job.yaml")).isEqualTo(Map.of("a", "on", "b", "012"));
        assertThat(YamlDocuments.parse("  \n", "job.yaml")).isNull();
        assertThatThrownBy(() -> YamlDocuments.parse("a: 1\na: 2\n", "job.yaml"))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining("Duplicate key 'a'")
                .hasMessageContaining("job.yaml");
        assertThatThrownBy(() -> YamlDocuments.parse("a: !!javax.script.ScriptEngineManager []\n", "job.yaml"))
                .hasMessageContaining("Custom YAML tags");
    }
}
