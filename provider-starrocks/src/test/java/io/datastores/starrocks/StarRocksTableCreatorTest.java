package io.datastores.starrocks;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.TableCreator.ColumnDefinition;
import io.datastores.api.bulk.TableCreator.TargetType;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import io.datastores.jdbc.JdbcDatastore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

/**
 * The StarRocks type mapping and the DDL it writes. The DDL is checked as text only: no StarRocks
 * runs here, and MariaDB cannot run it (the container test creates tables on a real server where
 * Docker exists).
 */
class StarRocksTableCreatorTest {
    private final Datastore datastore = new StarRocksDatastoreProvider()
            .open(new DatastoreConfig(
                    "sr",
                    "starrocks",
                    "",
                    List.of(),
                    true,
                    Map.of("host", "fe.example", "database", "d"),
                    Map.of(),
                    new PoolSettings(0, 1, Duration.ofSeconds(1)),
                    Map.of()));
    private final TableCreator creator = datastore.feature(TableCreator.class).orElseThrow();

    private TargetType map(ArrowType type) {
        return creator.columnType(new Field("c", FieldType.nullable(type), null))
                .orElseThrow();
    }

    @Test
    void arrowTypesMapToStarRocksTypesWithTheirLosses() {
        assertThat(creator).isInstanceOf(StarRocksTableCreator.class);
        assertThat(map(ArrowType.Bool.INSTANCE)).isEqualTo(TargetType.exact("BOOLEAN"));
        assertThat(map(new ArrowType.Int(8, true))).isEqualTo(TargetType.exact("TINYINT"));
        assertThat(map(new ArrowType.Int(32, false))).isEqualTo(TargetType.exact("BIGINT"));
        assertThat(map(new ArrowType.Int(64, false))).isEqualTo(TargetType.exact("LARGEINT"));
        assertThat(map(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)))
                .isEqualTo(TargetType.exact("FLOAT"));
        assertThat(map(new ArrowType.Decimal(12, 2, 128))).isEqualTo(TargetType.exact("DECIMAL(12, 2)"));
        assertThat(map(new ArrowType.Decimal(76, 10, 256)).losses()).containsExactly("precision 76 reduced to 38");
        assertThat(map(ArrowType.Utf8.INSTANCE).ddl()).isEqualTo("STRING");
        assertThat(map(ArrowType.Utf8.INSTANCE).losses())
                .singleElement()
                .asString()
                .contains("65,533 bytes");
        assertThat(map(new ArrowType.Time(TimeUnit.MICROSECOND, 64)).ddl()).isEqualTo("VARCHAR(15)");
        assertThat(map(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null))).isEqualTo(TargetType.exact("DATETIME"));
        assertThat(map(new ArrowType.Timestamp(TimeUnit.NANOSECOND, "UTC")).losses())
                .containsExactly(
                        "nanoseconds truncated to microseconds",
                        "time zone dropped: instants stored as UTC wall-clock time (StarRocks has no instant type)");
        assertThat(creator.columnType(new Field("b", FieldType.nullable(ArrowType.Binary.INSTANCE), null)))
                .as("binary cannot travel through Stream Load JSON")
                .isEmpty();
    }

    @Test
    void aKeyedTableIsAPrimaryKeyTableWithItsKeyFirst() {
        String sql = ((StarRocksTableCreator) creator)
                .createTableSql(
                        TableRef.of("d", "orders"),
                        List.of(
                                new ColumnDefinition("note", "STRING", true),
                                new ColumnDefinition("id", "BIGINT", true),
                                new ColumnDefinition("odd`name", "INT", true)),
                        List.of("id"));
        assertThat(sql)
                .isEqualTo("CREATE TABLE `d`.`orders` (`id` BIGINT NOT NULL, `note` STRING, `odd``name` INT) "
                        + "PRIMARY KEY (`id`) DISTRIBUTED BY HASH(`id`)");
    }

    @Test
    void aTableWithoutKeyIsADuplicateKeyTableOnItsFirstColumn() {
        String sql = ((StarRocksTableCreator) creator)
                .createTableSql(
                        TableRef.of("events"),
                        List.of(
                                new ColumnDefinition("at", "DATETIME", false),
                                new ColumnDefinition("what", "STRING", true)),
                        List.of());
        assertThat(sql)
                .isEqualTo("CREATE TABLE `events` (`at` DATETIME NOT NULL, `what` STRING) "
                        + "DUPLICATE KEY (`at`) DISTRIBUTED BY HASH(`at`)");
        assertThat(datastore).isInstanceOf(JdbcDatastore.class);
        assertThat(datastore.isConnected()).isFalse();
    }
}
