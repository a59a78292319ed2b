package io.datastores.jdbc;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.Schema;

/** Arrow helpers for tests: in-memory readers over prepared batches, and batches read back as rows. */
public final class TestingArrow {
    private TestingArrow() {}

    /**
     * @param allocator where the reader's memory comes from
     * @param batches batches of one schema; copied, so the caller still owns and closes them
     * @return a reader yielding the batches in order; the caller closes it
     */
    public static ArrowReader reader(BufferAllocator allocator, VectorSchemaRoot... batches) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (VectorSchemaRoot staging = VectorSchemaRoot.create(batches[0].getSchema(), allocator);
                ArrowStreamWriter writer = new ArrowStreamWriter(staging, null, bytes)) {
            writer.start();
            for (VectorSchemaRoot batch : batches) {
                staging.clear();
                staging.allocateNew();
                for (int i = 0; i < batch.getFieldVectors().size(); i++) {
                    FieldVector from = batch.getVector(i);
                    for (int row = 0; row < batch.getRowCount(); row++) {
                        staging.getVector(i).copyFromSafe(row, row, from);
                    }
                }
                staging.setRowCount(batch.getRowCount());
                writer.writeBatch();
            }
            writer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrowStreamReader(new ByteArrayInputStream(bytes.toByteArray()), allocator);
    }

    /**
     * Writes one batch of rows {@code (id int, value text[, id * 10 int])}, the shape most bulk
     * tests need, keyed on the first field when upserting.
     *
     * @param datastore the target
     * @param allocator where the batch lives while it is written
     * @param schema two or three fields: an int, a text, optionally an int
     * @param table the target table
     * @param mode how to write
     * @param ids the first column
     * @param values the second column; {@code null} elements are NULL
     */
    public static void writeIdValueRows(
            Datastore datastore,
            BufferAllocator allocator,
            Schema schema,
            TableRef table,
            WriteMode mode,
            int[] ids,
            String[] values) {
        try (VectorSchemaRoot root = TestingBatches.idValue(allocator, schema, ids, values)) {
            List<String> key =
                    mode == WriteMode.UPSERT ? List.of(schema.getFields().get(0).getName()) : List.of();
            write(datastore, allocator, root, new WriteRequest(table, mode, key));
        }
    }

    /**
     * Writes one batch.
     *
     * @param datastore the target
     * @param allocator the allocator of the reader the batch is read through
     * @param root the batch; the caller closes it
     * @param request what to write
     */
    public static void write(
            Datastore datastore, BufferAllocator allocator, VectorSchemaRoot root, WriteRequest request) {
        try (ArrowReader source = reader(allocator, root)) {
            datastore.bulkWriter().write(request, source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads every batch and closes the reader.
     *
     * @param reader the reader
     * @return each row as the {@link ArrowValues#object} of each column ({@code null} for NULL,
     *     binary values as hex strings)
     */
    public static List<List<Object>> rows(ArrowReader reader) {
        List<List<Object>> rows = new ArrayList<>();
        try (reader) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int row = 0; row < root.getRowCount(); row++) {
                    List<Object> values = new ArrayList<>();
                    for (FieldVector vector : root.getFieldVectors()) {
                        Object value = vector.isNull(row) ? null : ArrowValues.object(vector, row);
                        // Arrays compare by identity; hex compares by content and prints readably.
                        values.add(
                                value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value);
                    }
                    rows.add(values);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
