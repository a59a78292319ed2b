package io.datastores.neo4j;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A relationship table named by its pattern, {@code (Start)-[TYPE]->(End)} in schema {@code
 * relationships}: the relationships of type {@code TYPE} from nodes of label {@code Start} to nodes
 * of label {@code End}. Its {@value Neo4jSchema#START} and {@value Neo4jSchema#END} columns are
 * the key values of those nodes, each label's key being the one property of its uniqueness
 * constraint; that is how rows are matched to nodes when such a table is written.
 *
 * @param start the start nodes' label
 * @param type the relationship type
 * @param end the end nodes' label
 * @param startKey the start label's key property, or {@code null} before it is resolved
 * @param endKey the end label's key property, or {@code null} before it is resolved
 */
record RelationshipPattern(String start, String type, String end, String startKey, String endKey) {
    private static final Pattern NAME = Pattern.compile("\\(([^()]+)\\)-\\[([^\\[\\]]+)]->\\(([^()]+)\\)");

    /** @return the pattern a table name spells, or empty for a plain relationship type */
    static Optional<RelationshipPattern> parse(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches()
                ? Optional.of(new RelationshipPattern(m.group(1), m.group(2), m.group(3), null, null))
                : Optional.empty();
    }

    RelationshipPattern withKeys(String startProperty, String endProperty) {
        return new RelationshipPattern(start, type, end, startProperty, endProperty);
    }

    /** @return {@code (s:`Start`)-[n:`TYPE`]->(e:`End`)}, binding the relationship as {@code n} */
    String match() {
        return "(s:" + Neo4jSchema.quote(start) + ")-[n:" + Neo4jSchema.quote(type) + "]->(e:" + Neo4jSchema.quote(end)
                + ")";
    }

    /** @return the Cypher for {@code column} of this table, or {@code null} when it is not an end's key */
    String expression(String column) {
        return switch (column) {
            case Neo4jSchema.START -> "s." + Neo4jSchema.quote(startKey);
            case Neo4jSchema.END -> "e." + Neo4jSchema.quote(endKey);
            default -> null;
        };
    }

    @Override
    public String toString() {
        return "(" + start + ")-[" + type + "]->(" + end + ")";
    }
}
