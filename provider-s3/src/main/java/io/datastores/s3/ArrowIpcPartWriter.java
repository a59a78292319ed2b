package io.datastores.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/** The Arrow IPC stream format: every type kept exactly, batches as they came. */
final class ArrowIpcPartWriter implements PartWriter {
    private final Schema schema;
    private final OutputStream out;
    private VectorSchemaRoot staging;
    private ArrowStreamWriter writer;

    ArrowIpcPartWriter(Schema schema, OutputStream out) {
        this.schema = schema;
        this.out = out;
    }

    @Override
    public void write(VectorSchemaRoot batch) throws IOException {
        if (writer == null) {
            // The writer needs a root of its own to load each batch into; it shares the batch's allocator.
            BufferAllocator allocator = batch.getFieldVectors().isEmpty()
                    ? null
                    : batch.getFieldVectors().get(0).getAllocator();
            staging = VectorSchemaRoot.create(schema, allocator);
            writer = new ArrowStreamWriter(staging, null, Channels.newChannel(out));
            writer.start();
        }
        try (ArrowRecordBatch records = new VectorUnloader(batch).getRecordBatch()) {
            new VectorLoader(staging).load(records);
        }
        writer.writeBatch();
    }

    @Override
    public void finish() throws IOException {
        if (writer == null) {
            // No batch came: a schema-only stream still tells readers the columns.
            try (org.apache.arrow.memory.RootAllocator allocator = new org.apache.arrow.memory.RootAllocator(0);
                    VectorSchemaRoot empty = VectorSchemaRoot.create(schema, allocator);
                    ArrowStreamWriter schemaOnly = new ArrowStreamWriter(empty, null, Channels.newChannel(out))) {
                schemaOnly.start();
                schemaOnly.end();
            }
            return;
        }
        writer.end();
        staging.close();
    }
}
