package io.datastores.mongodb;

import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.bulk.TableCreator;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.bson.BsonBinarySubType;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * The column types of a collection, by name, and the Arrow type each reads as: {@code objectId}
 * (text, 24 hex digits), {@code string}, {@code int}, {@code long}, {@code double},
 * {@code decimal(p,s)}, {@code bool}, {@code binData}, {@code uuid}, {@code date},
 * {@code timestamp} (BSON date: milliseconds, UTC), {@value #LOCAL_TIMESTAMP}, {@code time},
 * {@code struct<…>} and {@code list<…>} ({@link MongoNested}: embedded documents and arrays of one
 * shape), {@code json} (other documents and arrays, as relaxed Extended JSON), {@code bsonTimestamp} (the
 * raw 64-bit value: seconds since the epoch times 2^32 plus the ordinal), {@code document} (the whole
 * document, schemaless mode) and {@code mixed BSON types (…)} (a field whose types conflict across the
 * sample, read as the JSON text of each value). Also infers a collection's types from a sample.
 * Stateless.
 */
final class MongoTypes {
    static final String LOCAL_TIMESTAMP = "timestamp without time zone";
    static final String DOCUMENT = "document";
    static final String MIXED = "mixed BSON types ";
    private static final String DECIMAL_OPEN = "decimal(";

    private MongoTypes() {}

    /** @return the Arrow field a column of this type reads as; its source type is the type's name */
    static Field field(String name, String type, boolean nullable) {
        if (MongoNested.isNested(type)) {
            return MongoNested.field(name, type, nullable);
        }
        ArrowType arrow = switch (type) {
            case "int" -> new ArrowType.Int(32, true);
            case "long", "bsonTimestamp" -> new ArrowType.Int(64, true);
            case "double" -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case "bool" -> ArrowType.Bool.INSTANCE;
            case "binData" -> ArrowType.Binary.INSTANCE;
            case "uuid" -> CanonicalTypes.UUID;
            case "date" -> new ArrowType.Date(DateUnit.DAY);
            case "timestamp" -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC");
            case LOCAL_TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, null);
            case "time" -> new ArrowType.Time(TimeUnit.MICROSECOND, 64);
            case "json", DOCUMENT -> CanonicalTypes.JSON;
            default ->
                isDecimal(type) ? new ArrowType.Decimal(precision(type), scale(type), 128) : ArrowType.Utf8.INSTANCE;
        };
        return new Field(name, new FieldType(nullable, arrow, null, Map.of(TableCreator.SOURCE_TYPE, type)), null);
    }

    static boolean isDecimal(String type) {
        return decimalComma(type) > 0;
    }

    static int precision(String type) {
        int comma = decimalComma(type);
        return comma > 0 ? Integer.parseInt(type, DECIMAL_OPEN.length(), comma, 10) : 0;
    }

    static int scale(String type) {
        int comma = decimalComma(type);
        return comma > 0 ? Integer.parseInt(type, comma + 1, type.length() - 1, 10) : 0;
    }

    /**
     * Written out rather than a regular expression because a write asks it for every decimal cell.
     *
     * @return where the comma of {@code decimal(<digits>,<digits>)} is, or -1 when the type is not that
     */
    private static int decimalComma(String type) {
        if (!type.startsWith(DECIMAL_OPEN) || !type.endsWith(")")) {
            return -1;
        }
        int comma = type.indexOf(',', DECIMAL_OPEN.length());
        boolean digits = comma > DECIMAL_OPEN.length() && comma < type.length() - 2;
        for (int i = DECIMAL_OPEN.length(); digits && i < type.length() - 1; i++) {
            char c = type.charAt(i);
            digits = i == comma || c >= '0' && c <= '9';
        }
        return digits ? comma : -1;
    }

    /** @return the {@link Types} code, for {@code describe} */
    static int jdbcType(String type) {
        return switch (type) {
            case "int" -> Types.INTEGER;
            case "long", "bsonTimestamp" -> Types.BIGINT;
            case "double" -> Types.DOUBLE;
            case "bool" -> Types.BOOLEAN;
            case "binData" -> Types.VARBINARY;
            case "date" -> Types.DATE;
            case "timestamp" -> Types.TIMESTAMP_WITH_TIMEZONE;
            case LOCAL_TIMESTAMP -> Types.TIMESTAMP;
            case "time" -> Types.TIME;
            case "objectId", "string" -> Types.VARCHAR;
            default ->
                isDecimal(type)
                        ? Types.DECIMAL
                        : type.startsWith(MIXED)
                                ? Types.VARCHAR
                                : type.startsWith(MongoNested.STRUCT)
                                        ? Types.STRUCT
                                        : type.startsWith(MongoNested.LIST) ? Types.ARRAY : Types.OTHER;
        };
    }

    /**
     * Infers each top-level field's type from sampled documents, in order of first appearance
     * ({@code _id} first), as {@link #resolve} resolves the values each field holds. NULL values decide
     * nothing; a field seen only as NULL is a {@code string}.
     *
     * @return field name → column type
     */
    static Map<String, String> infer(List<BsonDocument> sample) {
        Map<String, List<BsonValue>> seen = new LinkedHashMap<>();
        seen.put("_id", new ArrayList<>());
        for (BsonDocument document : sample) {
            for (Map.Entry<String, BsonValue> entry : document.entrySet()) {
                List<BsonValue> values = seen.computeIfAbsent(entry.getKey(), k -> new ArrayList<>());
                BsonValue value = entry.getValue();
                if (!value.isNull() && value.getBsonType() != BsonType.UNDEFINED) {
                    values.add(value);
                }
            }
        }
        Map<String, String> types = new LinkedHashMap<>();
        seen.forEach((field, values) -> types.put(field, resolve(values)));
        return types;
    }

    /**
     * One column type for the values a field holds (none NULL): one BSON type gives its column type;
     * int32 with int64 is {@code long}, int32 with double {@code double}, Decimal128 with integers
     * {@code decimal(34, s)} (s the largest scale seen); documents or arrays that agree on a shape are
     * a {@link MongoNested} struct or list, else {@code json}; any other mix is
     * {@code mixed BSON types (…)}; no values at all is {@code string}.
     */
    static String resolve(List<BsonValue> values) {
        Set<String> names = new TreeSet<>();
        int scale = 0;
        for (BsonValue value : values) {
            if (value.getBsonType() == BsonType.UNDEFINED) {
                continue;
            }
            names.add(name(value));
            if (value.isDecimal128() && value.asDecimal128().getValue().isFinite()) {
                scale = Math.max(
                        scale, value.asDecimal128().getValue().bigDecimalValue().scale());
            }
        }
        if (names.equals(Set.of("json"))) {
            return MongoNested.shape(values).orElse("json");
        }
        return resolve(names, scale);
    }

    private static String resolve(Set<String> names, int scale) {
        if (names.isEmpty()) {
            return "string";
        }
        if (names.size() == 1) {
            String only = names.iterator().next();
            return only.equals("decimal") ? decimal(scale) : spelled(only);
        }
        if (Set.of("int", "long").containsAll(names)) {
            return "long";
        }
        if (Set.of("int", "double").containsAll(names)) {
            return "double";
        }
        if (names.contains("decimal") && Set.of("int", "long", "decimal").containsAll(names)) {
            return decimal(scale);
        }
        List<String> listed = new ArrayList<>(names);
        return MIXED + "(" + String.join(", ", listed) + ")";
    }

    private static String decimal(int scale) {
        return "decimal(" + ArrowToBson.DECIMAL128_DIGITS + "," + Math.min(scale, ArrowToBson.DECIMAL128_DIGITS) + ")";
    }

    /** A BSON value's column type on its own. The string type is named {@code str} in a mix. */
    private static String name(BsonValue value) {
        return switch (value.getBsonType()) {
            case OBJECT_ID -> "objectId";
            case STRING -> "str";
            case INT32 -> "int";
            case INT64 -> "long";
            case DOUBLE -> "double";
            case DECIMAL128 -> "decimal";
            case BOOLEAN -> "bool";
            case DATE_TIME -> "timestamp";
            case TIMESTAMP -> "bsonTimestamp";
            case BINARY ->
                value.asBinary().getType() == BsonBinarySubType.UUID_STANDARD.getValue()
                                && value.asBinary().getData().length == 16
                        ? "uuid"
                        : "binData";
            default -> "json";
        };
    }

    /** @return the column type, {@code str} spelled out where a field has one type only */
    static String spelled(String type) {
        return type.equals("str") ? "string" : type;
    }
}
