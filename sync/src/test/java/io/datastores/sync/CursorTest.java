package io.datastores.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TimeZone;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.junit.jupiter.api.Test;

/** Cursors are typed, zone-explicit and untouched by the JVM's default time zone. */
class CursorTest {

    @Test
    void instantsAreStoredInUtcWithTheirOffsetWhateverTheJvmZone() {
        TimeZone saved = TimeZone.getDefault();
        try (BufferAllocator allocator = new RootAllocator();
                TimeStampMicroTZVector vector = new TimeStampMicroTZVector("c", allocator, "UTC")) {
            vector.allocateNew(1);
            // 2023-06-15T14:25:00.123456Z in microseconds
            vector.set(0, 1_686_839_100_123_456L);
            vector.setValueCount(1);
            Cursor first = Cursor.read(vector, 0, "c");
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            Cursor second = Cursor.read(vector, 0, "c");

            assertThat(first)
                    .isEqualTo(second)
                    .isEqualTo(new Cursor(Cursor.Kind.INSTANT, "2023-06-15T14:25:00.123456Z"));
            assertThat(first.parameter())
                    .isEqualTo(OffsetDateTime.of(2023, 6, 15, 14, 25, 0, 123_456_000, ZoneOffset.UTC));
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void wallClockTimestampsKeepNoOffsetAndWholeMillisShowThree() {
        try (BufferAllocator allocator = new RootAllocator();
                TimeStampMicroVector vector = new TimeStampMicroVector("c", allocator)) {
            vector.allocateNew(2);
            vector.set(0, 1_686_839_100_000_000L);
            vector.setNull(1);
            vector.setValueCount(2);
            Cursor cursor = Cursor.read(vector, 0, "c");

            assertThat(cursor).isEqualTo(new Cursor(Cursor.Kind.LOCAL_TIMESTAMP, "2023-06-15T14:25:00.000"));
            assertThat(cursor.parameter()).isEqualTo(LocalDateTime.of(2023, 6, 15, 14, 25));
            assertThat(cursor.json()).isEqualTo("\"2023-06-15T14:25:00.000\"");
            assertThat(Cursor.read(vector, 1, "c")).isNull();
        }
    }

    @Test
    void lookbackMovesTheCursorBackInItsOwnUnits() {
        assertThat(new Cursor(Cursor.Kind.INSTANT, "2023-06-15T14:25:00.000Z")
                        .minus(new SyncJob.Lookback(Duration.ofMinutes(30), null), "c")
                        .value())
                .isEqualTo("2023-06-15T13:55:00.000Z");
        assertThat(new Cursor(Cursor.Kind.DATE, "2023-06-15")
                        .minus(new SyncJob.Lookback(Duration.ofHours(1), null), "c")
                        .value())
                .isEqualTo("2023-06-14");
        assertThat(new Cursor(Cursor.Kind.INTEGER, "1000")
                        .minus(new SyncJob.Lookback(null, new BigDecimal("50")), "c")
                        .parameter())
                .isEqualTo(950L);
        assertThatThrownBy(() -> new Cursor(Cursor.Kind.INTEGER, "1000")
                        .minus(new SyncJob.Lookback(Duration.ofMinutes(5), null), "id"))
                .hasMessageContaining("lookback 'PT5M' does not fit track column 'id'");
    }

    @Test
    void integersAreJsonNumbers() {
        try (BufferAllocator allocator = new RootAllocator();
                BigIntVector vector = new BigIntVector("c", allocator)) {
            vector.allocateNew(1);
            vector.set(0, 42);
            vector.setValueCount(1);
            assertThat(Cursor.read(vector, 0, "c").json()).isEqualTo("42");
        }
    }

    @Test
    void statusJsonHasTheSpecShapePlusErrorAndDuration() {
        SyncStatus status = new SyncStatus(
                java.time.Instant.parse("2023-06-15T14:30:00Z"),
                Map.of(
                        "users",
                        new SyncStatus.TableStatus(
                                "2023-06-15T14:25:00.000Z",
                                "\"2023-06-15T14:25:00.000Z\"",
                                1250,
                                java.time.Instant.parse("2023-06-15T14:30:00Z"),
                                null,
                                12)),
                false);
        assertThat(status.toJson())
                .isEqualTo(
                        "{\"lastSyncTime\": \"2023-06-15T14:30:00.000Z\", \"tableMap\": {\"users\": "
                                + "{\"lastValue\": \"2023-06-15T14:25:00.000Z\", \"recordCount\": 1250, \"lastSyncTime\": "
                                + "\"2023-06-15T14:30:00.000Z\", \"lastError\": null, \"durationMs\": 12}}, \"isRunning\": false}");
    }
}
