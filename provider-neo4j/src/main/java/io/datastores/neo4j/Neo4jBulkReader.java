package io.datastores.neo4j;

import io.datastores.api.ErrorCode;
import io.datastores.api.bulk.PartitionedRead;
import io.datastores.api.bulk.Predicate;
import io.datastores.api.bulk.Pushdown;
import io.datastores.api.bulk.ReadPartition;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.spi.BaseBulkReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Reads a label or relationship type as Arrow batches, one Cypher page per batch under a stable
 * order ({@link KeysetOrder}: keyset on the key where the label has one, else on the element id),
 * never SKIP without ORDER BY. The filter goes into {@code WHERE} ({@link CypherPushdown});
 * partitions are ranges of the first key column, or else of element ids, cut at evenly spaced entities.
 * Thread-safe: every page runs in a session of its own.
 */
final class Neo4jBulkReader extends BaseBulkReader<Neo4jErrors> {
    private final Neo4jDriver driver;
    private final Neo4jSchema schema;

    Neo4jBulkReader(Neo4jErrors errors, Neo4jDriver driver, Neo4jSchema schema) {
        super(errors);
        this.driver = driver;
        this.schema = schema;
    }

    @Override
    protected Pushdown pushdownTable(ReadRequest request) {
        return CypherPushdown.of(request, schema.table(request.table()));
    }

    @Override
    protected PartitionedRead partitionTable(ReadRequest request, int count) {
        Neo4jSchema.Table table = schema.table(request.table());
        KeysetOrder.Phase first = KeysetOrder.of(table).get(0);
        if (first.keyed()) {
            return keyRanges(request, table, first, count);
        }
        long total = driver.run("MATCH " + table.pattern() + " RETURN count(n) AS total", Map.of())
                .get(0)
                .get("total")
                .asLong();
        if (total == 0) {
            return PartitionedRead.single(request);
        }
        List<String> bounds = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            bounds.add(driver.run(
                            "MATCH " + table.pattern() + " WITH elementId(n) AS id ORDER BY id SKIP $skip LIMIT 1 "
                                    + "RETURN id",
                            Map.of("skip", total * i / count))
                    .get(0)
                    .get("id")
                    .asString());
        }
        List<ReadRequest> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Predicate from = i == 0 ? null : Predicate.ge(Neo4jSchema.ID, bounds.get(i - 1));
            Predicate to = i == count - 1 ? null : Predicate.lt(Neo4jSchema.ID, bounds.get(i));
            Predicate range = Predicate.both(from, to);
            parts.add(request.withPartition(new ReadPartition(i, count, range, Map.of())));
        }
        return new PartitionedRead(parts, null);
    }

    /** Partitions that are ranges of the first key column; the last also reads the nodes outside the keyed phase. */
    private PartitionedRead keyRanges(
            ReadRequest request, Neo4jSchema.Table table, KeysetOrder.Phase keyed, int count) {
        List<Object> bounds = KeysetOrder.bounds(table, keyed, count, driver::run);
        if (bounds.isEmpty()) {
            return PartitionedRead.single(request);
        }
        String column = table.key().get(0);
        List<ReadRequest> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Predicate from = i == 0 ? null : Predicate.ge(column, bounds.get(i - 1));
            Predicate to = i == count - 1 ? null : Predicate.lt(column, bounds.get(i));
            Map<String, String> hints = i == count - 1 ? Map.of(KeysetOrder.REMAINDER, "true") : Map.of();
            parts.add(request.withPartition(new ReadPartition(i, count, Predicate.both(from, to), hints)));
        }
        return new PartitionedRead(parts, null);
    }

    @Override
    protected ArrowReader readQuery(ReadRequest request, BufferAllocator allocator) {
        return CypherRowsReader.query(allocator, errors, driver, request);
    }

    @Override
    protected ArrowReader readTable(ReadRequest request, BufferAllocator allocator) {
        Neo4jSchema.Table table = schema.table(request.table());
        List<Field> fields = new ArrayList<>();
        for (String name : request.columns().isEmpty()
                ? table.fields().stream().map(Field::getName).toList()
                : request.columns()) {
            Field field = table.field(name);
            if (field == null) {
                throw errors.error(ErrorCode.NOT_FOUND, "Table '" + table.ref() + "' has no column '" + name + "'");
            }
            fields.add(field);
        }
        Predicate range =
                request.partition() == null ? null : request.partition().range();
        return CypherRowsReader.table(
                allocator,
                errors,
                driver,
                table,
                fields,
                request.filter(),
                range,
                request.partition() == null || request.partition().hints().containsKey(KeysetOrder.REMAINDER),
                request.limit(),
                request.batchSize());
    }
}
