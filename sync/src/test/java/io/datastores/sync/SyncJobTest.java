package io.datastores.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.core.ConfigException;
import io.datastores.core.Placeholders;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Sync job YAML: the SPEC's snippets exactly as users paste them, our options, and errors that name the key. */
class SyncJobTest {
    private static final Placeholders NO_VARIABLES = Placeholders.of(Map.of());

    static String specSnippet() throws IOException {
        try (InputStream in = SyncJobTest.class.getResourceAsStream("/spec-sync-job.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void snippetIsTheOneInSpecMd() throws IOException {
        Path spec = Path.of("../../shared/SPEC.md");
        assumeTrue(Files.exists(spec), "shared/SPEC.md is not beside this checkout; cannot compare the copy");
        assertThat(Files.readString(spec)).contains(specSnippet());
    }

    @Test
    void specSnippetByDatastoreNameLoadsWithTheDocumentedDefaults() throws IOException {
        SyncJob job = SyncJob.parse(specSnippet(), NO_VARIABLES);

        assertThat(job.source())
                .isEqualTo(new SyncJob.Endpoint("postgres", "local_postgres", Map.of(), "public", "users"));
        assertThat(job.source().inline()).isFalse();
        assertThat(job.tables()).extracting(SyncJob.TableOptions::name).containsExactly("users");
        assertThat(job.syncIntervalMinutes()).isEqualTo(15);
        assertThat(job.batchSize()).isEqualTo(1000);
        assertThat(job.trackColumn()).isEqualTo("created_at");
        assertThat(job.enabled()).isTrue();
        assertThat(job.mode()).isEqualTo(SyncMode.INCREMENTAL);
        assertThat(job.deleteDetection()).isEqualTo(DeleteDetection.NONE);
        assertThat(job.lookback()).isEmpty();
        assertThat(job.target()).isNull();
        assertThat(job.withTarget("warehouse", "mirror").target().datastoreName())
                .isEqualTo("warehouse");
    }

    @Test
    void specInlineConnectionFormLoads() throws IOException {
        // The SPEC shows the older form as a comment under source_provider: uncomment it as a user would.
        String inline = specSnippet()
                .lines()
                .filter(line -> line.startsWith("#   "))
                .map(line -> line.substring(1))
                .collect(Collectors.joining("\n"));
        SyncJob job = SyncJob.parse("source_provider:\n" + inline + "\n", NO_VARIABLES);

        assertThat(job.source().inline()).isTrue();
        assertThat(job.source().type()).isEqualTo("postgres");
        assertThat(job.source().connection())
                .containsEntry("host", "localhost")
                .containsEntry("port", "5432")
                .containsEntry("user", "u")
                .containsEntry("password", "p")
                .containsEntry("dbname", "synctool");
        assertThat(job.tables()).isEmpty();
    }

    @Test
    void syncSettingsWithTheirSpecNamesAndOurOptions() {
        SyncJob job = SyncJob.parse("""
                name: nightly
                source_provider: {data_backend: {type: postgresql, datastore_name: pg, schema: app}}
                target_provider: {data_backend: {datastore_name: local, schema: mirror}}
                sync_interval: ${SYNC_INTERVAL:15}
                tables: [users, {name: orders, track_column: updated_at, primary_key: [id, line], mode: full,
                                 column_types: {doc: TEXT}}]
                batch_size: 500
                track_column: modified
                enabled: false
                lookback: 10m
                delete_detection: soft
                column_types: {payload: TEXT}
                """, Placeholders.of(Map.of("SYNC_INTERVAL", "7")));

        assertThat(job.name()).isEqualTo("nightly");
        assertThat(job.syncIntervalMinutes()).isEqualTo(7);
        assertThat(job.batchSize()).isEqualTo(500);
        assertThat(job.trackColumn()).isEqualTo("modified");
        assertThat(job.enabled()).isFalse();
        assertThat(job.lookback()).contains(new SyncJob.Lookback(Duration.ofMinutes(10), null));
        assertThat(job.deleteDetection()).isEqualTo(DeleteDetection.SOFT);
        assertThat(job.columnTypes()).containsExactly(Map.entry("payload", "TEXT"));
        assertThat(job.target()).isEqualTo(new SyncJob.Endpoint("", "local", Map.of(), "mirror", null));
        assertThat(job.tables())
                .containsExactly(
                        SyncJob.TableOptions.of("users"),
                        new SyncJob.TableOptions(
                                "orders", "updated_at", List.of("id", "line"), Map.of("doc", "TEXT"), SyncMode.FULL));
    }

    @Test
    void lookbackTakesDurationsAndNumbers() {
        assertThat(lookback("2h").time()).isEqualTo(Duration.ofHours(2));
        assertThat(lookback("1d").time()).isEqualTo(Duration.ofDays(1));
        assertThat(lookback("PT90S").time()).isEqualTo(Duration.ofSeconds(90));
        assertThat(lookback("500").amount()).isEqualTo(new BigDecimal("500"));
    }

    @Test
    void safetyLagTakesDurationsAndTheZoneDefaultsToUtc() {
        SyncJob job = SyncJob.parse(
                "source_provider: {data_backend: {datastore_name: pg}}\nsafety_lag: 90s\n"
                        + "time_zone: Europe/Paris\n",
                NO_VARIABLES);
        assertThat(job.safetyLag()).contains(Duration.ofSeconds(90));
        assertThat(job.timeZone()).isEqualTo(java.time.ZoneId.of("Europe/Paris"));
        SyncJob plain = SyncJob.parse("source_provider: {data_backend: {datastore_name: pg}}\n", NO_VARIABLES);
        assertThat(plain.safetyLag()).isEmpty();
        assertThat(plain.timeZone()).isEqualTo(java.time.ZoneId.of("UTC"));
    }

    private static SyncJob.Lookback lookback(String value) {
        return SyncJob.parse(
                        "source_provider: {data_backend: {datastore_name: pg}}\nlookback: '" + value + "'\n",
                        NO_VARIABLES)
                .lookback()
                .orElseThrow();
    }

    @Test
    void everyBadKeyIsNamedAtOnce() {
        assertThatThrownBy(() -> SyncJob.parse("""
                name: broken
                source_provider: {data_backend: {type: postgres}}
                sync_interval: 0
                batch_size: lots
                enabled: maybe
                mode: fast
                delete_detection: sometimes
                lookback: soon
                safety_lag: 500
                time_zone: Mars/Olympus
                trak_column: updated_at
                tables: [{track_column: x}]
                """, NO_VARIABLES))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG);
                    assertThat(e.problems())
                            .extracting(ConfigProblem::key)
                            .containsExactlyInAnyOrder(
                                    "trak_column",
                                    "source_provider.data_backend.datastore_name",
                                    "tables[0].name",
                                    "sync_interval",
                                    "batch_size",
                                    "enabled",
                                    "mode",
                                    "lookback",
                                    "delete_detection",
                                    "safety_lag",
                                    "time_zone");
                    assertThat(e.problems())
                            .allSatisfy(p -> assertThat(p.datastore()).isEqualTo("broken"));
                })
                .hasMessageContaining("Invalid sync job 'broken'")
                .hasMessageContaining("mode: Must be one of full, incremental, got 'fast'")
                .hasMessageContaining("sync_interval: Must be a whole number greater than 0, got '0'")
                .hasMessageContaining("Give exactly one of 'datastore_name' and 'connection'");
    }

    @Test
    void aMissingSourceAndAnUnsetVariableAreNamed() {
        assertThatThrownBy(() -> SyncJob.parse("tables: [users]\n", NO_VARIABLES))
                .hasMessageContaining("source_provider.data_backend: Must specify source_provider.data_backend");
        assertThatThrownBy(() -> SyncJob.parse(
                        "source_provider: {data_backend: {type: postgres, connection: " + "{host: '${PG_HOST}'}}}\n",
                        NO_VARIABLES))
                .hasMessageContaining("source_provider.data_backend.connection.host: ${PG_HOST} is not set");
    }

    @Test
    void hostileYamlIsRefused() {
        assertThatThrownBy(
                        () -> SyncJob.parse("source_provider: !!javax.script.ScriptEngineManager []\n", NO_VARIABLES))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG));
        assertThatThrownBy(() -> SyncJob.parse("name: a\nname: b\n", NO_VARIABLES))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG));
        assertThatThrownBy(() -> SyncJob.parse("", NO_VARIABLES))
                .hasMessageContaining("Empty or invalid sync job YAML");
    }

    @Test
    void resolvedValuesAreNotExpandedTwice() {
        SyncJob job = SyncJob.parse(
                "source_provider: {data_backend: {type: postgres, connection: " + "{host: h, password: '${PW}'}}}\n",
                Placeholders.of(Map.of("PW", "pa${ss}word")));
        assertThat(job.source().connection()).containsEntry("password", "pa${ss}word");
    }

    @Test
    void loadsAFileWithADotEnvBesideIt(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(".env"), "SYNC_BATCH=250\n");
        Path file = Files.writeString(dir.resolve("job.yaml"), specSnippet() + "batch_size: ${SYNC_BATCH:1000}\n");
        assertThat(SyncJob.load(file).batchSize()).isEqualTo(250);
    }
}
