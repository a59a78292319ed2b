package io.datastores.mongodb;

import io.datastores.api.ErrorCode;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Fills Arrow batches from documents as a cursor returns them: memory holds the cursor's current
 * batch and one Arrow batch. A missing field or a BSON null is NULL; a value the column cannot hold
 * fails the read, naming the field, the document's {@code _id} and what to do. Closing it closes the
 * cursor. Not thread-safe, as no ArrowReader is.
 */
final class MongoRowsReader extends ArrowReader {
    private final MongoErrors errors;
    private final MongoTable table;
    private final List<MongoTable.Column> columns;
    private final Iterator<BsonDocument> documents;
    private final AutoCloseable cursor;
    private final int batchSize;
    private final Schema schema;

    MongoRowsReader(
            BufferAllocator allocator,
            MongoErrors errors,
            MongoTable table,
            List<MongoTable.Column> columns,
            Iterator<BsonDocument> documents,
            AutoCloseable cursor,
            int batchSize) {
        super(allocator);
        this.errors = errors;
        this.table = table;
        this.columns = columns;
        this.documents = documents;
        this.cursor = cursor;
        this.batchSize = batchSize;
        this.schema = new Schema(columns.stream()
                .map(c -> MongoTypes.field(c.name(), c.type(), c.nullable()))
                .toList());
    }

    @Override
    public boolean loadNextBatch() throws java.io.IOException {
        VectorSchemaRoot root = getVectorSchemaRoot();
        root.allocateNew();
        List<FieldVector> vectors = root.getFieldVectors();
        int count = 0;
        try {
            while (count < batchSize && documents.hasNext()) {
                BsonDocument document = documents.next();
                for (int c = 0; c < columns.size(); c++) {
                    MongoTable.Column column = columns.get(c);
                    BsonValue value = BsonToArrow.at(document, column.path());
                    if (value == null || value.isNull()) {
                        vectors.get(c).setNull(count);
                    } else {
                        set(vectors.get(c), count, value, column, document);
                    }
                }
                count++;
            }
        } catch (RuntimeException e) {
            throw errors.classify("Reading collection '" + table.ref() + "'", e);
        }
        root.setRowCount(count);
        return count > 0;
    }

    private void set(FieldVector vector, int row, BsonValue value, MongoTable.Column column, BsonDocument document) {
        try {
            BsonToArrow.set(vector, row, value, column.type());
        } catch (IllegalArgumentException | ArithmeticException | ClassCastException e) {
            BsonValue id = document.get("_id");
            throw errors.error(
                    ErrorCode.INVALID_DATA,
                    "Field '" + column.name() + "' of the document with _id "
                            + (id == null ? "(none)" : BsonToArrow.json(id))
                            + " in '" + table.ref() + "' is " + e.getMessage() + " (column type " + column.type() + "; "
                            + (table.recorded()
                                    ? "the document was not written by a copy: fix it, or read the collection through a query"
                                    : "its type differs from the sampled documents': raise sample_size, or set schemaless: true")
                            + ")",
                    e);
        }
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        try {
            cursor.close();
        } catch (Exception e) {
            // The cursor's server side times out by itself; nothing else is held.
        }
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
