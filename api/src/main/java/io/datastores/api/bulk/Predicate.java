package io.datastores.api.bulk;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A condition on a row, over its columns and typed literal values: the set of filters engines push
 * down (cf. Spark's {@code Filter} classes). Values are always bound by the datastore, never spliced
 * into query text.
 *
 * <p>Semantics are SQL's, the same on every datastore: three-valued logic (a comparison with a NULL
 * column value is unknown, and a row is read only when the whole predicate is true); text compares
 * by Unicode code point (binary collation, case-sensitive), whatever collation the column has;
 * numbers compare by value across integer, decimal and floating-point types. Literal types: {@link
 * Boolean}, {@link Long} (or a narrower integer), {@link Double} (or {@link Float}), {@link
 * BigDecimal}, {@link String}, {@code byte[]}, {@link LocalDate}, {@link LocalDateTime} (for
 * timestamps without zone) and {@link Instant} or {@link OffsetDateTime} (for timestamps with zone).
 * A timestamp without zone is never compared with an instant: the zone would have to be guessed.
 *
 * <p>Immutable, serialisable (so a partitioned read can be shipped to other machines), with
 * structural equality.
 */
public sealed interface Predicate extends Serializable {

    /** The comparison operators. */
    enum Op {
        /** {@code =} */
        EQ("="),
        /** {@code <>} */
        NE("<>"),
        /** {@code <} */
        LT("<"),
        /** {@code <=} */
        LE("<="),
        /** {@code >} */
        GT(">"),
        /** {@code >=} */
        GE(">=");

        private final String sql;

        Op(String sql) {
            this.sql = sql;
        }

        /** @return the operator as SQL writes it */
        public String sql() {
            return sql;
        }
    }

    /**
     * {@code column op value}.
     *
     * @param column the column name, as the datastore spells it
     * @param op the operator
     * @param value the literal, of one of the types listed on {@link Predicate}; never {@code null}
     */
    record Compare(String column, Op op, Object value) implements Predicate {
        /**
         * Checks the column and the literal's type.
         *
         * @param column the column name
         * @param op the operator
         * @param value the literal
         */
        public Compare {
            requireColumn(column);
            Objects.requireNonNull(op, "op is null");
            value = literal(value);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Compare c && column.equals(c.column) && op == c.op && sameLiteral(value, c.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(column, op, literalHash(value));
        }
    }

    /**
     * {@code column IN (values…)}; with no values it is false, even for a NULL column value.
     *
     * @param column the column name
     * @param values the literals, none {@code null} (use {@link IsNull} for NULL)
     */
    record In(String column, List<Object> values) implements Predicate {
        /**
         * Checks the column and every literal.
         *
         * @param column the column name
         * @param values the literals
         */
        public In {
            requireColumn(column);
            values = values.stream().map(Predicate::literal).toList();
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof In in) || !column.equals(in.column) || values.size() != in.values.size()) {
                return false;
            }
            for (int i = 0; i < values.size(); i++) {
                if (!sameLiteral(values.get(i), in.values.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return Objects.hash(
                    column, values.stream().map(Predicate::literalHash).toList());
        }
    }

    /**
     * {@code column IS NULL}.
     *
     * @param column the column name
     */
    record IsNull(String column) implements Predicate {
        /** @param column the column name */
        public IsNull {
            requireColumn(column);
        }
    }

    /**
     * {@code column IS NOT NULL}.
     *
     * @param column the column name
     */
    record IsNotNull(String column) implements Predicate {
        /** @param column the column name */
        public IsNotNull {
            requireColumn(column);
        }
    }

    /**
     * True when every part is; an empty list is true.
     *
     * @param parts the conjuncts
     */
    record And(List<Predicate> parts) implements Predicate {
        /** @param parts the conjuncts */
        public And {
            parts = List.copyOf(parts);
        }
    }

    /**
     * True when any part is; an empty list is false.
     *
     * @param parts the disjuncts
     */
    record Or(List<Predicate> parts) implements Predicate {
        /** @param parts the disjuncts */
        public Or {
            parts = List.copyOf(parts);
        }
    }

    /**
     * True when the part is false; unknown stays unknown.
     *
     * @param part the negated predicate
     */
    record Not(Predicate part) implements Predicate {
        /** @param part the negated predicate */
        public Not {
            Objects.requireNonNull(part, "part is null");
        }
    }

    /**
     * @param column a column
     * @param value a literal
     * @return {@code column = value}
     */
    static Predicate eq(String column, Object value) {
        return new Compare(column, Op.EQ, value);
    }

    /**
     * @param column a column
     * @param value a literal
     * @return {@code column <> value}
     */
    static Predicate ne(String column, Object value) {
        return new Compare(column, Op.NE, value);
    }

    /**
     * @param column a column
     * @param value a literal
     * @return {@code column < value}
     */
    static Predicate lt(String column, Object value) {
        return new Compare(column, Op.LT, value);
    }

    /**
     * @param column a column
     * @param value a literal
     * @return {@code column <= value}
     */
    static Predicate le(String column, Object value) {
        return new Compare(column, Op.LE, value);
    }

    /**
     * @param column a column
     * @param value a literal
     * @return {@code column > value}
     */
    static Predicate gt(String column, Object value) {
        return new Compare(column, Op.GT, value);
    }

    /**
     * @param column a column
     * @param value a literal
     * @return {@code column >= value}
     */
    static Predicate ge(String column, Object value) {
        return new Compare(column, Op.GE, value);
    }

    /**
     * @param column a column
     * @param values literals
     * @return {@code column IN (values…)}
     */
    static Predicate in(String column, Object... values) {
        return new In(column, Arrays.asList(values));
    }

    /**
     * @param column a column
     * @return {@code column IS NULL}
     */
    static Predicate isNull(String column) {
        return new IsNull(column);
    }

    /**
     * @param column a column
     * @return {@code column IS NOT NULL}
     */
    static Predicate isNotNull(String column) {
        return new IsNotNull(column);
    }

    /**
     * @param parts conjuncts
     * @return their conjunction
     */
    static Predicate and(Predicate... parts) {
        return new And(List.of(parts));
    }

    /**
     * @param parts disjuncts
     * @return their disjunction
     */
    static Predicate or(Predicate... parts) {
        return new Or(List.of(parts));
    }

    /**
     * @param part a predicate
     * @return its negation
     */
    static Predicate not(Predicate part) {
        return new Not(part);
    }

    /**
     * @param first a predicate, or {@code null} for none
     * @param second another, or {@code null} for none
     * @return both, or the one given, or {@code null} when neither is
     */
    static Predicate both(Predicate first, Predicate second) {
        return first == null ? second : second == null ? first : and(first, second);
    }

    private static void requireColumn(String column) {
        Objects.requireNonNull(column, "column is null");
        if (column.isEmpty()) {
            throw new IllegalArgumentException("column name is empty");
        }
    }

    private static Object literal(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("a literal is null; compare with isNull(column) or isNotNull(column)");
        }
        if (!(value instanceof Boolean
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
                || value instanceof Instant
                || value instanceof OffsetDateTime)) {
            throw new IllegalArgumentException(
                    "literal of type " + value.getClass().getName() + " is not one of "
                            + "Boolean, Long, Integer, Short, Byte, Double, Float, BigDecimal, String, byte[], LocalDate, "
                            + "LocalDateTime, Instant, OffsetDateTime");
        }
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }

    private static boolean sameLiteral(Object a, Object b) {
        return a instanceof byte[] x && b instanceof byte[] y ? Arrays.equals(x, y) : a.equals(b);
    }

    private static int literalHash(Object value) {
        return value instanceof byte[] bytes ? Arrays.hashCode(bytes) : value.hashCode();
    }
}
