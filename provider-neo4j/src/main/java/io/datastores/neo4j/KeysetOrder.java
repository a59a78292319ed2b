package io.datastores.neo4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.neo4j.driver.Record;

/**
 * The stable orders a table is paged in, never SKIP without ORDER BY. A label whose key (the
 * properties of its uniqueness constraint) is sampled as one sortable type — INTEGER, FLOAT,
 * STRING, DATE or LOCAL DATETIME — is read in two phases: first the nodes whose key properties are
 * all set and of that type, by keyset on the key ({@code WHERE (n.a, n.b) > $after ORDER BY n.a,
 * n.b LIMIT $rows}, which its constraint's index serves), then the rest (a key missing, of another
 * type, or NaN: what a comparison with the last key would skip) by keyset on the element id. Every
 * other table is read in the second way alone. Each entity is in exactly one phase.
 */
final class KeysetOrder {
    /** The hint of the partition that also reads the second phase. */
    static final String REMAINDER = "remainder";

    /**
     * One run of pages.
     *
     * @param membership which entities of the table it reads, as Cypher over {@code n}, or {@code null} for all
     * @param sort the expressions it orders by, returned as {@code k0, k1, …}
     * @param keyed whether it orders by the key (its partitions are key ranges) rather than the element id
     */
    record Phase(String membership, List<String> sort, boolean keyed) {
        /**
         * @param paged whether a previous page's last sort values are bound as {@code $a0, $a1, …}
         * @return the condition on {@code n} of this phase's entities after the last page, or {@code null}
         */
        String condition(boolean paged) {
            List<String> parts = new ArrayList<>();
            if (membership != null) {
                parts.add(membership);
            }
            if (paged) {
                parts.add(after());
            }
            return parts.isEmpty() ? null : String.join(" AND ", parts);
        }

        /** @return {@code (s0 > $a0 OR (s0 = $a0 AND s1 > $a1))}, led by {@code s0 >= $a0} for an index seek */
        private String after() {
            List<String> alternatives = new ArrayList<>();
            for (int i = 0; i < sort.size(); i++) {
                StringBuilder alternative = new StringBuilder();
                for (int j = 0; j < i; j++) {
                    alternative.append(sort.get(j)).append(" = $a").append(j).append(" AND ");
                }
                alternatives.add(alternative
                        .append(sort.get(i))
                        .append(" > $a")
                        .append(i)
                        .toString());
            }
            String any = "("
                    + String.join(
                            " OR ",
                            alternatives.stream().map(a -> "(" + a + ")").toList()) + ")";
            return sort.size() == 1 ? any : sort.get(0) + " >= $a0 AND " + any;
        }

        /** @return {@code k0, k1, …}, the names the sort expressions are returned as */
        String orderBy() {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < sort.size(); i++) {
                names.add("k" + i);
            }
            return String.join(", ", names);
        }
    }

    private KeysetOrder() {}

    /** @return the phases that read {@code table}, in order */
    static List<Phase> of(Neo4jSchema.Table table) {
        Phase byElementId = new Phase(null, List.of("elementId(n)"), false);
        String membership = membership(table);
        if (membership == null) {
            return List.of(byElementId);
        }
        List<String> sort = table.key().stream().map(CypherPushdown::expression).toList();
        // coalesce: in a WHERE, NOT (…) alone skipped the nodes without the key on 5.26 (projected,
        // it is true for them); Neo4jKeysetTest reads them.
        String rest = "NOT coalesce(" + membership + ", false)";
        return List.of(new Phase(membership, sort, true), new Phase(rest, byElementId.sort(), false));
    }

    /** @return the Cypher condition that the key is set and of its sampled sortable type, or {@code null} */
    private static String membership(Neo4jSchema.Table table) {
        if (table.relationship() || table.key().isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String column : table.key()) {
            Field field = table.field(column);
            String typeName = table.typeNames().get(column);
            String type = field == null || typeName.contains("(") ? null : cypherType(field.getType());
            if (type == null) {
                return null;
            }
            String property = CypherPushdown.expression(column);
            parts.add(property + " IS :: " + type + " NOT NULL");
            if (type.equals("FLOAT")) {
                parts.add("NOT isNaN(" + property + ")");
            }
        }
        return String.join(" AND ", parts);
    }

    private static String cypherType(ArrowType type) {
        return switch (type.getTypeID()) {
            case Int -> "INTEGER";
            case FloatingPoint -> "FLOAT";
            case Utf8 -> "STRING";
            case Date -> "DATE";
            case Timestamp -> ((ArrowType.Timestamp) type).getTimezone() == null ? "LOCAL DATETIME" : null;
            default -> null;
        };
    }

    /**
     * The values of the first key column at evenly spaced nodes of the keyed phase: the bounds of
     * partitions that are ranges of that column ({@code >= one AND < the next}).
     *
     * @param run runs a Cypher statement with parameters
     * @return {@code count - 1} bounds, ascending, or empty when the phase has no nodes
     */
    static List<Object> bounds(
            Neo4jSchema.Table table,
            Phase keyed,
            int count,
            BiFunction<String, Map<String, Object>, List<Record>> run) {
        String match = "MATCH " + table.pattern() + " WHERE " + keyed.membership();
        long total = run.apply(match + " RETURN count(n) AS total", Map.of())
                .get(0)
                .get("total")
                .asLong();
        List<Object> bounds = new ArrayList<>();
        if (total == 0) {
            return bounds;
        }
        for (int i = 1; i < count; i++) {
            bounds.add(run.apply(
                            match + " WITH " + keyed.sort().get(0) + " AS k ORDER BY k SKIP $skip LIMIT 1 RETURN k",
                            Map.of("skip", total * i / count))
                    .get(0)
                    .get("k")
                    .asObject());
        }
        return bounds;
    }
}
