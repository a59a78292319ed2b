package io.datastores.jdbc;

import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.bulk.TableCreator.TargetType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The column type a SQL database gets for each Arrow type, written once for all dialects: a
 * dialect passes its own names for the few types databases spell differently.
 *
 * @param text unbounded text, such as {@code TEXT} or {@code LONGTEXT}
 * @param binary unbounded binary, such as {@code BYTEA} or {@code BLOB}
 * @param doubleType 64-bit float, such as {@code DOUBLE PRECISION} or {@code DOUBLE}
 * @param time a time of day with microseconds, such as {@code TIME} or {@code TIME(6)}
 * @param timestamp a wall-clock timestamp with microseconds
 * @param timestampWithZone an instant type, or {@code null} when the database has none (values are
 *     then stored as UTC wall clocks in {@code timestamp}, and the plan says so)
 * @param maxDecimalPrecision the largest DECIMAL precision the database accepts
 * @param decimalLoss what a DECIMAL column loses in this database, or {@code null} when decimals are exact
 * @param uuid the UUID type, or {@code null} when UUIDs are stored as text (the plan says so)
 * @param json the JSON type that keeps a document's text as it is, or {@code null} for text
 * @param interval the interval type holding months, days and microseconds apart, or {@code null} for
 *     ISO-8601 text
 * @param listDepth how deeply lists nest as the database's own array type ({@code T[]}): 0 for none
 *     (lists are stored as JSON text), 1 where arrays have no nesting of their own (PostgreSQL),
 *     {@link Integer#MAX_VALUE} where lists of lists exist (DuckDB)
 */
public record SqlTypes(
        String text,
        String binary,
        String doubleType,
        String time,
        String timestamp,
        String timestampWithZone,
        int maxDecimalPrecision,
        String decimalLoss,
        String uuid,
        String json,
        String interval,
        int listDepth) {

    /** ANSI-ish defaults most databases accept. */
    public static final SqlTypes STANDARD =
            new SqlTypes("TEXT", "BLOB", "DOUBLE PRECISION", "TIME", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", 38, null);

    /**
     * Types of a database that has no UUID, JSON, interval or array type: those travel as text.
     *
     * @param text unbounded text
     * @param binary unbounded binary
     * @param doubleType 64-bit float
     * @param time a time of day with microseconds
     * @param timestamp a wall-clock timestamp with microseconds
     * @param timestampWithZone an instant type, or {@code null}
     * @param maxDecimalPrecision the largest DECIMAL precision
     * @param decimalLoss what a DECIMAL column loses, or {@code null}
     */
    public SqlTypes(
            String text,
            String binary,
            String doubleType,
            String time,
            String timestamp,
            String timestampWithZone,
            int maxDecimalPrecision,
            String decimalLoss) {
        this(
                text,
                binary,
                doubleType,
                time,
                timestamp,
                timestampWithZone,
                maxDecimalPrecision,
                decimalLoss,
                null,
                null,
                null,
                0);
    }

    /**
     * @param field an Arrow field
     * @return the column type for it, with its losses, or empty for types no column here can hold
     */
    public Optional<TargetType> map(Field field) {
        return map(field, 0);
    }

    private Optional<TargetType> map(Field field, int depth) {
        ArrowType type = field.getType();
        Optional<TargetType> canonical = TargetType.canonical(type, uuid, json, text);
        if (canonical.isPresent()) {
            return canonical;
        }
        if (type instanceof ArrowType.Interval) {
            return Optional.of(
                    interval != null
                            ? TargetType.exact(interval)
                            : new TargetType(text, List.of(CanonicalTypes.INTERVAL_AS_TEXT)));
        }
        if (type instanceof ArrowType.Struct) {
            // No struct columns here: the JSON object, in a JSON column where there is one.
            return Optional.of(new TargetType(json != null ? json : text, List.of(CanonicalTypes.STRUCT_AS_JSON)));
        }
        if (type instanceof ArrowType.List || type instanceof ArrowType.LargeList) {
            Optional<TargetType> element =
                    depth < listDepth ? map(field.getChildren().get(0), depth + 1) : Optional.empty();
            // A list of lists where arrays do not nest would be an array of JSON texts: one JSON text is plainer.
            return Optional.of(element.filter(e -> !e.losses().contains(CanonicalTypes.LIST_AS_JSON))
                    .map(e -> new TargetType(e.ddl() + "[]", e.losses()))
                    .orElseGet(() -> new TargetType(text, List.of(CanonicalTypes.LIST_AS_JSON))));
        }
        return map(type);
    }

    /**
     * @param type a primitive Arrow type
     * @return the column type for it, with its losses, or empty for nested and extension types
     */
    public Optional<TargetType> map(ArrowType type) {
        return Optional.ofNullable(
                switch (type.getTypeID()) {
                    case Bool -> TargetType.exact("BOOLEAN");
                    case Int -> integer((ArrowType.Int) type);
                    case FloatingPoint ->
                        ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.DOUBLE
                                ? TargetType.exact(doubleType)
                                : TargetType.exact("REAL");
                    case Decimal -> decimal((ArrowType.Decimal) type);
                    case Utf8, LargeUtf8, Utf8View -> TargetType.exact(text);
                    case Binary, LargeBinary, FixedSizeBinary, BinaryView -> TargetType.exact(binary);
                    case Date -> TargetType.exact("DATE");
                    case Time ->
                        new TargetType(
                                time,
                                ((ArrowType.Time) type).getUnit() == TimeUnit.NANOSECOND
                                        ? List.of("nanoseconds truncated to microseconds")
                                        : List.of());
                    case Timestamp -> timestamp((ArrowType.Timestamp) type);
                    default -> null;
                });
    }

    private static TargetType integer(ArrowType.Int type) {
        int bits = type.getBitWidth();
        if (!type.getIsSigned()) {
            // Widen so the largest unsigned value fits a signed type.
            bits *= 2;
        }
        return switch (bits) {
            case 8, 16 -> TargetType.exact("SMALLINT");
            case 32 -> TargetType.exact("INTEGER");
            case 64 -> TargetType.exact("BIGINT");
            default -> TargetType.exact("DECIMAL(20, 0)");
        };
    }

    private TargetType decimal(ArrowType.Decimal type) {
        List<String> losses = new ArrayList<>();
        if (decimalLoss != null) {
            losses.add(decimalLoss);
        }
        int precision = type.getPrecision();
        if (precision > maxDecimalPrecision) {
            losses.add("precision " + precision + " reduced to " + maxDecimalPrecision);
            precision = maxDecimalPrecision;
        }
        int scale = Math.min(type.getScale(), precision);
        return new TargetType("DECIMAL(" + precision + ", " + scale + ")", losses);
    }

    private TargetType timestamp(ArrowType.Timestamp type) {
        List<String> losses =
                type.getUnit() == TimeUnit.NANOSECOND ? List.of("nanoseconds truncated to microseconds") : List.of();
        if (type.getTimezone() == null) {
            return new TargetType(timestamp, losses);
        }
        if (timestampWithZone != null) {
            return new TargetType(timestampWithZone, losses);
        }
        List<String> withZone = new ArrayList<>(losses);
        withZone.add("time zone dropped: instants stored as UTC wall-clock time");
        return new TargetType(timestamp, withZone);
    }
}
