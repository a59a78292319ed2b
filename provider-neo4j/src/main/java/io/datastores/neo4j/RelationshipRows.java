package io.datastores.neo4j;

import io.datastores.api.ErrorCode;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.neo4j.driver.Result;

/**
 * How rows become relationships of a table named {@code (Start)-[TYPE]->(End)} ({@link
 * RelationshipPattern}), written after the nodes: each row's {@value Neo4jSchema#START} and
 * {@value Neo4jSchema#END} are looked up by the two labels' keys (their uniqueness constraints'
 * indexes), {@code UNWIND $rows AS row MATCH (a:Start {k: row._start}) MATCH (b:End {k: row._end})}
 * then UPSERT {@code MERGE (a)-[r:TYPE]->(b) SET r += row.p} (one relationship per pair of nodes,
 * so the key must be {@code _start, _end}) or APPEND {@code CREATE (a)-[r:TYPE]->(b) SET r = row.p};
 * OVERWRITE deletes the pattern's relationships first. A batch with a row whose node does not exist
 * is rolled back and fails as INTEGRITY.
 */
final class RelationshipRows {
    private final Neo4jErrors errors;
    private final RelationshipPattern between;

    private RelationshipRows(Neo4jErrors errors, RelationshipPattern between) {
        this.errors = errors;
        this.between = between;
    }

    static RelationshipRows of(WriteRequest request, Neo4jSchema schema, Neo4jErrors errors) {
        String name = request.table().name();
        RelationshipPattern pattern = RelationshipPattern.parse(name)
                .orElseThrow(() -> errors.error(
                        ErrorCode.INVALID_CONFIG,
                        "Writing relationships of type " + Neo4jSchema.quote(name)
                                + " needs the labels of their nodes: "
                                + "name the table (Start)-[" + name + "]->(End) in schema " + Neo4jSchema.RELATIONSHIPS
                                + ", with columns " + Neo4jSchema.START + " and " + Neo4jSchema.END
                                + " holding the nodes' keys"));
        if (request.mode() == WriteMode.UPSERT
                && !new HashSet<>(request.keyColumns()).equals(Set.of(Neo4jSchema.START, Neo4jSchema.END))) {
            throw errors.error(
                    ErrorCode.INVALID_CONFIG,
                    "An upsert of relationships " + pattern + " merges one relationship per pair of nodes: its key is "
                            + Neo4jSchema.START + ", " + Neo4jSchema.END + ", not " + request.keyColumns()
                            + " (use append to create several between the same nodes)");
        }
        return new RelationshipRows(errors, schema.ends(pattern));
    }

    RelationshipPattern between() {
        return between;
    }

    String cypher(WriteMode mode) {
        String write = mode == WriteMode.UPSERT
                ? "MERGE (a)-[r:" + type() + "]->(b) SET r += row.p"
                : "CREATE (a)-[r:" + type() + "]->(b) SET r = row.p";
        return "UNWIND $rows AS row MATCH (a:" + Neo4jSchema.quote(between.start()) + " {"
                + Neo4jSchema.quote(between.startKey()) + ": row._start}) MATCH (b:" + Neo4jSchema.quote(between.end())
                + " {" + Neo4jSchema.quote(between.endKey()) + ": row._end}) " + write + " RETURN count(r) AS stored";
    }

    String overwrite() {
        return "MATCH (:" + Neo4jSchema.quote(between.start()) + ")-[r:" + type() + "]->(:"
                + Neo4jSchema.quote(between.end()) + ") CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS";
    }

    private String type() {
        return Neo4jSchema.quote(between.type());
    }

    List<Map<String, Object>> rows(VectorSchemaRoot root, int from, int to) {
        FieldVector start = root.getVector(Neo4jSchema.START);
        FieldVector end = root.getVector(Neo4jSchema.END);
        if (start == null || end == null) {
            throw errors.error(
                    ErrorCode.INVALID_DATA,
                    "Relationships " + between + " need columns " + Neo4jSchema.START + " (the key "
                            + between.startKey()
                            + " of the start node) and " + Neo4jSchema.END + " (the key " + between.endKey()
                            + " of the end node); the source has "
                            + root.getSchema().getFields().stream()
                                    .map(f -> f.getName())
                                    .toList());
        }
        List<Map<String, Object>> rows = new ArrayList<>(to - from);
        for (int r = from; r < to; r++) {
            Map<String, Object> properties = new HashMap<>();
            for (FieldVector vector : root.getFieldVectors()) {
                if (vector != start && vector != end && !vector.getName().equals(Neo4jSchema.ID)) {
                    properties.put(vector.getName(), ArrowToCypher.value(vector, r));
                }
            }
            Map<String, Object> row = new HashMap<>();
            row.put(Neo4jSchema.START, ArrowToCypher.value(start, r));
            row.put(Neo4jSchema.END, ArrowToCypher.value(end, r));
            row.put("p", properties);
            rows.add(row);
        }
        return rows;
    }

    /** Fails the batch (rolling it back) when a row matched no start or no end node. */
    void verify(Result result, List<Map<String, Object>> rows) {
        long stored = result.single().get("stored").asLong();
        if (stored < rows.size()) {
            throw errors.error(
                    ErrorCode.INTEGRITY,
                    (rows.size() - stored) + " of a batch's " + rows.size() + " rows name a node that does not exist ("
                            + Neo4jSchema.START + " is " + between.start() + "." + between.startKey() + ", "
                            + Neo4jSchema.END + " is " + between.end() + "." + between.endKey()
                            + "); the batch was rolled back; write the nodes first");
        }
    }
}
