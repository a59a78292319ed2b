package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.DataType;
import io.datastores.api.ErrorCode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The rows of one or more scans, run one after the other, as batches of at most {@code batchSize}
 * rows. A scan runs when the previous one is exhausted; the driver fetches its pages as the rows
 * are consumed, so at most one page of each scan is held. Not thread-safe, like every ArrowReader.
 */
final class CqlRowsReader extends ArrowReader {
    private static final int MAX_PAGE = 5_000;

    private final CqlSession session;
    private final CassandraErrors errors;
    private final CassandraSettings settings;
    private final Schema schema;
    private final List<DataType> types;
    private final List<CassandraBulkReader.Scan> scans;
    private final int batchSize;
    private int next;
    private Iterator<Row> rows;

    CqlRowsReader(
            BufferAllocator allocator,
            CqlSession session,
            CassandraErrors errors,
            CassandraSettings settings,
            List<Field> fields,
            List<DataType> types,
            List<CassandraBulkReader.Scan> scans,
            int batchSize) {
        super(allocator);
        this.session = session;
        this.errors = errors;
        this.settings = settings;
        this.schema = new Schema(fields);
        this.types = types;
        this.scans = scans;
        this.batchSize = batchSize;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        VectorSchemaRoot root = getVectorSchemaRoot();
        List<FieldVector> vectors = root.getFieldVectors();
        int count = 0;
        try {
            while (count < batchSize && nextRows()) {
                Row row = rows.next();
                for (int c = 0; c < vectors.size(); c++) {
                    CqlToArrow.set(vectors.get(c), count, row, c, types.get(c));
                }
                count++;
            }
        } catch (ArithmeticException e) {
            throw errors.error(
                    ErrorCode.INVALID_DATA, "A decimal has more digits than its recorded scale: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw errors.classify("Reading rows", e);
        }
        root.setRowCount(count);
        return count > 0;
    }

    /** @return whether a row is waiting, starting the next scan when the current one is exhausted */
    private boolean nextRows() {
        while (rows == null || !rows.hasNext()) {
            if (next == scans.size()) {
                return false;
            }
            CassandraBulkReader.Scan scan = scans.get(next++);
            BoundStatementBuilder statement = scan.statement()
                    .boundStatementBuilder()
                    .setPageSize(Math.min(batchSize, MAX_PAGE))
                    .setConsistencyLevel(CassandraDatastore.level(settings.readConsistency()));
            try {
                CassandraBulkReader.bind(statement, scan);
            } catch (IllegalArgumentException e) {
                throw errors.error(
                        ErrorCode.INVALID_DATA, "A read's filter value does not fit its column: " + e.getMessage(), e);
            }
            rows = session.execute(statement.build()).iterator();
        }
        return true;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        rows = null;
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
