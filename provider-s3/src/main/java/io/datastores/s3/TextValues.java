package io.datastores.s3;

import io.datastores.api.arrow.CanonicalTypes;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Which types CSV and JSON Lines parts carry, and how the plan describes their text. The text
 * itself is {@link ArrowText#text}, the SDK's one text form (plain digits, floats as Java prints
 * them, lowercase hex, ISO-8601, a zoned timestamp as its UTC instant ending in {@code Z}).
 */
final class TextValues {
    private TextValues() {}

    static boolean supports(ArrowType type) {
        return switch (type.getTypeID()) {
            case Int,
                    FloatingPoint,
                    Decimal,
                    Utf8,
                    LargeUtf8,
                    Binary,
                    LargeBinary,
                    FixedSizeBinary,
                    Bool,
                    Date,
                    Time,
                    Timestamp,
                    Interval,
                    List,
                    LargeList -> true;
            default -> false;
        };
    }

    /** @return how a type's values are written, for the plan's list of losses */
    static String describe(ArrowType type) {
        if (CanonicalTypes.isUuid(type)) {
            return "canonical UUID text";
        }
        if (CanonicalTypes.isJson(type)) {
            return "the JSON text";
        }
        return switch (type.getTypeID()) {
            case Interval -> "ISO-8601 duration";
            case List, LargeList -> "a JSON array";
            case Binary, LargeBinary, FixedSizeBinary -> "lowercase hex";
            case Date, Time -> "ISO-8601";
            case Timestamp ->
                ((ArrowType.Timestamp) type).getTimezone() == null
                        ? "ISO-8601 local date-time"
                        : "ISO-8601 UTC instant";
            default -> "its decimal text";
        };
    }
}
