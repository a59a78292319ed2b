package io.datastores.duckdb;

import io.datastores.api.bulk.WriteResult;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Hands out another reader's batches and, when closed, runs a given action instead of the other
 * reader's own close. Two uses: a bulk read returns DuckDB's stream wrapped so that closing it also
 * releases the result set and the pooled connection behind it; a bulk write exports the caller's
 * reader wrapped so that releasing the exported C stream does not close what the caller owns.
 * Not thread-safe, like every {@link ArrowReader}.
 */
final class ForwardingArrowReader extends ArrowReader {
    private final ArrowReader delegate;
    private final String name =
            "datastores_arrow_" + UUID.randomUUID().toString().replace("-", "");
    private final OnClose onClose;
    private long batches;
    private long batchBytes;
    private IOException sourceFailure;
    private RuntimeException sourceError;

    /** What closing the reader does. */
    @FunctionalInterface
    interface OnClose {
        void close() throws IOException;
    }

    ForwardingArrowReader(ArrowReader delegate, BufferAllocator allocator, OnClose onClose) {
        super(allocator);
        this.delegate = delegate;
        this.onClose = onClose;
    }

    @Override
    public VectorSchemaRoot getVectorSchemaRoot() throws IOException {
        return delegate.getVectorSchemaRoot();
    }

    @Override
    public Map<Long, Dictionary> getDictionaryVectors() throws IOException {
        return delegate.getDictionaryVectors();
    }

    @Override
    public Dictionary lookup(long id) {
        return delegate.lookup(id);
    }

    @Override
    public Set<Long> getDictionaryIds() {
        return delegate.getDictionaryIds();
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        boolean loaded;
        try {
            loaded = delegate.loadNextBatch();
        } catch (IOException e) {
            sourceFailure = e;
            throw e;
        } catch (RuntimeException e) {
            // Remembered because a native consumer (DuckDB's Arrow scan) keeps only the message.
            sourceError = e;
            throw e;
        }
        if (loaded) {
            batches++;
            for (FieldVector vector : delegate.getVectorSchemaRoot().getFieldVectors()) {
                batchBytes += vector.getBufferSize();
            }
        }
        return loaded;
    }

    /** The delegate's bytes: this reader reads nothing itself. */
    @Override
    public long bytesRead() {
        return delegate.bytesRead();
    }

    /** @return a name no other reader has, for the view a bulk write registers this reader under */
    String name() {
        return name;
    }

    /**
     * @param rows the rows the consumer says it wrote
     * @return those rows with the batches loaded so far and their Arrow buffer bytes (no time)
     */
    WriteResult written(long rows) {
        return new WriteResult(rows, batches, batchBytes, 0);
    }

    /**
     * Rethrows what the delegate threw while loading a batch, if it threw anything, so that a
     * consumer that saw only an error code can report the original failure.
     *
     * @throws IOException the delegate's I/O failure
     */
    void rethrowSourceFailure() throws IOException {
        if (sourceError != null) {
            throw sourceError;
        }
        if (sourceFailure != null) {
            throw sourceFailure;
        }
    }

    @Override
    protected void closeReadSource() throws IOException {
        onClose.close();
    }

    @Override
    protected Schema readSchema() throws IOException {
        return delegate.getVectorSchemaRoot().getSchema();
    }
}
