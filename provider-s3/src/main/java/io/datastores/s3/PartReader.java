package io.datastores.s3;

import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Decodes one object into Arrow batches, streaming. Not thread-safe; closing releases the connection. */
interface PartReader extends AutoCloseable {

    /** @return the columns this object holds */
    Schema schema();

    /**
     * Fills the next rows into a batch whose columns have this object's types, in order.
     *
     * @param root the batch to fill; its row count is set
     * @param maxRows the most rows to fill (a format that stores batches may give a stored batch whole)
     * @return the rows filled; 0 at the end of the object
     */
    int fill(VectorSchemaRoot root, int maxRows) throws IOException;

    @Override
    void close() throws IOException;
}
