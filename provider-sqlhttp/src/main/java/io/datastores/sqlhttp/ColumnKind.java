package io.datastores.sqlhttp;

import io.datastores.jdbc.sqlite.SqliteValues.Affinity;
import java.sql.Types;
import java.util.Locale;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * What a SQLite column's declared type says its values are, read the way the embedded SQLite
 * provider reads them: BOOLEAN as booleans; DATE, TIME, DATETIME and TIMESTAMP as text to parse;
 * otherwise by affinity (INTEGER as 64-bit integers, REAL and NUMERIC (decimals included) as doubles,
 * TEXT as text, BLOB as binary). A column without a declared type (an expression) is typed by its
 * first value ({@link #ofValue}).
 */
enum ColumnKind {
    BOOLEAN(ArrowType.Bool.INSTANCE, Types.BOOLEAN),
    INTEGER(new ArrowType.Int(64, true), Types.BIGINT),
    REAL(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), Types.DOUBLE),
    TEXT(ArrowType.Utf8.INSTANCE, Types.VARCHAR),
    BLOB(ArrowType.Binary.INSTANCE, Types.BLOB),
    DATE(new ArrowType.Date(DateUnit.DAY), Types.DATE),
    TIME(new ArrowType.Time(TimeUnit.MICROSECOND, 64), Types.TIME),
    TIMESTAMP(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null), Types.TIMESTAMP);

    final ArrowType arrow;
    final int jdbcType;

    ColumnKind(ArrowType arrow, int jdbcType) {
        this.arrow = arrow;
        this.jdbcType = jdbcType;
    }

    /**
     * @param declared a declared type, such as {@code DECIMAL(12, 2)}
     * @return its kind, or {@code null} when there is no declared type
     */
    static ColumnKind ofDeclared(String declared) {
        if (declared == null || declared.isBlank()) {
            return null;
        }
        String type = declared.toUpperCase(Locale.ROOT).strip();
        String name = type.contains("(") ? type.substring(0, type.indexOf('(')).strip() : type;
        if (name.startsWith("BOOL")) {
            return BOOLEAN;
        }
        if (name.equals("DATE")) {
            return DATE;
        }
        if (name.equals("TIME")) {
            return TIME;
        }
        if (name.startsWith("DATETIME") || name.startsWith("TIMESTAMP")) {
            return TIMESTAMP;
        }
        return switch (Affinity.of(type)) {
            case INTEGER -> INTEGER;
            case TEXT -> TEXT;
            case BLOB -> BLOB;
            case REAL, NUMERIC -> REAL;
        };
    }

    /**
     * @param value a decoded value: Long, Double, String or byte[]
     * @return the kind that holds it; text for NULL
     */
    static ColumnKind ofValue(Object value) {
        if (value instanceof Long) {
            return INTEGER;
        }
        if (value instanceof Double) {
            return REAL;
        }
        return value instanceof byte[] ? BLOB : TEXT;
    }
}
