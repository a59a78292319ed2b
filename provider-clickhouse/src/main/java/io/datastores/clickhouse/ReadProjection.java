package io.datastores.clickhouse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rewrites the columns whose ClickHouse Arrow encoding would be unusable: {@code DateTime} leaves
 * as a bare UInt32 (read as {@code DateTime64(0)}, a timestamp); {@code Int128}, {@code UInt128} and
 * {@code Int256} leave as raw little-endian bytes (read as {@code Decimal(76, 0)}); {@code UInt256}
 * (78 digits, more than any Arrow decimal), {@code UUID} (two swapped 64-bit halves) and enums
 * (their codes) are read as their text. Everything else (arrays, maps, tuples as structs, JSON as
 * text, LowCardinality as its values) is read as the server encodes it.
 */
final class ReadProjection {
    private static final Pattern DATE_TIME = Pattern.compile("DateTime(\\(.*\\))?");
    private static final Pattern WIDE_INTEGER = Pattern.compile("Int128|UInt128|Int256");
    private static final Pattern AS_TEXT = Pattern.compile("UInt256|Enum(8|16)?\\(.*");

    private ReadProjection() {}

    /**
     * @param sql the query to read
     * @param names its result columns
     * @param types their ClickHouse types, from {@code DESCRIBE}
     * @param dialect for quoting
     * @return the query, wrapped in a projection when a column needs converting
     */
    static String wrap(String sql, List<String> names, List<String> types, ClickHouseDialect dialect) {
        List<String> columns = new ArrayList<>();
        boolean converted = false;
        for (int i = 0; i < names.size(); i++) {
            String column = dialect.quote(names.get(i));
            String type = inner(types.get(i));
            String expression = column;
            if (DATE_TIME.matcher(type).matches()) {
                expression = "toDateTime64(" + column + ", 0)";
            } else if (WIDE_INTEGER.matcher(type).matches()) {
                expression = "toDecimal256(" + column + ", 0)";
            } else if (type.equals("UUID")) {
                // The 16 bytes in RFC order, which the reader marks as arrow.uuid.
                expression = "UUIDStringToNum(toString(" + column + "))";
            } else if (AS_TEXT.matcher(type).matches()) {
                expression = "toString(" + column + ")";
            }
            converted |= !expression.equals(column);
            columns.add(expression.equals(column) ? column : expression + " AS " + column);
        }
        return converted ? "SELECT " + String.join(", ", columns) + " FROM (" + sql + ")" : sql;
    }

    /** @return the type without its Nullable and LowCardinality wrappers */
    static String inner(String type) {
        String inner = type.strip();
        for (String wrapper : List.of("LowCardinality(", "Nullable(")) {
            if (inner.startsWith(wrapper) && inner.endsWith(")")) {
                inner = inner.substring(wrapper.length(), inner.length() - 1);
            }
        }
        return inner.startsWith("Nullable(") ? inner(inner) : inner;
    }
}
