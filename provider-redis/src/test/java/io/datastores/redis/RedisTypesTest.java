package io.datastores.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.bulk.TableCreator;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;

/** Every type the schema entry names reads back as the Arrow type it was written from. */
class RedisTypesTest {
    @Test
    void schemaEntryTypesReadBackAsTheirArrowTypes() {
        List<ArrowType> exact = List.of(
                ArrowType.Bool.INSTANCE,
                new ArrowType.Int(8, true),
                new ArrowType.Int(16, true),
                new ArrowType.Int(32, true),
                new ArrowType.Int(64, true),
                new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
                new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
                new ArrowType.Decimal(38, 10, 128),
                new ArrowType.Decimal(50, 5, 256),
                ArrowType.Utf8.INSTANCE,
                ArrowType.Binary.INSTANCE,
                new ArrowType.Date(DateUnit.DAY),
                new ArrowType.Time(TimeUnit.MICROSECOND, 64),
                new ArrowType.Time(TimeUnit.SECOND, 32),
                new ArrowType.Timestamp(TimeUnit.NANOSECOND, null),
                new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"),
                new ArrowType.Timestamp(TimeUnit.MILLISECOND, "Europe/Paris"),
                CanonicalTypes.UUID,
                CanonicalTypes.JSON);
        for (ArrowType type : exact) {
            var target = RedisTypes.columnType(type).orElseThrow();
            assertThat(target.losses()).as("%s", type).isEmpty();
            assertThat(RedisTypes.field("c", target.ddl(), true).getType())
                    .as(target.ddl())
                    .isEqualTo(type);
        }
        assertThat(RedisTypes.columnType(new ArrowType.Int(64, false))
                        .orElseThrow()
                        .losses())
                .isNotEmpty();
        assertThat(RedisTypes.columnType(CanonicalTypes.INTERVAL).orElseThrow().losses())
                .containsExactly(CanonicalTypes.INTERVAL_AS_TEXT);
        assertThat(RedisTypes.columnType(ArrowType.Struct.INSTANCE).orElseThrow())
                .isEqualTo(new TableCreator.TargetType("text", java.util.List.of(CanonicalTypes.STRUCT_AS_JSON)));
        assertThat(RedisTypes.columnType(new ArrowType.Map(false))).isEmpty();
    }
}
