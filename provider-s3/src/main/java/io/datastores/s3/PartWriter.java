package io.datastores.s3;

import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Encodes Arrow batches into one object's bytes in one format. Not thread-safe. */
interface PartWriter {

    /** Encodes every row of the batch. */
    void write(VectorSchemaRoot batch) throws IOException;

    /** Writes what the format keeps for the end (Parquet's footer); the stream stays open. */
    void finish() throws IOException;
}
