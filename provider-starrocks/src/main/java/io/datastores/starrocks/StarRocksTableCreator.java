package io.datastores.starrocks;

import io.datastores.api.TableRef;
import io.datastores.api.bulk.TableCreator;
import io.datastores.jdbc.JdbcDatastore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * StarRocks column types and tables. A table with a key is a PRIMARY KEY table (the model that
 * upserts, so UPSERT writes work), one without a DUPLICATE KEY table sorted on its first column;
 * both are DISTRIBUTED BY HASH of that key. StarRocks wants key columns first, so they are moved
 * to the front. Losses: no TIME type (times of day become {@code VARCHAR(15)} text), no instant
 * type (zoned timestamps become UTC {@code DATETIME}), text longer than 65,533 bytes is refused
 * ({@code STRING}), decimals beyond 38 digits are narrowed, and binary columns are not offered,
 * since Stream Load's JSON cannot carry them. Stateless and thread-safe.
 */
final class StarRocksTableCreator implements TableCreator {
    private static final int MAX_DECIMAL_PRECISION = 38;
    private static final String NANOS = "nanoseconds truncated to microseconds";

    private final JdbcDatastore datastore;

    StarRocksTableCreator(JdbcDatastore datastore) {
        this.datastore = datastore;
    }

    @Override
    public Optional<TargetType> columnType(Field field) {
        ArrowType type = field.getType();
        return Optional.ofNullable(
                switch (type.getTypeID()) {
                    // Where StarRocks departs from other databases first: text has a limit, TIME does not exist.
                    case Utf8, LargeUtf8, Utf8View ->
                        new TargetType(
                                "STRING", List.of("values longer than 65,533 bytes are refused (STRING's limit)"));
                    case Time ->
                        new TargetType(
                                "VARCHAR(15)",
                                losses(
                                        ((ArrowType.Time) type).getUnit(),
                                        "time of day stored as text HH:mm:ss.ffffff (StarRocks has no TIME type)"));
                    case Timestamp -> timestamp((ArrowType.Timestamp) type);
                    case Date -> TargetType.exact("DATE");
                    case Bool -> TargetType.exact("BOOLEAN");
                    case Int -> integer((ArrowType.Int) type);
                    case FloatingPoint ->
                        TargetType.exact(
                                ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.DOUBLE
                                        ? "DOUBLE"
                                        : "FLOAT");
                    case Decimal -> decimal((ArrowType.Decimal) type);
                    default -> null;
                });
    }

    @Override
    public void createTable(TableRef table, List<ColumnDefinition> columns, List<String> primaryKey) {
        // Column types come from the mapping above or a caller's override, never from data.
        datastore.execute(createTableSql(table, columns, primaryKey));
    }

    String createTableSql(TableRef table, List<ColumnDefinition> columns, List<String> primaryKey) {
        List<String> key = primaryKey.isEmpty() ? List.of(columns.get(0).name()) : primaryKey;
        List<ColumnDefinition> ordered = new ArrayList<>();
        for (String name : key) {
            columns.stream().filter(c -> c.name().equals(name)).forEach(ordered::add);
        }
        columns.stream().filter(c -> !key.contains(c.name())).forEach(ordered::add);
        String keyList = key.stream().map(datastore::quote).collect(Collectors.joining(", "));
        return "CREATE TABLE " + datastore.qualify(table) + " ("
                + ordered.stream()
                        .map(c -> datastore.quote(c.name()) + " " + c.type()
                                + (c.nullable() && !primaryKey.contains(c.name()) ? "" : " NOT NULL"))
                        .collect(Collectors.joining(", "))
                + ") " + (primaryKey.isEmpty() ? "DUPLICATE KEY" : "PRIMARY KEY") + " (" + keyList + ")"
                + " DISTRIBUTED BY HASH(" + keyList + ")";
    }

    private static TargetType integer(ArrowType.Int type) {
        int bits = type.getIsSigned() ? type.getBitWidth() : type.getBitWidth() * 2;
        return TargetType.exact(
                switch (bits) {
                    case 8 -> "TINYINT";
                    case 16 -> "SMALLINT";
                    case 32 -> "INT";
                    case 64 -> "BIGINT";
                    default -> "LARGEINT";
                });
    }

    private static TargetType decimal(ArrowType.Decimal type) {
        int precision = Math.min(type.getPrecision(), MAX_DECIMAL_PRECISION);
        List<String> losses = precision < type.getPrecision()
                ? List.of("precision " + type.getPrecision() + " reduced to " + MAX_DECIMAL_PRECISION)
                : List.of();
        return new TargetType("DECIMAL(" + precision + ", " + Math.min(type.getScale(), precision) + ")", losses);
    }

    private static TargetType timestamp(ArrowType.Timestamp type) {
        List<String> losses = new ArrayList<>(losses(type.getUnit(), null));
        if (type.getTimezone() != null) {
            losses.add("time zone dropped: instants stored as UTC wall-clock time (StarRocks has no instant type)");
        }
        return new TargetType("DATETIME", losses);
    }

    private static List<String> losses(TimeUnit unit, String always) {
        List<String> losses = new ArrayList<>();
        if (always != null) {
            losses.add(always);
        }
        if (unit == TimeUnit.NANOSECOND) {
            losses.add(NANOS);
        }
        return losses;
    }
}
