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
import org.apache.arrow.vector.types.pojo.Schema;
import org.neo4j.driver.Record;

/**
 * Batches of Cypher records: for a table, one keyset page per batch (see {@link Neo4jBulkReader});
 * for a query, its records, typed by all their values. Not thread-safe, like every ArrowReader.
 */
final class CypherRowsReader extends ArrowReader {
    /** Fetches a phase's next page of records after the last sort values, or {@code null} for its first. */
    private interface Pages {
        List<Record> next(int phase, List<Object> after, int rows);
    }

    private final Neo4jErrors errors;
    private final Schema schema;
    private final Pages pages;
    private final int batchSize;
    private final int phases;
    private int phase;
    private Long remaining;
    private List<Object> after;
    private boolean done;
    private List<Record> first;

    private CypherRowsReader(
            BufferAllocator allocator,
            Neo4jErrors errors,
            Schema schema,
            Pages pages,
            int phases,
            Long limit,
            int batchSize) {
        super(allocator);
        this.errors = errors;
        this.schema = schema;
        this.pages = pages;
        this.phases = phases;
        this.remaining = limit;
        this.batchSize = batchSize;
    }

    /**
     * A table's entities, page by page in the phases of {@link KeysetOrder}.
     *
     * @param range the partition's range, applied to the phases of its kind (key or element id)
     * @param remainder whether to read the second phase of a keyed table (the partition holding it, or the whole read)
     */
    static CypherRowsReader table(
            BufferAllocator allocator,
            Neo4jErrors errors,
            Neo4jDriver driver,
            Neo4jSchema.Table table,
            List<Field> fields,
            Predicate filter,
            Predicate range,
            boolean remainder,
            Long limit,
            int batchSize) {
        List<KeysetOrder.Phase> phases = new ArrayList<>(KeysetOrder.of(table));
        if (!remainder && phases.get(0).keyed()) {
            phases.remove(1);
        }
        List<String[]> cyphers = new ArrayList<>();
        List<Map<String, Object>> bound = new ArrayList<>();
        for (KeysetOrder.Phase phase : phases) {
            Map<String, Object> parameters = new HashMap<>();
            Predicate where = phase.keyed() || !phases.get(0).keyed() ? Predicate.both(filter, range) : filter;
            String condition = where == null ? null : CypherPushdown.where(where, table, parameters);
            StringBuilder returns = new StringBuilder();
            for (int i = 0; i < phase.sort().size(); i++) {
                returns.append(phase.sort().get(i)).append(" AS k").append(i).append(", ");
            }
            for (int i = 0; i < fields.size(); i++) {
                returns.append(table.expression(fields.get(i).getName()))
                        .append(" AS c")
                        .append(i)
                        .append(i == fields.size() - 1 ? "" : ", ");
            }
            String tail = " RETURN " + returns + " ORDER BY " + phase.orderBy() + " LIMIT $rows";
            cyphers.add(new String[] {
                match(table, phase.condition(false), condition) + tail,
                match(table, phase.condition(true), condition) + tail
            });
            bound.add(parameters);
        }
        return new CypherRowsReader(
                allocator,
                errors,
                new Schema(fields),
                (phase, after, rows) -> {
                    Map<String, Object> page = new HashMap<>(bound.get(phase));
                    page.put("rows", rows);
                    if (after != null) {
                        for (int i = 0; i < after.size(); i++) {
                            page.put("a" + i, after.get(i));
                        }
                    }
                    return driver.run(cyphers.get(phase)[after == null ? 0 : 1], page);
                },
                phases.size(),
                limit,
                batchSize);
    }

    private static String match(Neo4jSchema.Table table, String phase, String filter) {
        String where = phase == null ? filter : filter == null ? phase : phase + " AND (" + filter + ")";
        return "MATCH " + table.pattern() + (where == null ? "" : " WHERE " + where);
    }

    /** A Cypher query's records (all fetched at once); each column is typed by all its values ({@link SampledType}). */
    static CypherRowsReader query(
            BufferAllocator allocator, Neo4jErrors errors, Neo4jDriver driver, ReadRequest request) {
        CypherParameters.Named named = CypherParameters.of(request.query(), request.params());
        List<Record> records = driver.run(named.cypher(), named.parameters());
        List<Field> fields = new ArrayList<>();
        List<String> keys = records.isEmpty() ? List.of() : records.get(0).keys();
        for (int c = 0; c < keys.size(); c++) {
            SampledType type = new SampledType();
            for (Record record : records) {
                type.see(record.get(c));
            }
            fields.add(type.field(keys.get(c), true));
        }
        CypherRowsReader reader = new CypherRowsReader(
                allocator,
                errors,
                new Schema(fields),
                (phase, after, rows) -> List.of(),
                1,
                null,
                Math.max(1, records.size()));
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
        while (!done && (remaining == null || remaining > 0)) {
            int rows = remaining == null ? batchSize : (int) Math.min(batchSize, remaining);
            List<Record> records = pages.next(phase, after, rows);
            if (records.size() < rows) {
                // This phase is read: the next starts from its first page.
                phase++;
                after = null;
                done = phase == phases;
            } else {
                Record last = records.get(records.size() - 1);
                List<Object> sort = new ArrayList<>();
                for (int i = 0; last.containsKey("k" + i); i++) {
                    sort.add(last.get("k" + i).asObject());
                }
                after = sort;
            }
            if (remaining != null) {
                remaining -= records.size();
            }
            if (!records.isEmpty()) {
                return records;
            }
        }
        return List.of();
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
