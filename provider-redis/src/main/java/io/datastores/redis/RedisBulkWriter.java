package io.datastores.redis;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.arrow.ArrowText;
import io.datastores.api.bulk.BulkWriter;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.PipeliningBase;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Writes rows as hashes, {@code write_batch_size} rows per pipeline (in {@code MULTI}/{@code EXEC}
 * when {@code transactional}); each row's columns are set ({@code HSET}) and its NULL columns removed
 * ({@code HDEL}, only for rows that have any), so an upsert or a re-sent batch leaves exactly the row sent. Rows are counted only once their batch's
 * replies are in: a failure reports how many were written before it, never a half batch. Overwrite
 * deletes the prefix's keys first, which is not atomic with the writes that follow.
 */
record RedisBulkWriter(RedisDatastore datastore) implements BulkWriter {
    private static final byte[] EMPTY_ROW_FIELD = RedisTables.EMPTY_ROW_FIELD.getBytes(StandardCharsets.UTF_8);

    @Override
    public WriteResult write(WriteRequest request, ArrowReader source) {
        request.refuseBeforeCommit(datastore.name(), datastore.type());
        long start = System.nanoTime();
        RedisSchema schema = schemaFor(request, source);
        List<String> keyColumns = keyColumns(request, schema);
        RedisTables tables = datastore.tables();
        TableRef table = request.table();
        if (request.mode() == WriteMode.OVERWRITE) {
            datastore.call("Cannot clear " + table, jedis -> {
                tables.scan(jedis, tables.rowPattern(table), "hash", page -> {
                    if (!page.isEmpty()) {
                        jedis.unlink(page.toArray(String[]::new));
                    }
                    return true;
                });
                return null;
            });
        }
        long[] counts = new long[3];
        try {
            // Asked before the first load: a reader builds its root (and loader) on this call.
            VectorSchemaRoot root = source.getVectorSchemaRoot();
            while (source.loadNextBatch()) {
                checkColumns(root, schema);
                counts[1]++;
                int batch = datastore.settings().writeBatch();
                for (int from = 0; from < root.getRowCount(); from += batch) {
                    int to = Math.min(root.getRowCount(), from + batch);
                    int first = from;
                    counts[2] += datastore.call(
                            "Cannot write " + table + " after " + counts[0] + " rows were written",
                            jedis -> writeRows(jedis, table, root, schema, first, to));
                    counts[0] += to - from;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WriteResult(counts[0], counts[1], counts[2], (System.nanoTime() - start) / 1_000_000);
    }

    private RedisSchema schemaFor(WriteRequest request, ArrowReader source) {
        try {
            return datastore.schema(request.table());
        } catch (DatastoreException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
        }
        // A write to a missing table creates its schema entry from the batches' own types.
        List<Field> fields;
        try {
            fields = source.getVectorSchemaRoot().getSchema().getFields();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> types = new ArrayList<>();
        for (Field field : fields) {
            types.add(RedisTypes.columnType(field.getType())
                    .orElseThrow(() -> datastore.fail(
                            ErrorCode.UNSUPPORTED,
                            "Column '" + field.getName() + "' of type " + field.getType() + " has no Redis mapping"))
                    .ddl());
        }
        List<String> keys = request.keyColumns();
        RedisSchema schema = RedisSchema.of(
                keys,
                fields.stream().map(Field::getName).toList(),
                types,
                fields.stream()
                        .map(f -> f.isNullable() && !keys.contains(f.getName()))
                        .toList());
        new RedisTableCreator(datastore).create(request.table(), schema);
        return schema;
    }

    private List<String> keyColumns(WriteRequest request, RedisSchema schema) {
        if (request.mode() == WriteMode.UPSERT && !request.keyColumns().equals(schema.keyColumns())) {
            throw datastore.fail(
                    ErrorCode.UNSUPPORTED,
                    "Cannot upsert " + request.table() + " by " + request.keyColumns() + ": its rows are keyed by "
                            + schema.keyColumns());
        }
        return schema.keyColumns();
    }

    private void checkColumns(VectorSchemaRoot root, RedisSchema schema) {
        for (FieldVector vector : root.getFieldVectors()) {
            if (schema.columns().stream().noneMatch(f -> f.getName().equals(vector.getName()))) {
                throw datastore.fail(
                        ErrorCode.INVALID_DATA, "Column '" + vector.getName() + "' is not in the table's schema entry");
            }
        }
    }

    /** @return the bytes sent; every reply checked, so a failed command fails the batch */
    private long writeRows(
            UnifiedJedis jedis, TableRef table, VectorSchemaRoot root, RedisSchema schema, int from, int to) {
        List<String> keyColumns = schema.keyColumns();
        RedisTables tables = datastore.tables();
        String prefix = tables.rowPrefix(table);
        long generated = keyColumns.isEmpty() ? jedis.incrBy(tables.sequenceKey(table), to - from) - (to - from) : 0;
        List<FieldVector> keys = keyColumns.stream().map(root::getVector).toList();
        if (keys.contains(null)) {
            throw datastore.fail(
                    ErrorCode.INVALID_DATA, "The rows written to " + table + " lack a key column of " + keyColumns);
        }
        long ttl = datastore.settings().ttlSeconds();
        // The row keys are checked (no NULL key part) before the first command is queued, so bad data never
        // leaves a half batch sent; the values, which always have a text, are encoded as the commands go out,
        // so the server works through the first rows while the last are encoded.
        List<byte[]> rowKeys = new ArrayList<>(to - from);
        for (int row = from; row < to; row++) {
            rowKeys.add(utf8(prefix + (keys.isEmpty() ? Long.toString(++generated) : suffix(keys, row, keyColumns))));
        }
        List<FieldVector> values = new ArrayList<>();
        List<byte[]> valueColumns = new ArrayList<>();
        for (Field column : schema.columns()) {
            if (!keyColumns.contains(column.getName())) {
                values.add(root.getVector(column.getName()));
                valueColumns.add(utf8(column.getName()));
            }
        }
        long bytes = 0;
        List<Response<Long>> replies = new ArrayList<>(to - from);
        boolean transactional = datastore.settings().transactional();
        PipeliningBase pipe = transactional ? jedis.multi() : jedis.pipelined();
        try {
            for (int row = from; row < to; row++) {
                byte[] rowKey = rowKeys.get(row - from);
                // Byte arguments: a Map per row, which Jedis then walks and encodes, cost more than the rest of
                // the write (profiled, PostgreSQL -> Redis).
                CommandArguments hset = new CommandArguments(Protocol.Command.HSET).key(rowKey);
                List<byte[]> absent = new ArrayList<>();
                for (int v = 0; v < values.size(); v++) {
                    FieldVector vector = values.get(v);
                    byte[] name = valueColumns.get(v);
                    if (vector == null || vector.isNull(row)) {
                        absent.add(name);
                    } else {
                        byte[] value = vector instanceof VarCharVector text
                                ? text.get(row)
                                : utf8(ArrowText.text(vector, row));
                        hset.add(name).add(value);
                        bytes += name.length + value.length;
                    }
                }
                if (absent.size() == values.size()) {
                    hset.add(EMPTY_ROW_FIELD).add(new byte[0]);
                }
                bytes += rowKey.length;
                replies.add(pipe.executeCommand(new CommandObject<>(hset, BuilderFactory.LONG)));
                if (!absent.isEmpty()) {
                    pipe.hdel(rowKey, absent.toArray(byte[][]::new));
                }
                if (ttl > 0) {
                    pipe.expire(rowKey, ttl);
                }
            }
            if (pipe instanceof AbstractTransaction transaction) {
                transaction.exec();
            } else {
                ((AbstractPipeline) pipe).sync();
            }
        } finally {
            close(pipe);
        }
        replies.forEach(Response::get);
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String suffix(List<FieldVector> keys, int row, List<String> keyColumns) {
        List<String> parts = new ArrayList<>(keys.size());
        for (FieldVector key : keys) {
            if (key.isNull(row)) {
                throw datastore.fail(
                        ErrorCode.INVALID_DATA,
                        "Row " + row + " of the batch has a NULL in key column '" + key.getName() + "' of "
                                + keyColumns);
            }
            parts.add(ArrowText.text(key, row));
        }
        return RedisKeys.suffix(parts, datastore.settings().separator());
    }

    private static void close(PipeliningBase pipe) {
        try {
            ((java.io.Closeable) pipe).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
