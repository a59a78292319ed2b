package io.datastores.core.internal;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.bulk.Predicate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Does on the Arrow batches what a datastore's reader left undone of a structured read: keeps the
 * rows the residual filter selects, the requested columns in their order, and at most the limit.
 * Batches with no selected row are skipped; once the limit is reached the source is read no further.
 * Whole batches that pass move by buffer transfer, others are copied row by row.
 */
public final class ResidualReader extends ArrowReader {
    private final ArrowReader source;
    private final RowFilter filter;
    private final List<String> columns;
    private final String datastore;
    private final String type;
    private long left;

    /**
     * @param source the reader's stream; closed with this one
     * @param allocator where this reader's batches are accounted
     * @param residual the rows to keep, or {@code null} for all
     * @param columns the columns to keep, in order; empty for all
     * @param limit the most rows, or {@code null} for no limit
     * @param datastore the datastore read, for messages
     * @param type its type, for messages
     */
    public ResidualReader(
            ArrowReader source,
            BufferAllocator allocator,
            Predicate residual,
            List<String> columns,
            Long limit,
            String datastore,
            String type) {
        super(allocator);
        this.source = source;
        this.filter = residual == null ? null : new RowFilter(residual, datastore, type);
        this.columns = columns;
        this.datastore = datastore;
        this.type = type;
        this.left = limit == null ? Long.MAX_VALUE : limit;
    }

    @Override
    protected Schema readSchema() throws IOException {
        Schema schema = source.getVectorSchemaRoot().getSchema();
        if (columns.isEmpty()) {
            return schema;
        }
        List<Field> fields = new ArrayList<>();
        for (String column : columns) {
            fields.add(field(schema, column));
        }
        return new Schema(fields, schema.getCustomMetadata());
    }

    private Field field(Schema schema, String column) {
        for (Field field : schema.getFields()) {
            if (field.getName().equals(column)) {
                return field;
            }
        }
        throw DatastoreException.of(
                ErrorCode.NOT_FOUND,
                datastore,
                type,
                "The read asks for column '" + column
                        + "', which the source does not have (names are case-sensitive); columns: "
                        + schema.getFields().stream().map(Field::getName).toList());
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        VectorSchemaRoot out = getVectorSchemaRoot();
        while (left > 0 && source.loadNextBatch()) {
            VectorSchemaRoot in = source.getVectorSchemaRoot();
            int rows = in.getRowCount();
            boolean[] selected = filter == null ? null : filter.select(in);
            int kept = 0;
            for (int row = 0; row < rows && kept < left; row++) {
                kept += selected == null || selected[row] ? 1 : 0;
            }
            if (kept == 0) {
                continue;
            }
            boolean whole = kept == rows;
            for (FieldVector target : out.getFieldVectors()) {
                FieldVector from = in.getVector(target.getName());
                if (whole) {
                    from.makeTransferPair(target).transfer();
                } else {
                    copy(from, target, selected, kept);
                }
            }
            out.setRowCount(kept);
            left -= kept;
            return true;
        }
        out.setRowCount(0);
        return false;
    }

    private static void copy(FieldVector from, FieldVector target, boolean[] selected, int kept) {
        target.clear();
        target.setInitialCapacity(kept);
        target.allocateNew();
        int at = 0;
        for (int row = 0; at < kept; row++) {
            if (selected == null || selected[row]) {
                target.copyFromSafe(row, at++, from);
            }
        }
        target.setValueCount(kept);
    }

    @Override
    public long bytesRead() {
        return source.bytesRead();
    }

    @Override
    protected void closeReadSource() throws IOException {
        source.close();
    }
}
