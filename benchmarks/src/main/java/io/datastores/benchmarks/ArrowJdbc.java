package io.datastores.benchmarks;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import com.clickhouse.jdbc.ConnectionImpl;
import java.io.IOException;
import java.nio.channels.Channels;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.adapter.jdbc.ArrowVectorIterator;
import org.apache.arrow.adapter.jdbc.JdbcParameterBinder;
import org.apache.arrow.adapter.jdbc.JdbcToArrow;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfig;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfigBuilder;
import org.apache.arrow.adapter.jdbc.JdbcToArrowUtils;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;

/**
 * The best off-the-shelf Java combination: Apache {@code arrow-jdbc} reads the source into Arrow
 * batches ({@code JdbcToArrow}); the batches go into DuckDB through its Arrow stream import, or
 * into any other database through arrow-jdbc's own {@code JdbcParameterBinder} and
 * {@code executeBatch} (the generic JDBC batch writer) on a connection with the rewrite flag.
 */
final class ArrowJdbc {
    private ArrowJdbc() {}

    static long toJdbc(Connection source, String select, int fetchSize, Connection target, String insert)
            throws SQLException, IOException {
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        long rows = 0;
        try (BufferAllocator allocator = new RootAllocator();
                Statement statement = source.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(fetchSize);
            try (ResultSet rs = statement.executeQuery(select);
                    ArrowVectorIterator batches = JdbcToArrow.sqlToArrowVectorIterator(rs, config(allocator));
                    PreparedStatement insertRow = target.prepareStatement(insert)) {
                while (batches.hasNext()) {
                    try (VectorSchemaRoot root = batches.next()) {
                        JdbcParameterBinder binder = JdbcParameterBinder.builder(insertRow, root)
                                .bindAll()
                                .build();
                        while (binder.next()) {
                            insertRow.addBatch();
                        }
                        insertRow.executeBatch();
                        rows += root.getRowCount();
                    }
                }
            }
            target.commit();
        } finally {
            target.setAutoCommit(autoCommit);
        }
        return rows;
    }

    static long toDuckDb(Connection source, String select, int fetchSize, Connection duckDb, String table)
            throws SQLException, IOException {
        try (BufferAllocator allocator = new RootAllocator();
                Statement statement = source.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(fetchSize);
            try (ResultSet rs = statement.executeQuery(select);
                    ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
                JdbcToArrowConfig config = config(allocator);
                Schema schema = JdbcToArrowUtils.jdbcToArrowSchema(rs.getMetaData(), config);
                ArrowVectorIterator batches = JdbcToArrow.sqlToArrowVectorIterator(rs, config);
                // The stream owns the reader from here and closes it when DuckDB releases the stream.
                Data.exportArrayStream(allocator, new IteratorReader(allocator, batches, schema), stream);
                String view = "arrow_jdbc_source";
                duckDb.unwrap(DuckDBConnection.class).registerArrowStream(view, stream);
                try (Statement insert = duckDb.createStatement()) {
                    return insert.executeUpdate("INSERT INTO " + table + " SELECT * FROM " + view);
                }
            }
        }
    }

    /**
     * client-v2 driven by hand, in the SDK's format: one streamed {@code INSERT … FORMAT ArrowStream}
     * of every arrow-jdbc batch, written straight into the request body.
     */
    static long toClickHouse(Connection source, String select, int fetchSize, Connection clickHouse, String table)
            throws Exception {
        long[] rows = {0};
        try (BufferAllocator allocator = new RootAllocator();
                Statement statement = source.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(fetchSize);
            try (ResultSet rs = statement.executeQuery(select);
                    ArrowVectorIterator batches = JdbcToArrow.sqlToArrowVectorIterator(rs, config(allocator))) {
                Client client = clickHouse.unwrap(ConnectionImpl.class).getClient();
                client.insert(
                                table,
                                out -> {
                                    try (VectorSchemaRoot first = batches.next();
                                            ArrowStreamWriter writer =
                                                    new ArrowStreamWriter(first, null, Channels.newChannel(out))) {
                                        writer.start();
                                        writer.writeBatch();
                                        rows[0] += first.getRowCount();
                                        while (batches.hasNext()) {
                                            try (VectorSchemaRoot next = batches.next();
                                                    ArrowRecordBatch batch =
                                                            new VectorUnloader(next).getRecordBatch()) {
                                                new VectorLoader(first).load(batch);
                                                writer.writeBatch();
                                                rows[0] += next.getRowCount();
                                            }
                                        }
                                        writer.end();
                                    }
                                    out.close();
                                },
                                ClickHouseFormat.ArrowStream,
                                new InsertSettings())
                        .get(1, TimeUnit.HOURS)
                        .close();
            }
        }
        return rows[0];
    }

    private static JdbcToArrowConfig config(BufferAllocator allocator) {
        return new JdbcToArrowConfigBuilder(allocator, JdbcToArrowUtils.getUtcCalendar())
                .setTargetBatchSize(BenchmarkEnvironment.JDBC_BATCH)
                .build();
    }

    /** Presents arrow-jdbc's batches as an ArrowReader, which is what the C stream export takes. */
    private static final class IteratorReader extends ArrowReader {
        private final ArrowVectorIterator batches;
        private final Schema schema;

        IteratorReader(BufferAllocator allocator, ArrowVectorIterator batches, Schema schema) {
            super(allocator);
            this.batches = batches;
            this.schema = schema;
        }

        @Override
        public boolean loadNextBatch() {
            if (!batches.hasNext()) {
                return false;
            }
            try (VectorSchemaRoot next = batches.next();
                    ArrowRecordBatch batch = new VectorUnloader(next).getRecordBatch()) {
                loadRecordBatch(batch);
            }
            return true;
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        protected void closeReadSource() {
            batches.close();
        }

        @Override
        protected Schema readSchema() {
            return schema;
        }
    }
}
