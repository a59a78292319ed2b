package io.datastores.neo4j;

import io.datastores.api.ErrorCode;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.spi.BaseBulkWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;

/**
 * Writes Arrow batches as nodes of a label, {@code batch_size} rows per transaction:
 * UPSERT runs {@code UNWIND $rows AS row MERGE (n:L {key: row.key}) SET n += row}, and only when a
 * uniqueness constraint on exactly the key exists (without one each MERGE would scan the label, so
 * the write is refused); APPEND runs {@code CREATE}; OVERWRITE deletes the label's nodes first (in
 * transactions of their own, so not atomic). Each transaction runs through the driver's managed
 * transactions, which retry transient errors (deadlocks, leader changes) before the failure is
 * surfaced. The {@value Neo4jSchema#ID} column is the server's and is never written. Relationship
 * tables named {@code (Start)-[TYPE]->(End)} are written the same way, one batch after another, with
 * the statements of {@link RelationshipRows}.
 */
final class Neo4jBulkWriter extends BaseBulkWriter<Neo4jErrors> {
    private final Neo4jSettings settings;
    private final Neo4jDriver driver;
    private final Neo4jSchema schema;

    Neo4jBulkWriter(Neo4jSettings settings, Neo4jErrors errors, Neo4jDriver driver, Neo4jSchema schema) {
        super(errors);
        this.settings = settings;
        this.driver = driver;
        this.schema = schema;
    }

    @Override
    protected Load prepare(WriteRequest request) {
        if (Neo4jSchema.relationships(request.table().schema())) {
            return relationships(request);
        }
        String label = Neo4jSchema.quote(request.table().name());
        String cypher = request.mode() == WriteMode.UPSERT
                ? merge(request, label)
                : "UNWIND $rows AS row CREATE (n:" + label + ") SET n = row";
        String overwrite = "MATCH (n:" + label + ") CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS";
        return load(request, "label " + label, cypher, overwrite, Neo4jBulkWriter::rows, (result, rows) -> {});
    }

    /** Relationships matched to their nodes by key, in a second phase after the nodes ({@link RelationshipRows}). */
    private Load relationships(WriteRequest request) {
        RelationshipRows shape = RelationshipRows.of(request, schema, errors);
        return load(
                request,
                "relationships " + shape.between(),
                shape.cypher(request.mode()),
                shape.overwrite(),
                shape::rows,
                shape::verify);
    }

    /** Rows of a batch as the driver sends them. */
    interface Rows {
        List<Map<String, Object>> of(VectorSchemaRoot root, int from, int to);
    }

    /** Checks a batch's result inside its transaction; throwing rolls the batch back. */
    interface Verify {
        void check(Result result, List<Map<String, Object>> rows);
    }

    private Load load(WriteRequest request, String what, String cypher, String overwrite, Rows shape, Verify verify) {
        return new Load(
                what,
                (source, progress) -> load(request, cypher, overwrite, shape, verify, source, progress),
                stored -> " (" + stored + " rows in committed transactions were stored"
                        + (request.mode() == WriteMode.UPSERT ? "; an upsert run again converges)" : ")"));
    }

    private void load(
            WriteRequest request,
            String cypher,
            String overwrite,
            Rows shape,
            Verify verify,
            ArrowReader source,
            Progress progress)
            throws IOException {
        List<Field> fields = source.getVectorSchemaRoot().getSchema().getFields();
        for (Field field : fields) {
            if (!field.getName().equals(Neo4jSchema.ID)
                    && ArrowToCypher.columnType(field).isEmpty()) {
                throw errors.error(
                        ErrorCode.UNSUPPORTED,
                        "Column '" + field.getName() + "' of Arrow type " + field.getType()
                                + " has no Neo4j property type; cast it in the source query");
            }
        }
        if (request.mode() == WriteMode.OVERWRITE) {
            driver.run(overwrite, Map.of());
        }
        try (Session session = driver.session()) {
            while (source.loadNextBatch()) {
                VectorSchemaRoot root = source.getVectorSchemaRoot();
                progress.batch();
                for (int from = 0; from < root.getRowCount(); from += settings.batchSize()) {
                    List<Map<String, Object>> rows = rows(shape, root, from);
                    session.executeWrite(tx -> {
                        Result result = tx.run(cypher, Map.of("rows", rows));
                        verify.check(result, rows);
                        return result.consume();
                    });
                    progress.stored(rows.size());
                }
            }
        }
    }

    private List<Map<String, Object>> rows(Rows shape, VectorSchemaRoot root, int from) {
        try {
            return shape.of(root, from, Math.min(root.getRowCount(), from + settings.batchSize()));
        } catch (IllegalArgumentException e) {
            // A value Neo4j cannot store (ArrowToCypher names its column): the source's data, not a driver failure.
            throw errors.error(ErrorCode.INVALID_DATA, e.getMessage(), e);
        }
    }

    private String merge(WriteRequest request, String label) {
        List<String> constraint = schema.keys().get(request.table().name());
        if (constraint == null
                || !new java.util.HashSet<>(constraint).equals(new java.util.HashSet<>(request.keyColumns()))) {
            throw errors.error(
                    ErrorCode.INVALID_CONFIG,
                    "An upsert into label " + label + " by " + request.keyColumns()
                            + " needs a uniqueness constraint on exactly those properties (it has "
                            + (constraint == null ? "none" : constraint) + "); create it with CREATE CONSTRAINT FOR (n:"
                            + label + ") REQUIRE (...) IS UNIQUE, or let the copy create the label");
        }
        String key = String.join(
                ", ",
                request.keyColumns().stream()
                        .map(k -> Neo4jSchema.quote(k) + ": row." + Neo4jSchema.quote(k))
                        .toList());
        return "UNWIND $rows AS row MERGE (n:" + label + " {" + key + "}) SET n += row";
    }

    private static List<Map<String, Object>> rows(VectorSchemaRoot root, int from, int to) {
        List<Map<String, Object>> rows = new ArrayList<>(to - from);
        List<FieldVector> vectors = root.getFieldVectors();
        for (int r = from; r < to; r++) {
            Map<String, Object> row = new HashMap<>();
            for (FieldVector vector : vectors) {
                if (!vector.getName().equals(Neo4jSchema.ID)) {
                    row.put(vector.getName(), ArrowToCypher.value(vector, r));
                }
            }
            rows.add(row);
        }
        return rows;
    }
}
