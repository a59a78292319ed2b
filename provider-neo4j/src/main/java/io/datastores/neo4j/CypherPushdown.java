package io.datastores.neo4j;

import io.datastores.api.bulk.Predicate;
import io.datastores.api.bulk.Pushdown;
import io.datastores.api.bulk.ReadRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A read's filter as a Cypher {@code WHERE}: every predicate form translates (Cypher's NULL logic is
 * SQL's), with its literals bound as parameters. A conjunct stays residual, for core, when a column
 * it names is not a plain typed property (read as text, or unknown) or a literal is not of the
 * column's kind, so that pushed and unpushed reads agree on what a comparison means.
 */
final class CypherPushdown {
    private CypherPushdown() {}

    static Pushdown of(ReadRequest request, Neo4jSchema.Table table) {
        return Pushdown.split(request, p -> pushable(p, table), true);
    }

    private static boolean pushable(Predicate predicate, Neo4jSchema.Table table) {
        if (predicate instanceof Predicate.And and) {
            return and.parts().stream().allMatch(p -> pushable(p, table));
        } else if (predicate instanceof Predicate.Or or) {
            return or.parts().stream().allMatch(p -> pushable(p, table));
        } else if (predicate instanceof Predicate.Not not) {
            return pushable(not.part(), table);
        } else if (predicate instanceof Predicate.Compare c) {
            return comparable(table, c.column(), c.value());
        } else if (predicate instanceof Predicate.In in) {
            return in.values().stream().allMatch(v -> comparable(table, in.column(), v)) && typed(table, in.column());
        } else if (predicate instanceof Predicate.IsNull n) {
            return table.field(n.column()) != null;
        }
        return table.field(((Predicate.IsNotNull) predicate).column()) != null;
    }

    private static boolean typed(Neo4jSchema.Table table, String column) {
        Field field = table.field(column);
        return field != null && !SampledType.readAsText(table.typeNames().get(column));
    }

    private static boolean comparable(Neo4jSchema.Table table, String column, Object literal) {
        if (!typed(table, column)) {
            return false;
        }
        ArrowType type = table.field(column).getType();
        return switch (type.getTypeID()) {
            case Int, FloatingPoint ->
                literal instanceof Number && !(literal instanceof BigDecimal d && d.scale() > 15);
            case Utf8 -> literal instanceof String;
            case Bool -> literal instanceof Boolean;
            case Date -> literal instanceof LocalDate;
            case Timestamp ->
                ((ArrowType.Timestamp) type).getTimezone() == null
                        ? literal instanceof LocalDateTime
                        : literal instanceof Instant || literal instanceof OffsetDateTime;
            default -> false;
        };
    }

    /** @return {@code predicate} as Cypher over {@code n}, its literals added to {@code parameters} as {@code $w0} … */
    static String where(Predicate predicate, Neo4jSchema.Table table, Map<String, Object> parameters) {
        if (predicate instanceof Predicate.And and) {
            return join(and.parts(), " AND ", table, parameters, "true");
        } else if (predicate instanceof Predicate.Or or) {
            return join(or.parts(), " OR ", table, parameters, "false");
        } else if (predicate instanceof Predicate.Not not) {
            return "NOT (" + where(not.part(), table, parameters) + ")";
        } else if (predicate instanceof Predicate.Compare c) {
            return table.expression(c.column()) + " " + c.op().sql() + " " + parameter(c.value(), parameters);
        } else if (predicate instanceof Predicate.In in) {
            return table.expression(in.column()) + " IN " + parameter(in.values(), parameters);
        } else if (predicate instanceof Predicate.IsNull n) {
            return table.expression(n.column()) + " IS NULL";
        }
        return table.expression(((Predicate.IsNotNull) predicate).column()) + " IS NOT NULL";
    }

    private static String join(
            List<Predicate> parts,
            String operator,
            Neo4jSchema.Table table,
            Map<String, Object> parameters,
            String empty) {
        if (parts.isEmpty()) {
            return empty;
        }
        return "("
                + String.join(
                        operator,
                        parts.stream().map(p -> where(p, table, parameters)).toList()) + ")";
    }

    private static String parameter(Object value, Map<String, Object> parameters) {
        String name = "w" + parameters.size();
        // Cypher orders date-times of different offsets by their fields, not by instant: compare at UTC, as stored.
        parameters.put(name, CypherParameters.value(value instanceof OffsetDateTime o ? o.toInstant() : value));
        return "$" + name;
    }

    /** @return the Cypher for a column of the table bound to {@code n} */
    static String expression(String column) {
        return switch (column) {
            case Neo4jSchema.ID -> "elementId(n)";
            case Neo4jSchema.START -> "elementId(startNode(n))";
            case Neo4jSchema.END -> "elementId(endNode(n))";
            default -> "n." + Neo4jSchema.quote(column);
        };
    }
}
