package io.datastores.spark;

import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The one table of how a provider's Arrow columns become Spark columns. A column Spark's
 * {@code ArrowColumnVector} reads as it is ({@link #direct}) is handed over without a copy; any
 * other is converted batch by batch ({@link ColumnarBatches}) into the nearest type Spark has, and
 * that conversion is named in the Spark field's metadata under {@link #CONVERTED} (it is also the
 * list of losses in the README). Filters are never pushed on a converted column: the datastore
 * would compare its own type, Spark the converted one. Stateless.
 */
final class SparkColumns {
    /** Spark field metadata key: what the column was in the datastore, when it is not what Spark shows. */
    static final String CONVERTED = "datastores.converted_from";

    private SparkColumns() {}

    /**
     * @param schema a read's Arrow schema
     * @return the Spark schema of the same columns, in order
     */
    static StructType sparkSchema(Schema schema) {
        return new StructType(
                schema.getFields().stream().map(SparkColumns::sparkField).toArray(StructField[]::new));
    }

    private static StructField sparkField(Field field) {
        Metadata metadata = direct(field)
                ? Metadata.empty()
                : new MetadataBuilder()
                        .putString(CONVERTED, field.getType().toString())
                        .build();
        return new StructField(field.getName(), sparkType(field), field.isNullable(), metadata);
    }

    /**
     * @param field a field
     * @return whether Spark's {@code ArrowColumnVector} reads its vector as it is, children included
     */
    static boolean direct(Field field) {
        ArrowType type = field.getType();
        List<Field> children = field.getChildren();
        if (type instanceof ArrowType.ExtensionType) {
            return false; // uuid, json: Spark reads the storage vector's class only
        }
        return switch (type.getTypeID()) {
            case Bool, Utf8, LargeUtf8, Binary, LargeBinary, Null -> true;
            case Int -> ((ArrowType.Int) type).getIsSigned();
            case FloatingPoint -> ((ArrowType.FloatingPoint) type).getPrecision() != FloatingPointPrecision.HALF;
            case Decimal ->
                ((ArrowType.Decimal) type).getBitWidth() == 128 && ((ArrowType.Decimal) type).getPrecision() <= 38;
            case Date -> ((ArrowType.Date) type).getUnit() == DateUnit.DAY;
            case Timestamp -> ((ArrowType.Timestamp) type).getUnit() == TimeUnit.MICROSECOND;
            // Spark reads MONTH_DAY_NANO as CalendarInterval, which no Spark table may hold: it arrives as text.
            case Interval -> ((ArrowType.Interval) type).getUnit() == IntervalUnit.YEAR_MONTH;
            case Duration -> ((ArrowType.Duration) type).getUnit() == TimeUnit.MICROSECOND;
            case List, LargeList, Struct, Map -> children.stream().allMatch(SparkColumns::direct);
            default -> false; // extension types (uuid, json), times, unsigned, fixed-size binary, …
        };
    }

    /**
     * @param field a field
     * @return the Spark type its values arrive as
     */
    static DataType sparkType(Field field) {
        ArrowType type = field.getType();
        if (!direct(field)) {
            return converted(type);
        }
        return switch (type.getTypeID()) {
            case Bool -> DataTypes.BooleanType;
            case Utf8, LargeUtf8 -> DataTypes.StringType;
            case Binary, LargeBinary -> DataTypes.BinaryType;
            case Null -> DataTypes.NullType;
            case Int ->
                switch (((ArrowType.Int) type).getBitWidth()) {
                    case 8 -> DataTypes.ByteType;
                    case 16 -> DataTypes.ShortType;
                    case 32 -> DataTypes.IntegerType;
                    default -> DataTypes.LongType;
                };
            case FloatingPoint ->
                ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.SINGLE
                        ? DataTypes.FloatType
                        : DataTypes.DoubleType;
            case Decimal ->
                DataTypes.createDecimalType(
                        ((ArrowType.Decimal) type).getPrecision(), ((ArrowType.Decimal) type).getScale());
            case Date -> DataTypes.DateType;
            case Timestamp ->
                ((ArrowType.Timestamp) type).getTimezone() == null
                        ? DataTypes.TimestampNTZType
                        : DataTypes.TimestampType;
            case Interval -> DataTypes.createYearMonthIntervalType();
            case Duration -> DataTypes.createDayTimeIntervalType();
            case List, LargeList ->
                DataTypes.createArrayType(
                        sparkType(field.getChildren().get(0)),
                        field.getChildren().get(0).isNullable());
            case Struct ->
                new StructType(field.getChildren().stream()
                        .map(SparkColumns::sparkField)
                        .toArray(StructField[]::new));
            case Map -> {
                List<Field> entry = field.getChildren().get(0).getChildren();
                yield DataTypes.createMapType(
                        sparkType(entry.get(0)),
                        sparkType(entry.get(1)),
                        entry.get(1).isNullable());
            }
            default -> throw new IllegalStateException("not a direct type: " + type);
        };
    }

    /** The type a column Spark cannot read as it is becomes; see {@link ColumnarBatches} for the values. */
    private static DataType converted(ArrowType type) {
        if (type instanceof ArrowType.ExtensionType) {
            return DataTypes.StringType;
        }
        return switch (type.getTypeID()) {
            case Int ->
                switch (((ArrowType.Int) type).getBitWidth()) {
                    case 8 -> DataTypes.ShortType;
                    case 16 -> DataTypes.IntegerType;
                    case 32 -> DataTypes.LongType;
                    default -> DataTypes.createDecimalType(20, 0);
                };
            case FloatingPoint -> DataTypes.FloatType;
            case Date -> DataTypes.DateType;
            case Timestamp ->
                ((ArrowType.Timestamp) type).getTimezone() == null
                        ? DataTypes.TimestampNTZType
                        : DataTypes.TimestampType;
            case FixedSizeBinary -> DataTypes.BinaryType;
            default -> DataTypes.StringType; // time, intervals, wide decimals, nested types of those: as text
        };
    }
}
