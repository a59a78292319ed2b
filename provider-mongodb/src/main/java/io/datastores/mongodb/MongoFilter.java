package io.datastores.mongodb;

import io.datastores.api.bulk.Predicate;
import io.datastores.api.bulk.Pushdown;
import io.datastores.api.bulk.ReadRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * A read's filter as a {@code find} filter with SQL's meaning. The predicate is pushed into negation
 * normal form (De Morgan holds in three-valued logic), and each leaf becomes a condition that matches
 * exactly where the leaf is true, or, negated, exactly where it is false — so a NULL (or missing) field,
 * which makes a comparison unknown, matches neither: {@code <>} is {@code $nin: [v, null]} (MongoDB's
 * {@code $ne} alone would match NULL and missing), a negated {@code IN} likewise, and ordering
 * comparisons rely on MongoDB's type bracketing ({@code $lt: 5} never matches null). Literals are bound
 * as BSON values of the column's kind: numbers as numbers (compared by value across int, long, double
 * and Decimal128), dates and timestamps as BSON dates, never as strings. A conjunct stays residual
 * (done by core on the batches) when a column is not a plain scalar MongoDB compares as SQL does (a
 * wide decimal kept as text, a time, JSON, a mixed field, binary ordering, a struct or list; and any
 * test on a column that may hold arrays, where even {@code IS NULL} differs), a literal does not fit the
 * column (a timestamp finer than the milliseconds BSON keeps, a NaN), or a field name has a dot or a
 * leading {@code $}. Stateless.
 */
final class MongoFilter {
    private static final Set<String> NUMBERS = Set.of("int", "long", "double");
    private static final BsonDocument NOTHING = new BsonDocument("_id", new BsonDocument("$in", new BsonArray()));

    private MongoFilter() {}

    static Pushdown pushdown(ReadRequest request, MongoTable table) {
        return Pushdown.split(request, p -> pushable(p, table), true);
    }

    static boolean pushable(Predicate p, MongoTable table) {
        if (p instanceof Predicate.And and) {
            return and.parts().stream().allMatch(q -> pushable(q, table));
        }
        if (p instanceof Predicate.Or or) {
            return or.parts().stream().allMatch(q -> pushable(q, table));
        }
        if (p instanceof Predicate.Not not) {
            return pushable(not.part(), table);
        }
        String name = p instanceof Predicate.Compare c
                ? c.column()
                : p instanceof Predicate.In in
                        ? in.column()
                        : p instanceof Predicate.IsNull n ? n.column() : ((Predicate.IsNotNull) p).column();
        MongoTable.Column column = table.column(name);
        if (column == null || !column.addressable()) {
            return false;
        }
        if (mayHoldArrays(column.type())) {
            // {f: null} also matches an array holding a null element, and {f: {$ne: null}} misses it: core decides.
            return false;
        }
        if (p instanceof Predicate.Compare c) {
            boolean ordered = c.op() == Predicate.Op.EQ || c.op() == Predicate.Op.NE;
            return literal(c.value(), column.type()) != null
                    && (ordered || !column.type().equals("binData"));
        }
        if (p instanceof Predicate.In in) {
            return in.values().stream().allMatch(v -> literal(v, column.type()) != null);
        }
        return true;
    }

    /** @param p a predicate {@link #pushable} accepted; @return the {@code find} filter */
    static BsonDocument filter(Predicate p, MongoTable table) {
        return filter(p, table, false);
    }

    private static BsonDocument filter(Predicate p, MongoTable table, boolean negated) {
        if (p instanceof Predicate.Not not) {
            return filter(not.part(), table, !negated);
        }
        if (p instanceof Predicate.And and) {
            return junction(negated ? "$or" : "$and", and.parts(), table, negated);
        }
        if (p instanceof Predicate.Or or) {
            return junction(negated ? "$and" : "$or", or.parts(), table, negated);
        }
        if (p instanceof Predicate.IsNull n) {
            return condition(table, n.column(), negated ? new BsonDocument("$ne", BsonNull.VALUE) : BsonNull.VALUE);
        }
        if (p instanceof Predicate.IsNotNull n) {
            return condition(table, n.column(), negated ? BsonNull.VALUE : new BsonDocument("$ne", BsonNull.VALUE));
        }
        if (p instanceof Predicate.In in) {
            BsonArray values = new BsonArray();
            String type = table.column(in.column()).type();
            in.values().forEach(v -> values.add(literal(v, type)));
            if (!negated) {
                return condition(table, in.column(), new BsonDocument("$in", values));
            }
            if (values.isEmpty()) {
                return new BsonDocument(); // NOT IN () is true, even for NULL
            }
            values.add(BsonNull.VALUE);
            return condition(table, in.column(), new BsonDocument("$nin", values));
        }
        Predicate.Compare c = (Predicate.Compare) p;
        BsonValue value = literal(c.value(), table.column(c.column()).type());
        Predicate.Op op = negated ? negate(c.op()) : c.op();
        BsonDocument test = switch (op) {
            case EQ -> new BsonDocument("$eq", value);
            case NE -> new BsonDocument("$nin", new BsonArray(List.of(value, BsonNull.VALUE)));
            case LT -> new BsonDocument("$lt", value);
            case LE -> new BsonDocument("$lte", value);
            case GT -> new BsonDocument("$gt", value);
            case GE -> new BsonDocument("$gte", value);
        };
        return condition(table, c.column(), test);
    }

    private static BsonDocument junction(String operator, List<Predicate> parts, MongoTable table, boolean negated) {
        if (parts.isEmpty()) {
            // AND() is true and OR() false; negated, the other way round.
            return operator.equals("$and") ? new BsonDocument() : NOTHING.clone();
        }
        BsonArray each = new BsonArray();
        parts.forEach(q -> each.add(filter(q, table, negated)));
        return new BsonDocument(operator, each);
    }

    private static BsonDocument condition(MongoTable table, String column, BsonValue test) {
        return new BsonDocument(table.column(column).dotted(), test);
    }

    private static Predicate.Op negate(Predicate.Op op) {
        return switch (op) {
            case EQ -> Predicate.Op.NE;
            case NE -> Predicate.Op.EQ;
            case LT -> Predicate.Op.GE;
            case LE -> Predicate.Op.GT;
            case GT -> Predicate.Op.LE;
            case GE -> Predicate.Op.LT;
        };
    }

    /** @return whether a column's values may be arrays (a list, JSON, or a mix with either), for which null tests differ */
    private static boolean mayHoldArrays(String type) {
        return type.startsWith(MongoNested.LIST)
                || type.equals("json")
                || type.startsWith(MongoTypes.MIXED) && type.contains("json");
    }

    /** @return the literal as the column's kind stores it, or {@code null} when it cannot be compared there */
    static BsonValue literal(Object value, String type) {
        boolean number = NUMBERS.contains(type)
                || MongoTypes.isDecimal(type) && MongoTypes.precision(type) <= ArrowToBson.DECIMAL128_DIGITS;
        if (number) {
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return new BsonInt64(((Number) value).longValue());
            }
            if ((value instanceof Double || value instanceof Float) && !Double.isNaN(((Number) value).doubleValue())) {
                return new BsonDouble(((Number) value).doubleValue());
            }
            if (value instanceof BigDecimal d && d.precision() <= ArrowToBson.DECIMAL128_DIGITS) {
                return new BsonDecimal128(new Decimal128(d));
            }
            return null;
        }
        return switch (type) {
            case "string" -> value instanceof String s ? new BsonString(s) : null;
            case "objectId" ->
                value instanceof String s && s.matches("[0-9a-f]{24}") ? new BsonObjectId(new ObjectId(s)) : null;
            case "bool" -> value instanceof Boolean b ? BsonBoolean.valueOf(b) : null;
            case "binData" -> value instanceof byte[] bytes ? new BsonBinary(bytes) : null;
            case "date" -> value instanceof LocalDate d ? new BsonDateTime(d.toEpochDay() * 86_400_000L) : null;
            case "timestamp" ->
                value instanceof Instant i
                        ? millis(i)
                        : value instanceof OffsetDateTime t ? millis(t.toInstant()) : null;
            case MongoTypes.LOCAL_TIMESTAMP ->
                value instanceof LocalDateTime t ? millis(t.toInstant(ZoneOffset.UTC)) : null;
            default -> null;
        };
    }

    /** A BSON date keeps milliseconds: a finer literal would be compared rounded, so it stays residual. */
    private static BsonValue millis(Instant instant) {
        return instant.getNano() % 1_000_000 == 0 ? new BsonDateTime(instant.toEpochMilli()) : null;
    }

    /** @return the conditions, all of which must hold, as one filter */
    static BsonDocument all(List<BsonDocument> conditions) {
        List<BsonDocument> real = new ArrayList<>();
        conditions.stream().filter(c -> !c.isEmpty()).forEach(real::add);
        return real.isEmpty()
                ? new BsonDocument()
                : real.size() == 1 ? real.get(0) : new BsonDocument("$and", new BsonArray(real));
    }
}
