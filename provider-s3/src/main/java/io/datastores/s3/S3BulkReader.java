package io.datastores.s3;

import io.datastores.api.Capability;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.BulkReader;
import io.datastores.api.bulk.PartitionedRead;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.spi.DatastoreConfig;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Streams a table's parts, one after the other in key order, as batches of the merged schema.
 * One part is open at a time; memory is one batch plus what the format reads ahead (a Parquet
 * row group's compressed pages). Queries are refused: S3 has no SQL. Nothing of a structured read
 * is pushed down; a table splits by its part objects ({@link PartPartitions}).
 */
final class S3BulkReader implements BulkReader {
    private final DatastoreConfig config;
    private final S3Settings settings;
    private final Supplier<ObjectStore> store;

    S3BulkReader(DatastoreConfig config, S3Settings settings, Supplier<ObjectStore> store) {
        this.config = config;
        this.settings = settings;
        this.store = store;
    }

    @Override
    public ArrowReader read(ReadRequest request, BufferAllocator allocator) {
        if (request.table() == null) {
            throw DatastoreException.unsupported(config.name(), config.type(), Capability.SQL);
        }
        if (request.filter() != null || !request.columns().isEmpty() || request.limit() != null) {
            // Nothing is pushed down (see pushdown()); io.datastores.core.Reads does these on the batches.
            throw DatastoreException.unsupported(
                    config.name(),
                    config.type(),
                    "a filter, projection or limit in its reader; read through io.datastores.core.Reads");
        }
        ObjectStore objects = store.get();
        Tables tables = new Tables(objects, settings);
        List<S3Object> parts = tables.existingParts(request.table());
        // Every partition has the schema of the whole table, so their batches can be combined.
        Schema schema = tables.schema(request.table(), parts);
        List<S3Object> read = request.partition() == null ? parts : PartPartitions.of(config, request, parts);
        return new PartsReader(allocator, objects, request.table(), read, schema, request.batchSize());
    }

    @Override
    public PartitionedRead partition(ReadRequest request, int count) {
        if (request.table() == null || count <= 1) {
            return PartitionedRead.single(request);
        }
        return PartPartitions.split(request, new Tables(store.get(), settings).existingParts(request.table()), count);
    }

    private final class PartsReader extends ArrowReader {
        private final ObjectStore objects;
        private final TableRef table;
        private final List<S3Object> parts;
        private final Schema schema;
        private final int batchSize;
        private int next;
        private PartReader current;
        private long bytes;

        PartsReader(
                BufferAllocator allocator,
                ObjectStore objects,
                TableRef table,
                List<S3Object> parts,
                Schema schema,
                int batchSize) {
            super(allocator);
            this.objects = objects;
            this.table = table;
            this.parts = parts;
            this.schema = schema;
            this.batchSize = batchSize;
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            prepareLoadNextBatch();
            while (true) {
                if (current == null) {
                    if (next == parts.size()) {
                        getVectorSchemaRoot().setRowCount(0);
                        return false;
                    }
                    S3Object part = parts.get(next++);
                    current = open(part);
                    bytes += part.size();
                }
                int rows = fill();
                if (rows > 0) {
                    return true;
                }
                current.close();
                current = null;
            }
        }

        private PartReader open(S3Object part) throws IOException {
            try {
                return Format.ofObject(part.key()).orElseThrow().reader(objects, part.key(), part.size(), allocator);
            } catch (IllegalArgumentException e) {
                throw objects.errors()
                        .error(
                                ErrorCode.INVALID_DATA,
                                "Cannot read " + part.key() + " of table '" + table + "': " + e.getMessage(),
                                e);
            }
        }

        private int fill() throws IOException {
            try {
                return current.fill(getVectorSchemaRoot(), batchSize);
            } catch (IOException e) {
                throw objects.errors()
                        .error(
                                ErrorCode.INVALID_DATA,
                                "Cannot read table '" + table + "' from " + settings.location() + ": " + e.getMessage(),
                                e);
            }
        }

        @Override
        public long bytesRead() {
            return bytes;
        }

        @Override
        protected void closeReadSource() throws IOException {
            if (current != null) {
                current.close();
                current = null;
            }
        }

        @Override
        protected Schema readSchema() {
            return schema;
        }
    }
}
