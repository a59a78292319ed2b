package io.datastores.neo4j;

import io.datastores.api.ColumnInfo;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Entity;

/**
 * Labels and relationship types as tables. Schema {@code nodes} (also the default, {@code null})
 * holds one table per label, schema {@code relationships} one per relationship type. A table's
 * columns are {@value #ID} (the element id), for relationships {@value #START} and {@value #END}
 * (the element ids of its nodes), then its key (the properties of a uniqueness constraint) and the
 * other properties, inferred from a sample of {@value #SAMPLE} entities ({@link SampledType}): a
 * property found with several types is read as text, and one never set in the sample is not seen. A relationship table
 * named by its pattern {@code (Start)-[TYPE]->(End)} ({@link RelationshipPattern}) has instead the
 * keys of its nodes as {@value #START} and {@value #END}, and those two as its key.
 */
final class Neo4jSchema {
    static final String NODES = "nodes";
    static final String RELATIONSHIPS = "relationships";
    static final String ID = "<id>";
    static final String START = "_start";
    static final String END = "_end";
    static final int SAMPLE = 1_000;

    private final Neo4jErrors errors;
    private final Function<String, List<Record>> cypher;

    /**
     * A label or relationship type and what it holds.
     *
     * @param ref the table, with its schema
     * @param relationship whether it is a relationship type
     * @param key the properties of its uniqueness constraint, empty when it has none
     * @param fields the columns, as Arrow fields, in order
     * @param typeNames the Neo4j type of each column, for describe
     * @param between for a table named {@code (Start)-[TYPE]->(End)}, that pattern with its ends' keys, else {@code null}
     */
    record Table(
            TableRef ref,
            boolean relationship,
            List<String> key,
            List<Field> fields,
            Map<String, String> typeNames,
            RelationshipPattern between) {

        Field field(String name) {
            return fields.stream()
                    .filter(f -> f.getName().equals(name))
                    .findFirst()
                    .orElse(null);
        }

        /** @return the pattern that binds {@code n}: {@code (n:`L`)} or {@code ()-[n:`T`]->()} */
        String pattern() {
            return between != null ? between.match() : Neo4jSchema.pattern(relationship, ref.name());
        }

        /** @return the Cypher for a column of this table, its entity bound to {@code n} */
        String expression(String column) {
            String end = between == null ? null : between.expression(column);
            return end != null ? end : CypherPushdown.expression(column);
        }

        List<ColumnInfo> columns() {
            List<ColumnInfo> columns = new ArrayList<>();
            for (Field field : fields) {
                columns.add(new ColumnInfo(
                        field.getName(),
                        typeNames.get(field.getName()),
                        CypherToArrow.jdbcType(field.getType()),
                        field.isNullable(),
                        null,
                        null));
            }
            return columns;
        }
    }

    Neo4jSchema(Neo4jErrors errors, Function<String, List<Record>> cypher) {
        this.errors = errors;
        this.cypher = cypher;
    }

    static String quote(String name) {
        return '`' + name.replace("`", "``") + '`';
    }

    private static String pattern(boolean relationship, String name) {
        return relationship ? "()-[n:" + quote(name) + "]->()" : "(n:" + quote(name) + ")";
    }

    static boolean relationships(String schema) {
        return RELATIONSHIPS.equals(schema);
    }

    List<TableRef> tables(String schema) {
        if (schema != null && !schema.equals(NODES) && !schema.equals(RELATIONSHIPS)) {
            throw errors.error(
                    ErrorCode.NOT_FOUND,
                    "Schema '" + schema + "' does not exist: Neo4j has '" + NODES + "' (labels) and '" + RELATIONSHIPS
                            + "' (relationship types)");
        }
        String kind = relationships(schema) ? RELATIONSHIPS : NODES;
        String call = relationships(schema)
                ? "CALL db.relationshipTypes() YIELD relationshipType AS name RETURN name"
                : "CALL db.labels() YIELD label AS name RETURN name";
        List<String> names = new ArrayList<>(
                cypher.apply(call).stream().map(r -> r.get("name").asString()).toList());
        // A label with a key constraint is a table even before its first node (a copy created it).
        if (!relationships(schema)) {
            keys().keySet().stream().filter(l -> !names.contains(l)).forEach(names::add);
        }
        return names.stream().sorted().map(n -> TableRef.of(kind, n)).toList();
    }

    /** @return the properties of each label's first uniqueness (or node key) constraint */
    Map<String, List<String>> keys() {
        Map<String, List<String>> keys = new TreeMap<>();
        for (Record r : cypher.apply(
                "SHOW CONSTRAINTS YIELD entityType, labelsOrTypes, properties, type "
                        + "WHERE entityType = 'NODE' AND type IN ['UNIQUENESS', 'NODE_KEY'] RETURN labelsOrTypes, properties")) {
            List<String> labels = r.get("labelsOrTypes").asList(Value::asString);
            if (labels.size() == 1) {
                keys.putIfAbsent(labels.get(0), r.get("properties").asList(Value::asString));
            }
        }
        return keys;
    }

    /**
     * @return whether the table holds an entity; {@code false} only for a node label that has none
     *     (a label whose nodes were all deleted keeps its constraint, and so is still listed)
     */
    boolean holdsEntities(TableRef table) {
        if (relationships(table.schema())) {
            return true;
        }
        return !cypher.apply("MATCH " + pattern(false, table.name()) + " RETURN 1 AS one LIMIT 1")
                .isEmpty();
    }

    /**
     * @return {@code between} with the keys of its two labels
     * @throws io.datastores.api.DatastoreException INVALID_CONFIG when a label has no one-property uniqueness constraint
     */
    RelationshipPattern ends(RelationshipPattern between) {
        Map<String, List<String>> keys = keys();
        String[] resolved = new String[2];
        String[] labels = {between.start(), between.end()};
        for (int i = 0; i < 2; i++) {
            List<String> key = keys.get(labels[i]);
            if (key == null || key.size() != 1) {
                throw errors.error(
                        ErrorCode.INVALID_CONFIG,
                        "Relationship table " + between + " matches its nodes by the key of label " + quote(labels[i])
                                + ", which needs a uniqueness constraint on one property (it has "
                                + (key == null ? "none" : key) + "); copy the nodes first with key(...), or CREATE "
                                + "CONSTRAINT FOR (n:" + quote(labels[i]) + ") REQUIRE n.key IS UNIQUE");
            }
            resolved[i] = key.get(0);
        }
        return between.withKeys(resolved[0], resolved[1]);
    }

    Table table(TableRef table) {
        boolean relationship = relationships(table.schema());
        RelationshipPattern between = relationship
                ? RelationshipPattern.parse(table.name()).map(this::ends).orElse(null)
                : null;
        if (between != null) {
            if (cypher.apply("MATCH " + between.match() + " RETURN 1 AS one LIMIT 1")
                    .isEmpty()) {
                throw errors.error(
                        ErrorCode.NOT_FOUND, "There is no relationship " + between + " (names are case-sensitive)");
            }
        } else if (!tables(table.schema()).contains(TableRef.of(relationship ? RELATIONSHIPS : NODES, table.name()))) {
            throw errors.error(
                    ErrorCode.NOT_FOUND,
                    (relationship ? "Relationship type '" : "Label '") + table.name()
                            + "' does not exist (names are case-sensitive)");
        }
        List<String> key = between != null
                ? List.of(START, END)
                : relationship ? List.of() : keys().getOrDefault(table.name(), List.of());
        String pattern = between != null ? between.match() : pattern(relationship, table.name());
        Map<String, SampledType> types = new TreeMap<>();
        Map<String, SampledType> endTypes = new TreeMap<>();
        String ends = between == null
                ? ""
                : ", " + between.expression(START) + " AS _start, " + between.expression(END) + " AS _end";
        for (Record r : cypher.apply("MATCH " + pattern + " RETURN n" + ends + " LIMIT " + SAMPLE)) {
            Entity entity =
                    relationship ? r.get("n").asRelationship() : r.get("n").asNode();
            for (String property : entity.keys()) {
                see(types, property, entity.get(property));
            }
            if (between != null) {
                see(endTypes, START, r.get(START));
                see(endTypes, END, r.get(END));
            }
        }
        Map<String, Field> fields = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        add(fields, names, text(ID), "ELEMENT ID");
        if (between != null) {
            for (String end : key) {
                SampledType type = endTypes.getOrDefault(end, new SampledType());
                String label = end.equals(START)
                        ? between.start() + "." + between.startKey()
                        : between.end() + "." + between.endKey();
                add(fields, names, type.field(end, false), type.typeName() + " (key " + label + ")");
            }
        } else if (relationship) {
            add(fields, names, text(START), "ELEMENT ID");
            add(fields, names, text(END), "ELEMENT ID");
        }
        List<String> ordered = new ArrayList<>(between != null ? List.of() : key);
        types.keySet().stream()
                .filter(p -> !key.contains(p) && !ordered.contains(p))
                .forEach(ordered::add);
        for (String property : ordered) {
            SampledType type = types.getOrDefault(property, new SampledType());
            add(fields, names, type.field(property, true), type.typeName());
        }
        return new Table(
                TableRef.of(relationship ? RELATIONSHIPS : NODES, table.name()),
                relationship,
                key,
                List.copyOf(fields.values()),
                names,
                between);
    }

    private static void see(Map<String, SampledType> types, String property, Value value) {
        types.computeIfAbsent(property, p -> new SampledType()).see(value);
    }

    private static Field text(String name) {
        return new Field(name, FieldType.notNullable(ArrowType.Utf8.INSTANCE), null);
    }

    private static void add(Map<String, Field> fields, Map<String, String> names, Field field, String typeName) {
        fields.put(field.getName(), field);
        names.put(field.getName(), typeName);
    }
}
