package io.datastores.clickhouse;

import io.datastores.api.TableRef;
import io.datastores.api.arrow.CanonicalTypes;
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
 * ClickHouse column types for Arrow fields, and {@code CREATE TABLE} with a MergeTree engine:
 * {@code ReplacingMergeTree ORDER BY (key)} when the table has a key (so rows written again with
 * the same key replace the old ones when parts merge), {@code MergeTree ORDER BY tuple()} when
 * not. Created tables keep a non-replicated deduplication window, so the bulk writer's
 * {@code insert_deduplication_token} drops a retried batch. Stateless and thread-safe.
 */
final class ClickHouseTableCreator implements TableCreator {
    /** Inserts remembered per table for deduplication (ClickHouse's default for Replicated tables is 1000 too). */
    static final int DEDUPLICATION_WINDOW = 1000;
    /**
     * ClickHouse's String holds bytes, text or not; a column made for Arrow binary is marked with this
     * comment so that bulk reads give it back as binary rather than as UTF-8 text.
     */
    static final String BINARY_COMMENT = "binary";

    private static final String BINARY = "String COMMENT '" + BINARY_COMMENT + "'";
    static final String BINARY_AS_TEXT = "binary read back as text when read through a query (bytes that are not "
            + "UTF-8 become U+FFFD); a whole-table read gives it back as binary";
    /** ClickHouse refuses {@code Nullable(Array(…))}: a NULL list is stored as the empty one. */
    static final String NULL_ARRAY = "NULL list stored as an empty Array (ClickHouse arrays cannot be NULL)";

    static final String OUT_OF_RANGE_DATES = "dates outside 1900-01-01 .. 2299-12-31 cannot be stored";

    private final JdbcDatastore datastore;

    ClickHouseTableCreator(JdbcDatastore datastore) {
        this.datastore = datastore;
    }

    @Override
    public Optional<TargetType> columnType(Field field) {
        return type(field);
    }

    static Optional<TargetType> type(Field field) {
        ArrowType type = field.getType();
        // No JSON type: ClickHouse's re-prints documents, and String keeps the text as it came.
        Optional<TargetType> canonical = TargetType.canonical(type, "UUID", null, "String");
        if (canonical.isPresent()) {
            return canonical;
        }
        if (type instanceof ArrowType.Interval) {
            return Optional.of(new TargetType("String", List.of(CanonicalTypes.INTERVAL_AS_TEXT)));
        }
        return Optional.ofNullable(
                switch (type.getTypeID()) {
                    case Bool -> TargetType.exact("Bool");
                    case Int -> integer((ArrowType.Int) type);
                    case FloatingPoint ->
                        TargetType.exact(
                                ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.DOUBLE
                                        ? "Float64"
                                        : "Float32");
                    case Decimal -> decimal((ArrowType.Decimal) type);
                    case Utf8, LargeUtf8, Utf8View -> TargetType.exact("String");
                    case Binary, LargeBinary, BinaryView -> new TargetType(BINARY, List.of(BINARY_AS_TEXT));
                    case FixedSizeBinary ->
                        TargetType.exact("FixedString(" + ((ArrowType.FixedSizeBinary) type).getByteWidth() + ")");
                    case Date -> new TargetType("Date32", List.of(OUT_OF_RANGE_DATES));
                    case Timestamp -> timestamp((ArrowType.Timestamp) type);
                    case Time ->
                        TargetType.exact(
                                ((ArrowType.Time) type).getUnit() == TimeUnit.NANOSECOND ? "Time64(9)" : "Time64(6)");
                    case List, LargeList, FixedSizeList ->
                        element(field, 0)
                                .map(e -> new TargetType(
                                        "Array(" + e.ddl() + ")",
                                        field.isNullable() ? with(e.losses(), NULL_ARRAY) : e.losses()))
                                .orElse(null);
                    case Map -> map(field);
                    case Struct -> tuple(field);
                    default -> null;
                });
    }

    private static List<String> with(List<String> losses, String loss) {
        List<String> all = new ArrayList<>(losses);
        all.add(loss);
        return all;
    }

    private static TargetType integer(ArrowType.Int type) {
        return TargetType.exact((type.getIsSigned() ? "Int" : "UInt") + type.getBitWidth());
    }

    private static TargetType decimal(ArrowType.Decimal type) {
        // ClickHouse decimals go to 76 digits, Arrow's Decimal256 too: never a cut.
        return TargetType.exact("Decimal(" + type.getPrecision() + ", " + type.getScale() + ")");
    }

    private static TargetType timestamp(ArrowType.Timestamp type) {
        List<String> losses = new ArrayList<>(List.of(OUT_OF_RANGE_DATES));
        int digits = switch (type.getUnit()) {
            case SECOND -> 0;
            case MILLISECOND -> 3;
            case MICROSECOND -> 6;
            case NANOSECOND -> 9;
        };
        String zone = type.getTimezone() == null ? "" : ", 'UTC'";
        return new TargetType("DateTime64(" + digits + zone + ")", losses);
    }

    private static Optional<TargetType> element(Field field, int child) {
        return field.getChildren().size() > child
                ? type(field.getChildren().get(child))
                        .map(t -> t.ddl().equals(BINARY) ? new TargetType("String", t.losses()) : t)
                        .map(t -> nullable(field.getChildren().get(child), t))
                : Optional.empty();
    }

    private static TargetType nullable(Field field, TargetType type) {
        return field.isNullable()
                        && !type.ddl().startsWith("Array(")
                        && !type.ddl().startsWith("Map(")
                        && !type.ddl().startsWith("Tuple(")
                ? new TargetType("Nullable(" + type.ddl() + ")", type.losses())
                : type;
    }

    private static TargetType map(Field field) {
        Field entries = field.getChildren().get(0);
        Optional<TargetType> key = type(entries.getChildren().get(0));
        Optional<TargetType> value = element(entries, 1);
        if (key.isEmpty() || value.isEmpty()) {
            return null;
        }
        List<String> losses = new ArrayList<>(key.get().losses());
        losses.addAll(value.get().losses());
        return new TargetType("Map(" + key.get().ddl() + ", " + value.get().ddl() + ")", losses);
    }

    private static TargetType tuple(Field field) {
        List<String> parts = new ArrayList<>();
        List<String> losses = new ArrayList<>();
        for (int i = 0; i < field.getChildren().size(); i++) {
            Optional<TargetType> child = element(field, i);
            if (child.isEmpty()) {
                return null;
            }
            parts.add(quoteName(field.getChildren().get(i).getName()) + " "
                    + child.get().ddl().replace(BINARY, "String"));
            losses.addAll(child.get().losses());
        }
        return parts.isEmpty() ? null : new TargetType("Tuple(" + String.join(", ", parts) + ")", losses);
    }

    private static String quoteName(String name) {
        return new ClickHouseDialect().quote(name);
    }

    @Override
    public void createTable(TableRef table, List<ColumnDefinition> columns, List<String> primaryKey) {
        ClickHouseDialect dialect = (ClickHouseDialect) datastore.dialect();
        String body = columns.stream()
                .map(c -> dialect.quote(c.name()) + " " + column(c))
                .collect(Collectors.joining(", "));
        boolean nullableKey = columns.stream().anyMatch(c -> c.nullable() && primaryKey.contains(c.name()));
        String engine = primaryKey.isEmpty()
                ? "MergeTree ORDER BY tuple()"
                : "ReplacingMergeTree ORDER BY ("
                        + primaryKey.stream().map(dialect::quote).collect(Collectors.joining(", ")) + ")";
        // Column types come from this mapping or a caller's override, never from data.
        datastore.execute("CREATE TABLE " + dialect.qualify(table) + " (" + body + ") ENGINE = " + engine
                + " SETTINGS non_replicated_deduplication_window = " + DEDUPLICATION_WINDOW
                + (nullableKey ? ", allow_nullable_key = 1" : ""));
    }

    @Override
    public void addColumn(TableRef table, ColumnDefinition column) {
        ClickHouseDialect dialect = (ClickHouseDialect) datastore.dialect();
        datastore.execute("ALTER TABLE " + dialect.qualify(table) + " ADD COLUMN " + dialect.quote(column.name()) + " "
                + column(column));
    }

    private static String column(ColumnDefinition column) {
        if (column.type().equals(BINARY)) {
            return column(new ColumnDefinition(column.name(), "String", column.nullable())) + " COMMENT '"
                    + BINARY_COMMENT + "'";
        }
        if (!canBeNullable(column.type())) {
            return column.type();
        }
        // NOT NULL spelled out: a session with data_type_default_nullable = 1 would make a bare type nullable.
        return column.nullable() ? "Nullable(" + column.type() + ")" : column.type() + " NOT NULL";
    }

    private static boolean canBeNullable(String type) {
        // ClickHouse refuses Nullable around composite and already-nullable types.
        return !type.matches("(?s)\\s*(Nullable|Array|Map|Tuple|LowCardinality|JSON|Object|Variant|Dynamic)\\b.*");
    }
}
