package io.datastores.redis;

import io.datastores.api.Capability;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.BulkReader;
import io.datastores.api.bulk.ReadRequest;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Streams a table's hashes: {@code SCAN MATCH <prefix>* COUNT scan_count TYPE hash} (never {@code KEYS}),
 * then one pipelined {@code HGETALL} per batch. Keys of another type under the prefix are not read
 * (the {@code TYPE} filter). {@code SCAN} may return a key twice; the reader remembers the keys it
 * read, so each row comes once (memory: the keys of the table). A field the table's columns do not
 * have, or a value its column's type cannot read, fails the read naming the key: a prefix holding
 * rows of mixed shape is reported, not guessed at. Nothing of a structured read is pushed down.
 */
record RedisBulkReader(RedisDatastore datastore) implements BulkReader {

    @Override
    public ArrowReader read(ReadRequest request, BufferAllocator allocator) {
        if (request.table() == null) {
            throw DatastoreException.unsupported(datastore.name(), datastore.type(), Capability.SQL);
        }
        if (request.filter() != null || !request.columns().isEmpty() || request.limit() != null) {
            throw DatastoreException.unsupported(
                    datastore.name(),
                    datastore.type(),
                    "a filter, projection or limit in its reader; read through io.datastores.core.Reads");
        }
        RedisSchema schema = datastore.schema(request.table());
        return new HashReader(allocator, request.table(), schema, request.batchSize());
    }

    private final class HashReader extends ArrowReader {
        private final TableRef table;
        private final RedisSchema schema;
        private final int batchSize;
        private final String prefix;
        private final ScanParams scan;
        private final ArrayDeque<String> pending = new ArrayDeque<>();
        private final Set<String> read = new HashSet<>();
        private final Map<String, Integer> columns = new HashMap<>();
        private String cursor = ScanParams.SCAN_POINTER_START;
        private boolean scanned;
        private long bytes;

        HashReader(BufferAllocator allocator, TableRef table, RedisSchema schema, int batchSize) {
            super(allocator);
            this.table = table;
            this.schema = schema;
            this.batchSize = batchSize;
            RedisTables tables = datastore.tables();
            this.prefix = tables.rowPrefix(table);
            this.scan = new ScanParams()
                    .match(tables.rowPattern(table))
                    .count(datastore.settings().scanCount());
            for (int i = 0; i < schema.columns().size(); i++) {
                columns.put(schema.columns().get(i).getName(), i);
            }
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            prepareLoadNextBatch();
            VectorSchemaRoot root = getVectorSchemaRoot();
            root.allocateNew();
            int rows = 0;
            while (rows < batchSize && (!pending.isEmpty() || !scanned)) {
                if (pending.isEmpty()) {
                    scanPage();
                    continue;
                }
                List<String> keys = new ArrayList<>();
                while (!pending.isEmpty() && keys.size() < batchSize - rows) {
                    keys.add(pending.poll());
                }
                rows = fill(root, rows, keys, hashes(keys));
            }
            root.setRowCount(rows);
            return rows > 0;
        }

        private void scanPage() {
            ScanResult<String> page = datastore.call("Cannot scan " + table, jedis -> jedis.scan(cursor, scan, "hash"));
            for (String key : page.getResult()) {
                if (read.add(key)) {
                    pending.add(key);
                }
            }
            cursor = page.getCursor();
            scanned = cursor.equals(ScanParams.SCAN_POINTER_START);
        }

        private List<Map<String, String>> hashes(List<String> keys) {
            return datastore.call("Cannot read " + table, jedis -> {
                List<Response<Map<String, String>>> replies = new ArrayList<>(keys.size());
                try (AbstractPipeline pipe = jedis.pipelined()) {
                    keys.forEach(key -> replies.add(pipe.hgetAll(key)));
                    pipe.sync();
                }
                return replies.stream().map(Response::get).toList();
            });
        }

        private int fill(VectorSchemaRoot root, int rows, List<String> keys, List<Map<String, String>> hashes) {
            List<String> keyColumns = schema.keyColumns();
            for (int k = 0; k < keys.size(); k++) {
                Map<String, String> hash = hashes.get(k);
                if (hash.isEmpty()) {
                    continue; // Deleted between SCAN and HGETALL.
                }
                String key = keys.get(k);
                for (FieldVector vector : root.getFieldVectors()) {
                    vector.setNull(rows);
                }
                if (!keyColumns.isEmpty()) {
                    List<String> parts = RedisKeys.parts(
                            key.substring(prefix.length()),
                            keyColumns.size(),
                            datastore.settings().separator());
                    if (parts == null) {
                        throw datastore.fail(
                                ErrorCode.INVALID_DATA,
                                "Key '" + key + "' of table '" + table + "' does not have one part per key column "
                                        + keyColumns);
                    }
                    for (int part = 0; part < parts.size(); part++) {
                        set(
                                root.getVector(columns.get(keyColumns.get(part))),
                                rows,
                                key,
                                keyColumns.get(part),
                                parts.get(part));
                    }
                }
                for (Map.Entry<String, String> field : hash.entrySet()) {
                    bytes += field.getKey().length() + field.getValue().length();
                    Integer index = columns.get(field.getKey());
                    if (index == null || keyColumns.contains(field.getKey())) {
                        if (field.getKey().equals(RedisTables.EMPTY_ROW_FIELD)) {
                            continue;
                        }
                        throw datastore.fail(
                                ErrorCode.INVALID_DATA,
                                "Key '"
                                        + key + "' of table '" + table + "' has field '" + field.getKey()
                                        + "', which is not "
                                        + "one of its columns " + columns.keySet()
                                        + (schema.typed()
                                                ? ""
                                                : " (sampled from "
                                                        + datastore.settings().sampleSize()
                                                        + " hashes: raise sample_size or write a schema entry)"));
                    }
                    set(root.getVector(index), rows, key, field.getKey(), field.getValue());
                }
                rows++;
            }
            return rows;
        }

        private void set(FieldVector vector, int row, String key, String column, String text) {
            try {
                RedisTypes.decode(vector, row, text);
            } catch (RuntimeException e) {
                throw datastore
                        .fail(
                                ErrorCode.INVALID_DATA,
                                "Key '" + key
                                        + "' of table '" + table + "': column '" + column + "' of type "
                                        + schema.types().get(columns.get(column)) + " cannot read '" + text + "'")
                        .withCause(e);
            }
        }

        @Override
        public long bytesRead() {
            return bytes;
        }

        @Override
        protected void closeReadSource() {
            pending.clear();
            read.clear();
        }

        @Override
        protected Schema readSchema() {
            return schema.arrow();
        }
    }
}
