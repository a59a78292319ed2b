package io.datastores.s3;

import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.bulk.TableCreator.TargetType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Arrow types to Parquet types and back, for flat tables whose columns may be lists of one
 * primitive element (Parquet's standard three-level LIST); UUIDs and JSON keep Parquet's UUID and
 * JSON logical types, intervals are ISO-8601 text. Integers keep their width and sign as
 * INT annotations, decimals up to 18 digits are INT32/INT64 and wider ones 16-byte fixed
 * binaries, times and timestamps keep their unit (seconds become milliseconds), and a timestamp
 * with a zone is stored adjusted to UTC, so it reads back with zone {@code UTC}.
 */
final class ParquetSchemas {
    private ParquetSchemas() {}

    static MessageType toParquet(Schema schema) {
        List<Type> fields = new ArrayList<>();
        for (Field field : schema.getFields()) {
            fields.add(toParquet(field)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "Parquet cannot hold column '" + field.getName() + "' of Arrow type " + field.getType())));
        }
        return new MessageType("schema", fields);
    }

    static Optional<TargetType> columnType(Field field) {
        return toParquet(field).map(type -> {
            String ddl = ddl(type);
            List<String> losses = new ArrayList<>();
            if (field.getType() instanceof ArrowType.Interval) {
                losses.add(CanonicalTypes.INTERVAL_AS_TEXT);
            }
            if (field.getType() instanceof ArrowType.Timestamp t
                    && t.getTimezone() != null
                    && !t.getTimezone().equalsIgnoreCase("UTC")
                    && !t.getTimezone().equals("+00:00")) {
                losses.add("time zone '" + t.getTimezone()
                        + "' dropped: stored as the UTC instant, reads back with zone UTC");
            }
            return new TargetType(ddl, losses);
        });
    }

    /** @return {@code int32 INT(32,true)}, or {@code list<…>} for a list */
    private static String ddl(Type type) {
        if (!type.isPrimitive()) {
            return "list<" + ddl(type.asGroupType().getType(0).asGroupType().getType(0)) + ">";
        }
        return type.asPrimitiveType().getPrimitiveTypeName().name().toLowerCase(Locale.ROOT)
                + (type.getLogicalTypeAnnotation() == null ? "" : " " + type.getLogicalTypeAnnotation());
    }

    static Optional<Type> toParquet(Field field) {
        Types.PrimitiveBuilder<PrimitiveType> builder;
        ArrowType type = field.getType();
        Type.Repetition repetition = field.isNullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        if (type instanceof ArrowType.List) {
            // The standard three-level LIST of one primitive element; lists of lists are not written.
            Field element = field.getChildren().get(0);
            return element.getType() instanceof ArrowType.List
                    ? Optional.empty()
                    : toParquet(element)
                            .map(e -> Types.list(repetition).element(e).named(field.getName()));
        }
        if (CanonicalTypes.isUuid(type)) {
            return Optional.of(Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                    .length(16)
                    .as(LogicalTypeAnnotation.uuidType())
                    .named(field.getName()));
        }
        if (CanonicalTypes.isJson(type)) {
            return Optional.of(Types.primitive(PrimitiveTypeName.BINARY, repetition)
                    .as(LogicalTypeAnnotation.jsonType())
                    .named(field.getName()));
        }
        if (type instanceof ArrowType.Interval) {
            // Parquet's INTERVAL keeps milliseconds only: the exact ISO-8601 text is kept instead.
            return Optional.of(Types.primitive(PrimitiveTypeName.BINARY, repetition)
                    .as(LogicalTypeAnnotation.stringType())
                    .named(field.getName()));
        }
        switch (type.getTypeID()) {
            case Int -> {
                ArrowType.Int i = (ArrowType.Int) type;
                builder = Types.primitive(
                                i.getBitWidth() == 64 ? PrimitiveTypeName.INT64 : PrimitiveTypeName.INT32, repetition)
                        .as(LogicalTypeAnnotation.intType(i.getBitWidth(), i.getIsSigned()));
            }
            case FloatingPoint -> {
                FloatingPointPrecision precision = ((ArrowType.FloatingPoint) type).getPrecision();
                if (precision == FloatingPointPrecision.HALF) {
                    return Optional.empty();
                }
                builder = Types.primitive(
                        precision == FloatingPointPrecision.SINGLE ? PrimitiveTypeName.FLOAT : PrimitiveTypeName.DOUBLE,
                        repetition);
            }
            case Decimal -> {
                ArrowType.Decimal d = (ArrowType.Decimal) type;
                if (d.getPrecision() > 38) {
                    return Optional.empty();
                }
                LogicalTypeAnnotation decimal = LogicalTypeAnnotation.decimalType(d.getScale(), d.getPrecision());
                builder = d.getPrecision() <= 9
                        ? Types.primitive(PrimitiveTypeName.INT32, repetition).as(decimal)
                        : d.getPrecision() <= 18
                                ? Types.primitive(PrimitiveTypeName.INT64, repetition)
                                        .as(decimal)
                                : Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                                        .length(16)
                                        .as(decimal);
            }
            case Utf8, LargeUtf8 ->
                builder = Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType());
            case Binary, LargeBinary -> builder = Types.primitive(PrimitiveTypeName.BINARY, repetition);
            case FixedSizeBinary ->
                builder = Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                        .length(((ArrowType.FixedSizeBinary) type).getByteWidth());
            case Bool -> builder = Types.primitive(PrimitiveTypeName.BOOLEAN, repetition);
            case Date ->
                builder = Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType());
            case Time -> {
                TimeUnit unit = ((ArrowType.Time) type).getUnit();
                builder = unit == TimeUnit.SECOND || unit == TimeUnit.MILLISECOND
                        ? Types.primitive(PrimitiveTypeName.INT32, repetition)
                                .as(LogicalTypeAnnotation.timeType(false, LogicalTypeAnnotation.TimeUnit.MILLIS))
                        : Types.primitive(PrimitiveTypeName.INT64, repetition)
                                .as(LogicalTypeAnnotation.timeType(false, parquetUnit(unit)));
            }
            case Timestamp -> {
                ArrowType.Timestamp t = (ArrowType.Timestamp) type;
                builder = Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timestampType(t.getTimezone() != null, parquetUnit(t.getUnit())));
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(builder.named(field.getName()));
    }

    private static LogicalTypeAnnotation.TimeUnit parquetUnit(TimeUnit unit) {
        return switch (unit) {
            case SECOND, MILLISECOND -> LogicalTypeAnnotation.TimeUnit.MILLIS;
            case MICROSECOND -> LogicalTypeAnnotation.TimeUnit.MICROS;
            case NANOSECOND -> LogicalTypeAnnotation.TimeUnit.NANOS;
        };
    }

    /**
     * @param message a file's schema
     * @param key the object, for messages
     * @return the Arrow schema its columns read back as
     * @throws IllegalArgumentException naming the column when a column is nested or of a type not read
     */
    static Schema toArrow(MessageType message, String key) {
        List<Field> fields = new ArrayList<>();
        for (Type type : message.getFields()) {
            fields.add(toArrow(type, key));
        }
        return new Schema(fields);
    }

    /** A primitive column, or a standard three-level LIST of one primitive element. */
    private static Field toArrow(Type type, String key) {
        boolean nullable = type.isRepetition(Type.Repetition.OPTIONAL);
        if (!type.isPrimitive()
                && type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
                && !type.isRepetition(Type.Repetition.REPEATED)
                && type.asGroupType().getFieldCount() == 1) {
            Type repeated = type.asGroupType().getType(0);
            if (repeated.isRepetition(Type.Repetition.REPEATED)
                    && !repeated.isPrimitive()
                    && repeated.asGroupType().getFieldCount() == 1
                    && repeated.asGroupType().getType(0).isPrimitive()
                    && !repeated.asGroupType().getType(0).isRepetition(Type.Repetition.REPEATED)) {
                Field element = toArrow(repeated.asGroupType().getType(0), key);
                return new Field(
                        type.getName(), new FieldType(nullable, ArrowType.List.INSTANCE, null), List.of(element));
            }
        }
        if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)) {
            throw new IllegalArgumentException(key + ": column '" + type.getName()
                    + "' is nested or repeated; flat columns and lists of one primitive element are read");
        }
        ArrowType arrow = toArrow(type.asPrimitiveType())
                .orElseThrow(() -> new IllegalArgumentException(
                        key + ": column '" + type.getName() + "' has Parquet type " + type + ", which is not read"));
        return new Field(type.getName(), new FieldType(nullable, arrow, null), null);
    }

    private static Optional<ArrowType> toArrow(PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
            return d.getPrecision() > 38
                    ? Optional.empty()
                    : Optional.of(new ArrowType.Decimal(d.getPrecision(), d.getScale(), 128));
        }
        return switch (type.getPrimitiveTypeName()) {
            case INT32 -> {
                if (logical instanceof IntLogicalTypeAnnotation i) {
                    yield Optional.of(new ArrowType.Int(i.getBitWidth(), i.isSigned()));
                }
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    yield Optional.of(new ArrowType.Date(DateUnit.DAY));
                }
                if (logical instanceof TimeLogicalTypeAnnotation) {
                    yield Optional.of(new ArrowType.Time(TimeUnit.MILLISECOND, 32));
                }
                yield logical == null ? Optional.of(new ArrowType.Int(32, true)) : Optional.empty();
            }
            case INT64 -> {
                if (logical instanceof IntLogicalTypeAnnotation i) {
                    yield Optional.of(new ArrowType.Int(64, i.isSigned()));
                }
                if (logical instanceof TimeLogicalTypeAnnotation t) {
                    yield Optional.of(new ArrowType.Time(arrowUnit(t.getUnit()), 64));
                }
                if (logical instanceof TimestampLogicalTypeAnnotation t) {
                    yield Optional.of(
                            new ArrowType.Timestamp(arrowUnit(t.getUnit()), t.isAdjustedToUTC() ? "UTC" : null));
                }
                yield logical == null ? Optional.of(new ArrowType.Int(64, true)) : Optional.empty();
            }
            case FLOAT -> Optional.of(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE));
            case DOUBLE -> Optional.of(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
            case BOOLEAN -> Optional.of(ArrowType.Bool.INSTANCE);
            case BINARY ->
                Optional.of(
                        logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation
                                ? CanonicalTypes.JSON
                                : logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                                                || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                                        ? ArrowType.Utf8.INSTANCE
                                        : ArrowType.Binary.INSTANCE);
            case FIXED_LEN_BYTE_ARRAY ->
                Optional.of(
                        logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation
                                ? CanonicalTypes.UUID
                                : new ArrowType.FixedSizeBinary(type.getTypeLength()));
            case INT96 -> Optional.empty();
        };
    }

    private static TimeUnit arrowUnit(LogicalTypeAnnotation.TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> TimeUnit.MILLISECOND;
            case MICROS -> TimeUnit.MICROSECOND;
            case NANOS -> TimeUnit.NANOSECOND;
        };
    }
}
