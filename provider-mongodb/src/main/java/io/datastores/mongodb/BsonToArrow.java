package io.datastores.mongodb;

import io.datastores.api.arrow.JsonVector;
import io.datastores.api.arrow.UuidVector;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.UuidRepresentation;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.Decimal128;

/**
 * BSON to Arrow: sets one cell of a column of a {@link MongoTypes} type from a document's value.
 * Integers widen (int32 into {@code long} or {@code double}), a Decimal128 is set to the column's scale
 * (exactly, or refused), documents and arrays fill struct and list columns ({@link MongoNested}) or
 * become relaxed Extended JSON in a {@code json} column. A value of a BSON
 * type the column cannot hold is refused with {@link IllegalArgumentException}, which the reader
 * reports naming the field and the document. Stateless.
 */
final class BsonToArrow {
    static final JsonWriterSettings RELAXED =
            JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private BsonToArrow() {}

    /** @param value not NULL */
    static void set(FieldVector vector, int row, BsonValue value, String type) {
        if (type.startsWith(MongoTypes.MIXED)) {
            ((VarCharVector) vector).setSafe(row, bytes(json(value)));
            return;
        }
        // The vector of a decimal(p,s) column is made with that scale: asked of it, not parsed from the type per cell.
        if (vector instanceof DecimalVector decimals) {
            decimals.setSafe(row, decimal(value, decimals.getScale()));
            return;
        }
        if (MongoNested.isNested(type)) {
            MongoNested.set(vector, row, value, type);
            return;
        }
        switch (type) {
            case "objectId", "string" -> ((VarCharVector) vector).setSafe(row, bytes(text(value)));
            case "int" -> ((IntVector) vector).setSafe(row, int32(value));
            case "long" -> ((BigIntVector) vector).setSafe(row, int64(value));
            case "double" -> ((Float8Vector) vector).setSafe(row, float64(value));
            case "bool" ->
                ((BitVector) vector)
                        .setSafe(
                                row, expect(value, BsonType.BOOLEAN).asBoolean().getValue() ? 1 : 0);
            case "binData" ->
                ((VarBinaryVector) vector)
                        .setSafe(row, expect(value, BsonType.BINARY).asBinary().getData());
            case "uuid" ->
                ((UuidVector) vector)
                        .setSafe(row, expect(value, BsonType.BINARY).asBinary().asUuid(UuidRepresentation.STANDARD));
            case "date" ->
                ((DateDayVector) vector).setSafe(row, (int) Math.floorDiv(
                        expect(value, BsonType.DATE_TIME).asDateTime().getValue(), 86_400_000L));
            case "timestamp", MongoTypes.LOCAL_TIMESTAMP ->
                ((TimeStampVector) vector)
                        .setSafe(
                                row,
                                expect(value, BsonType.DATE_TIME).asDateTime().getValue());
            case "time" -> ((TimeMicroVector) vector).setSafe(row, time(value));
            case "bsonTimestamp" ->
                ((BigIntVector) vector)
                        .setSafe(
                                row,
                                expect(value, BsonType.TIMESTAMP).asTimestamp().getValue());
            case "json" ->
                ((JsonVector) vector)
                        .setSafe(row, value.isString() ? value.asString().getValue() : json(value));
            case MongoTypes.DOCUMENT ->
                ((JsonVector) vector).setSafe(row, value.asDocument().toJson(RELAXED));
            default -> throw new IllegalArgumentException("unknown column type '" + type + "'");
        }
    }

    /** @return the value as relaxed Extended JSON ({@code "text"}, {@code 12}, {@code {"$date": …}}) */
    static String json(BsonValue value) {
        if (value.isDocument()) {
            return value.asDocument().toJson(RELAXED);
        }
        String wrapped = new BsonDocument("v", value).toJson(RELAXED);
        // {"v": <value>}: the value's own JSON, however nested.
        return wrapped.substring(wrapped.indexOf(':') + 1, wrapped.length() - 1).trim();
    }

    private static String text(BsonValue value) {
        return switch (value.getBsonType()) {
            case STRING -> value.asString().getValue();
            case OBJECT_ID -> value.asObjectId().getValue().toHexString();
            case SYMBOL -> value.asSymbol().getSymbol();
            default -> throw mismatch(value, "text");
        };
    }

    private static int int32(BsonValue value) {
        if (value.isInt32()) {
            return value.asInt32().getValue();
        }
        if (value.isInt64()
                && value.asInt64().getValue() == (int) value.asInt64().getValue()) {
            return (int) value.asInt64().getValue();
        }
        throw mismatch(value, "a 32-bit int");
    }

    private static long int64(BsonValue value) {
        if (value.isInt32() || value.isInt64()) {
            return value.asNumber().longValue();
        }
        throw mismatch(value, "a 64-bit int");
    }

    private static double float64(BsonValue value) {
        if (value.isDouble() || value.isInt32()) {
            return value.asNumber().doubleValue();
        }
        throw mismatch(value, "a double");
    }

    private static BigDecimal decimal(BsonValue value, int scale) {
        BigDecimal decimal;
        if (value.isDecimal128()) {
            Decimal128 d = value.asDecimal128().getValue();
            if (!d.isFinite()) {
                throw mismatch(value, "a finite decimal");
            }
            decimal =
                    d.isNegative() && d.toString().matches("-0(\\.0*)?(E.*)?") ? BigDecimal.ZERO : d.bigDecimalValue();
        } else if (value.isString()) {
            decimal = new BigDecimal(value.asString().getValue());
        } else if (value.isInt32() || value.isInt64()) {
            decimal = BigDecimal.valueOf(value.asNumber().longValue());
        } else {
            throw mismatch(value, "a decimal");
        }
        try {
            return decimal.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(decimal + " has more than the column's " + scale + " decimal places", e);
        }
    }

    private static long time(BsonValue value) {
        if (value.isString()) {
            return LocalTime.parse(value.asString().getValue()).toNanoOfDay() / 1000;
        }
        throw mismatch(value, "a time of day");
    }

    private static BsonValue expect(BsonValue value, BsonType type) {
        if (value.getBsonType() != type) {
            throw mismatch(value, "a BSON " + type.name().toLowerCase(java.util.Locale.ROOT));
        }
        return value;
    }

    private static IllegalArgumentException mismatch(BsonValue value, String wanted) {
        return new IllegalArgumentException("a BSON "
                + value.getBsonType().name().toLowerCase(java.util.Locale.ROOT) + " where the column holds " + wanted);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the value at a path ({@code []}: the document itself), or {@code null} when missing */
    static BsonValue at(BsonDocument document, List<String> path) {
        BsonValue current = document;
        for (String step : path) {
            if (!(current instanceof BsonDocument d)) {
                return null;
            }
            current = d.get(step);
            if (current == null) {
                return null;
            }
        }
        return current;
    }
}
