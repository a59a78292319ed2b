package io.datastores.spark;

import io.datastores.api.bulk.Predicate;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.sources.AlwaysFalse;
import org.apache.spark.sql.sources.AlwaysTrue;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.IsNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Translates Spark's pushed {@link Filter}s into {@link Predicate}s, whose semantics are the same
 * SQL ones (three-valued logic, text by code point, numbers by value). A filter is translated only
 * when every column it names is a top-level column of an atomic type that arrived unconverted
 * ({@link SparkColumns#CONVERTED}), so the datastore compares exactly what Spark would; anything
 * else ({@code LIKE} forms, {@code <=>}, nested fields, converted columns) is left to Spark.
 * Stateless.
 */
final class SparkFilters {
    private final StructType schema;

    /** @param schema the read's full Spark schema */
    SparkFilters(StructType schema) {
        this.schema = schema;
    }

    /**
     * @param filter one of Spark's filters
     * @return the same condition as a predicate, or {@code null} when it cannot be said exactly
     */
    Predicate translate(Filter filter) {
        if (filter instanceof EqualTo f) {
            return compare(f.attribute(), Predicate.Op.EQ, f.value());
        } else if (filter instanceof GreaterThan f) {
            return compare(f.attribute(), Predicate.Op.GT, f.value());
        } else if (filter instanceof GreaterThanOrEqual f) {
            return compare(f.attribute(), Predicate.Op.GE, f.value());
        } else if (filter instanceof LessThan f) {
            return compare(f.attribute(), Predicate.Op.LT, f.value());
        } else if (filter instanceof LessThanOrEqual f) {
            return compare(f.attribute(), Predicate.Op.LE, f.value());
        } else if (filter instanceof In f) {
            return in(f);
        } else if (filter instanceof IsNull f) {
            return pushable(f.attribute()) ? Predicate.isNull(f.attribute()) : null;
        } else if (filter instanceof IsNotNull f) {
            return pushable(f.attribute()) ? Predicate.isNotNull(f.attribute()) : null;
        } else if (filter instanceof And f) {
            return both(translate(f.left()), translate(f.right()), true);
        } else if (filter instanceof Or f) {
            return both(translate(f.left()), translate(f.right()), false);
        } else if (filter instanceof Not f) {
            Predicate part = translate(f.child());
            return part == null ? null : Predicate.not(part);
        } else if (filter instanceof AlwaysTrue) {
            return new Predicate.And(List.of());
        } else if (filter instanceof AlwaysFalse) {
            return new Predicate.Or(List.of());
        }
        return null;
    }

    private Predicate compare(String column, Predicate.Op op, Object value) {
        Object literal = literal(value);
        return pushable(column) && literal != null ? new Predicate.Compare(column, op, literal) : null;
    }

    private Predicate in(In filter) {
        if (!pushable(filter.attribute())) {
            return null;
        }
        List<Object> values = new ArrayList<>();
        for (Object value : filter.values()) {
            Object literal = literal(value);
            if (literal == null) {
                return null; // IN with a NULL element is never true for a non-matching row: leave it to Spark
            }
            values.add(literal);
        }
        return new Predicate.In(filter.attribute(), values);
    }

    private static Predicate both(Predicate left, Predicate right, boolean and) {
        if (left == null || right == null) {
            return null;
        }
        return and ? Predicate.and(left, right) : Predicate.or(left, right);
    }

    private boolean pushable(String column) {
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            return false; // a nested field or a quoted name with dots
        }
        StructField field = schema.apply(column);
        DataType type = field.dataType();
        boolean atomic = type instanceof NumericType
                || type instanceof StringType
                || type instanceof BooleanType
                || type instanceof BinaryType
                || type instanceof DateType
                || type instanceof TimestampType
                || type instanceof TimestampNTZType;
        return atomic && !field.metadata().contains(SparkColumns.CONVERTED);
    }

    private static Object literal(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        } else if (value instanceof Date d) {
            return d.toLocalDate();
        } else if (value instanceof Boolean
                || value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte
                || value instanceof Double
                || value instanceof Float
                || value instanceof BigDecimal
                || value instanceof String
                || value instanceof byte[]
                || value instanceof LocalDate
                || value instanceof LocalDateTime
                || value instanceof Instant) {
            return value;
        }
        return null; // NULL, or a type a predicate does not carry
    }
}
