package io.datastores.neo4j;

import io.datastores.api.ErrorCode;
import io.datastores.api.bulk.Predicate;
import io.datastores.api.bulk.ReadRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * Batches of Cypher records: for a table, one keyset page per batch (see {@link Neo4jBulkReader});
 * for a query, its records, typed by the first batch's values. Not thread-safe, like every ArrowReader.
 */
final class CypherRowsReader extends ArrowReader {
    /** Fetches the next page of records after the last key, or {@code null} for the first. */
    private interface Pages {
        List<Record> next(String after, int rows);
    }

    private final Neo4jErrors errors;
    private final Schema schema;
    private final Pages pages;
    private final int batchSize;
    private Long remaining;
    private String after;
    private boolean done;
    private List<Record> first;

    private CypherRowsReader(
            BufferAllocator allocator, Neo4jErrors errors, Schema schema, Pages pages, Long limit, int batchSize) {
        super(allocator);
        this.errors = errors;
        this.schema = schema;
        this.pages = pages;
        this.remaining = limit;
        this.batchSize = batchSize;
    }

    static CypherRowsReader table(
            BufferAllocator allocator,
            Neo4jErrors errors,
            Neo4jDriver driver,
            Neo4jSchema.Table table,
            List<Field> fields,
            Predicate filter,
            Long limit,
            int batchSize) {
        Map<String, Object> parameters = new HashMap<>();
        String where = filter == null ? "" : " AND " + CypherPushdown.where(filter, table, parameters);
        StringBuilder returns = new StringBuilder("elementId(n) AS k");
        for (int i = 0; i < fields.size(); i++) {
            returns.append(", ")
                    .append(CypherPushdown.expression(fields.get(i).getName()))
                    .append(" AS c")
                    .append(i);
        }
        String cypher = "MATCH " + table.pattern() + " WHERE ($after IS NULL OR elementId(n) > $after)" + where
                + " RETURN " + returns + " ORDER BY k LIMIT $rows";
        return new CypherRowsReader(
                allocator,
                errors,
                new Schema(fields),
                (after, rows) -> {
                    Map<String, Object> page = new HashMap<>(parameters);
                    page.put("after", after);
                    page.put("rows", rows);
                    return driver.run(cypher, page);
                },
                limit,
                batchSize);
    }

    /** A Cypher query's records; its columns are typed by the first non-null value in the first batch. */
    static CypherRowsReader query(
            BufferAllocator allocator, Neo4jErrors errors, Neo4jDriver driver, ReadRequest request) {
        CypherParameters.Named named = CypherParameters.of(request.query(), request.params());
        List<Record> records = driver.run(named.cypher(), named.parameters());
        List<Field> fields = new ArrayList<>();
        List<String> keys = records.isEmpty() ? List.of() : records.get(0).keys();
        for (int c = 0; c < keys.size(); c++) {
            int column = c;
            Value sample = records.stream()
                    .map(r -> r.get(column))
                    .filter(v -> !v.isNull())
                    .findFirst()
                    .orElse(null);
            fields.add(new Field(
                    keys.get(c),
                    FieldType.nullable(sample == null ? CypherToArrow.TEXT : CypherToArrow.arrowType(sample.type())),
                    null));
        }
        CypherRowsReader reader = new CypherRowsReader(
                allocator, errors, new Schema(fields), (after, rows) -> List.of(), null, Math.max(1, records.size()));
        reader.first = records;
        return reader;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        VectorSchemaRoot root = getVectorSchemaRoot();
        List<Record> records = next();
        List<FieldVector> vectors = root.getFieldVectors();
        try {
            for (int r = 0; r < records.size(); r++) {
                Record record = records.get(r);
                // A table page's record starts with the key k; a query's does not.
                int offset = record.size() - vectors.size();
                for (int c = 0; c < vectors.size(); c++) {
                    CypherToArrow.set(vectors.get(c), r, record.get(c + offset));
                }
            }
        } catch (RuntimeException e) {
            throw errors.error(ErrorCode.INVALID_DATA, "A value does not fit the column's type: " + e.getMessage(), e);
        }
        root.setRowCount(records.size());
        return !records.isEmpty();
    }

    private List<Record> next() {
        if (first != null) {
            List<Record> records = first;
            first = List.of();
            done = true;
            return records;
        }
        if (done || remaining != null && remaining <= 0) {
            return List.of();
        }
        int rows = remaining == null ? batchSize : (int) Math.min(batchSize, remaining);
        List<Record> records = pages.next(after, rows);
        if (records.size() < rows) {
            done = true;
        }
        if (!records.isEmpty()) {
            after = records.get(records.size() - 1).get("k").asString();
        }
        if (remaining != null) {
            remaining -= records.size();
        }
        return records;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        first = null;
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
