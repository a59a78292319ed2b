package io.datastores.core.internal;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.bulk.ArrowTimestamps;
import io.datastores.api.bulk.Predicate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Evaluates a {@link Predicate} on the rows of an Arrow batch with SQL's semantics, for the part of
 * a read a datastore does not evaluate itself: three-valued logic (a row passes only when the
 * predicate is true), text by Unicode code point, numbers by value across integer, decimal and
 * floating-point types, timestamps without zone only against {@link LocalDateTime}, those with a
 * zone only against instants. A literal of the wrong kind for its column is refused, never guessed.
 */
public final class RowFilter {
    private enum Truth {
        TRUE,
        FALSE,
        UNKNOWN
    }

    private final Predicate predicate;
    private final String datastore;
    private final String type;
    private Map<String, FieldVector> vectors;

    /**
     * @param predicate the condition
     * @param datastore the datastore read, for messages
     * @param type its type, for messages
     */
    public RowFilter(Predicate predicate, String datastore, String type) {
        this.predicate = predicate;
        this.datastore = datastore;
        this.type = type;
    }

    /**
     * @param batch a batch whose columns include every column the predicate names
     * @return the rows of the batch for which the predicate is true
     */
    public boolean[] select(VectorSchemaRoot batch) {
        vectors = new HashMap<>();
        for (FieldVector vector : batch.getFieldVectors()) {
            vectors.putIfAbsent(vector.getName(), vector);
        }
        boolean[] selected = new boolean[batch.getRowCount()];
        for (int row = 0; row < selected.length; row++) {
            selected[row] = eval(predicate, row) == Truth.TRUE;
        }
        return selected;
    }

    private Truth eval(Predicate p, int row) {
        if (p instanceof Predicate.And and) {
            Truth result = Truth.TRUE;
            for (Predicate part : and.parts()) {
                Truth t = eval(part, row);
                if (t == Truth.FALSE) {
                    return Truth.FALSE;
                }
                if (t == Truth.UNKNOWN) {
                    result = Truth.UNKNOWN;
                }
            }
            return result;
        }
        if (p instanceof Predicate.Or or) {
            Truth result = Truth.FALSE;
            for (Predicate part : or.parts()) {
                Truth t = eval(part, row);
                if (t == Truth.TRUE) {
                    return Truth.TRUE;
                }
                if (t == Truth.UNKNOWN) {
                    result = Truth.UNKNOWN;
                }
            }
            return result;
        }
        if (p instanceof Predicate.Not not) {
            Truth t = eval(not.part(), row);
            return t == Truth.TRUE ? Truth.FALSE : t == Truth.FALSE ? Truth.TRUE : Truth.UNKNOWN;
        }
        if (p instanceof Predicate.IsNull n) {
            return vector(n.column()).isNull(row) ? Truth.TRUE : Truth.FALSE;
        }
        if (p instanceof Predicate.IsNotNull n) {
            return vector(n.column()).isNull(row) ? Truth.FALSE : Truth.TRUE;
        }
        if (p instanceof Predicate.In in) {
            FieldVector vector = vector(in.column());
            if (in.values().isEmpty()) {
                return Truth.FALSE;
            }
            if (vector.isNull(row)) {
                return Truth.UNKNOWN;
            }
            Object value = value(vector, row);
            for (Object literal : in.values()) {
                if (compare(value, literal, vector) == 0) {
                    return Truth.TRUE;
                }
            }
            return Truth.FALSE;
        }
        Predicate.Compare c = (Predicate.Compare) p;
        FieldVector vector = vector(c.column());
        if (vector.isNull(row)) {
            return Truth.UNKNOWN;
        }
        int order = compare(value(vector, row), c.value(), vector);
        boolean holds = switch (c.op()) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            case GE -> order >= 0;
        };
        return holds ? Truth.TRUE : Truth.FALSE;
    }

    private FieldVector vector(String column) {
        FieldVector vector = vectors.get(column);
        if (vector == null) {
            throw DatastoreException.of(
                    ErrorCode.NOT_FOUND,
                    datastore,
                    type,
                    "The read's filter names column '"
                            + column + "', which the result does not have (names are case-sensitive); columns: "
                            + vectors.keySet());
        }
        return vector;
    }

    /** The column's value as the Java type its literals are compared with. */
    private Object value(FieldVector vector, int row) {
        if (vector instanceof BaseIntVector ints) {
            return BigDecimal.valueOf(ints.getValueAsLong(row));
        }
        if (vector instanceof FloatingPointVector floats) {
            return floats.getValueAsDouble(row);
        }
        if (vector instanceof DecimalVector decimals) {
            return decimals.getObject(row);
        }
        if (vector instanceof VarCharVector || vector instanceof LargeVarCharVector) {
            return vector.getObject(row).toString();
        }
        if (vector instanceof VarBinaryVector
                || vector instanceof LargeVarBinaryVector
                || vector instanceof FixedSizeBinaryVector) {
            return vector.getObject(row);
        }
        if (vector instanceof BitVector bits) {
            return bits.get(row) == 1;
        }
        if (vector instanceof DateDayVector days) {
            return LocalDate.ofEpochDay(days.get(row));
        }
        if (vector instanceof DateMilliVector millis) {
            return LocalDate.ofEpochDay(Math.floorDiv(millis.get(row), 86_400_000L));
        }
        if (vector instanceof TimeStampVector timestamps) {
            Instant instant = ArrowTimestamps.instant(timestamps, row);
            return ArrowTimestamps.zoned(timestamps) ? instant : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        throw DatastoreException.of(
                ErrorCode.UNSUPPORTED,
                datastore,
                type,
                "Column '" + vector.getName() + "' of type " + vector.getField().getType()
                        + " cannot be compared in a read's filter");
    }

    private int compare(Object value, Object literal, FieldVector vector) {
        Object other = literal instanceof OffsetDateTime odt ? odt.toInstant() : literal;
        if (value instanceof BigDecimal || value instanceof Double) {
            BigDecimal number = number(other, vector);
            if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
                // SQL engines order NaN and infinities beyond every finite number.
                return d == Double.NEGATIVE_INFINITY ? -1 : 1;
            }
            BigDecimal mine = value instanceof Double d ? new BigDecimal(d) : (BigDecimal) value;
            return mine.compareTo(number);
        }
        if (value instanceof String text && other instanceof String string) {
            return codePointOrder(text, string);
        }
        if (value instanceof byte[] bytes && other instanceof byte[] those) {
            return Arrays.compareUnsigned(bytes, those);
        }
        if (value instanceof Boolean b && other instanceof Boolean o) {
            return Boolean.compare(b, o);
        }
        if (value instanceof LocalDate date && other instanceof LocalDate day) {
            return date.compareTo(day);
        }
        if (value instanceof LocalDateTime time && other instanceof LocalDateTime wallClock) {
            return time.compareTo(wallClock);
        }
        if (value instanceof Instant instant && other instanceof Instant moment) {
            return instant.compareTo(moment);
        }
        throw mismatch(vector, literal);
    }

    private BigDecimal number(Object literal, FieldVector vector) {
        if (literal instanceof BigDecimal d) {
            return d;
        }
        if (literal instanceof Double || literal instanceof Float) {
            return new BigDecimal(((Number) literal).doubleValue());
        }
        if (literal instanceof Long
                || literal instanceof Integer
                || literal instanceof Short
                || literal instanceof Byte) {
            return BigDecimal.valueOf(((Number) literal).longValue());
        }
        throw mismatch(vector, literal);
    }

    private DatastoreException mismatch(FieldVector vector, Object literal) {
        String hint = vector.getField().getType() instanceof ArrowType.Timestamp t
                ? (t.getTimezone() == null
                        ? "; a timestamp without zone compares with a LocalDateTime"
                        : "; a timestamp with zone compares with an Instant or OffsetDateTime")
                : "";
        return DatastoreException.of(
                ErrorCode.INVALID_DATA,
                datastore,
                type,
                "The read's filter compares column '"
                        + vector.getName() + "' of type " + vector.getField().getType() + " with a "
                        + literal.getClass().getSimpleName() + hint);
    }

    /** Compares by Unicode code point, as binary collations do (String.compareTo compares UTF-16 units). */
    private static int codePointOrder(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
