package io.datastores.s3;

import io.datastores.api.arrow.CanonicalTypes;
import java.io.IOException;
import java.io.InputStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/** Reads the Arrow IPC stream format; each stored batch is handed on whole. */
final class ArrowIpcPartReader implements PartReader {
    private final ArrowStreamReader in;
    private final Schema schema;

    ArrowIpcPartReader(InputStream stream, BufferAllocator allocator) throws IOException {
        // Arrow finds arrow.uuid and arrow.json by name while it reads the schema.
        CanonicalTypes.register();
        this.in = new ArrowStreamReader(stream, allocator);
        this.schema = in.getVectorSchemaRoot().getSchema();
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public int fill(VectorSchemaRoot root, int maxRows) throws IOException {
        if (!in.loadNextBatch()) {
            return 0;
        }
        try (ArrowRecordBatch records = new VectorUnloader(in.getVectorSchemaRoot()).getRecordBatch()) {
            new VectorLoader(root).load(records);
        }
        return root.getRowCount() == 0 ? fill(root, maxRows) : root.getRowCount();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
