package io.datastores.benchmarks.providers;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.metadata.TableSchema;
import com.clickhouse.data.ClickHouseFormat;
import com.clickhouse.jdbc.ConnectionImpl;
import io.datastores.api.Datastore;
import io.datastores.jdbc.ArrowValues;
import io.datastores.jdbc.JdbcDatastore;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/**
 * client-v2 driven by hand, one INSERT per Arrow batch as the provider does, in either format: the
 * batch re-encoded as an Arrow IPC stream, or as RowBinary through client-v2's own
 * {@link RowBinaryFormatWriter}. Decides which format the provider writes.
 */
final class ClickHouseByHand {
    private ClickHouseByHand() {}

    static long arrowStream(Datastore datastore, String table, ArrowReader source) throws Exception {
        return each(datastore, table, source, (client, root) -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(body))) {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
            client.insert(table, new java.io.ByteArrayInputStream(body.toByteArray()), ClickHouseFormat.ArrowStream)
                    .get(1, TimeUnit.HOURS)
                    .close();
        });
    }

    static long rowBinary(Datastore datastore, String table, ArrowReader source) throws Exception {
        return each(datastore, table, source, (client, root) -> {
            TableSchema schema = client.getTableSchema(table);
            List<FieldVector> vectors = root.getFieldVectors();
            client.insert(
                            table,
                            out -> {
                                RowBinaryFormatWriter writer =
                                        new RowBinaryFormatWriter(out, schema, ClickHouseFormat.RowBinary);
                                for (int row = 0; row < root.getRowCount(); row++) {
                                    for (int column = 0; column < vectors.size(); column++) {
                                        writer.setValue(column + 1, ArrowValues.object(vectors.get(column), row));
                                    }
                                    writer.commitRow();
                                }
                                out.close();
                            },
                            ClickHouseFormat.RowBinary,
                            new InsertSettings())
                    .get(1, TimeUnit.HOURS)
                    .close();
        });
    }

    private interface BatchInsert {
        void insert(Client client, VectorSchemaRoot root) throws Exception;
    }

    private static long each(Datastore datastore, String table, ArrowReader source, BatchInsert insert)
            throws Exception {
        long rows = 0;
        try (source;
                Connection connection = ((JdbcDatastore) datastore).borrow("benchmark")) {
            Client client = connection.unwrap(ConnectionImpl.class).getClient();
            while (source.loadNextBatch()) {
                VectorSchemaRoot root = source.getVectorSchemaRoot();
                insert.insert(client, root);
                rows += root.getRowCount();
            }
        }
        return rows;
    }
}
