package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.DataTypes;
import io.datastores.api.ErrorCode;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.spi.BaseBulkWriter;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Writes Arrow batches as prepared {@code INSERT}s run asynchronously, at most
 * {@code max_in_flight} at once; each result is awaited and counted, and the first failure stops
 * the write once those in flight have finished. A NULL is left unset, so it writes no tombstone.
 *
 * <p>Every INSERT is an upsert by the primary key, so APPEND and UPSERT both write rows by key, and a
 * write that failed half way converges when run again: the rows it stored are overwritten with the
 * same values. OVERWRITE truncates the table first (not atomic: a failure after that leaves the table
 * with the rows stored so far). There is no transaction, so statements before commit are refused.
 */
final class CassandraBulkWriter extends BaseBulkWriter<CassandraErrors> {
    private final CassandraSettings settings;
    private final Supplier<CqlSession> session;
    private final CassandraSchema schema;

    CassandraBulkWriter(
            CassandraSettings settings, CassandraErrors errors, Supplier<CqlSession> session, CassandraSchema schema) {
        super(errors);
        this.settings = settings;
        this.session = session;
        this.schema = schema;
    }

    @Override
    protected Load prepare(WriteRequest request) {
        CassandraSchema.Table table = schema.table(request.table());
        String target = "table '" + table.ref() + "'";
        requireUpsertKey(request, target, "its primary key", table.primaryKey());
        return new Load(
                target,
                (source, progress) -> load(request, table, source, progress),
                stored -> " (" + stored + " rows were stored before the failure; each INSERT is an upsert, so running "
                        + "the write again converges)");
    }

    private void load(WriteRequest request, CassandraSchema.Table table, ArrowReader source, Progress progress)
            throws Exception {
        CqlSession current = session.get();
        List<Field> fields = source.getVectorSchemaRoot().getSchema().getFields();
        PreparedStatement insert = current.prepare(insert(table, fields));
        List<DataType> types = new ArrayList<>();
        fields.forEach(f -> types.add(table.column(f.getName()).getType()));
        // Looked up once, not per cell: the bind loop runs for every value of the write.
        boolean[] keys = new boolean[fields.size()];
        for (int c = 0; c < keys.length; c++) {
            keys[c] = table.primaryKey().contains(fields.get(c).getName());
        }
        ConsistencyLevel consistency = CassandraDatastore.level(settings.writeConsistency());
        if (request.mode() == WriteMode.OVERWRITE) {
            current.execute(SimpleStatement.newInstance("TRUNCATE " + table.qualified()));
        }
        Semaphore inFlight = new Semaphore(settings.maxInFlight());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            while (failure.get() == null && source.loadNextBatch()) {
                VectorSchemaRoot root = source.getVectorSchemaRoot();
                progress.batch();
                for (int row = 0; row < root.getRowCount() && failure.get() == null; row++) {
                    BoundStatementBuilder statement = bind(
                            insert.boundStatementBuilder().setConsistencyLevel(consistency),
                            root,
                            types,
                            keys,
                            table,
                            row);
                    inFlight.acquire();
                    if (failure.get() != null) {
                        // The permit may come from the insert that failed: send nothing after a failure.
                        inFlight.release();
                        break;
                    }
                    current.executeAsync(statement.build()).whenComplete((result, error) -> {
                        if (error == null) {
                            progress.stored(1);
                        } else {
                            failure.compareAndSet(null, error);
                        }
                        inFlight.release();
                    });
                }
            }
        } finally {
            // Every insert sent is awaited, failed or not, so the count of rows stored is exact.
            inFlight.acquireUninterruptibly(settings.maxInFlight());
        }
        Throwable failed = failure.get();
        if (failed instanceof Error error) {
            throw error;
        }
        if (failed != null) {
            throw (Exception) failed;
        }
    }

    private String insert(CassandraSchema.Table table, List<Field> fields) {
        List<String> columns = new ArrayList<>();
        for (Field field : fields) {
            ColumnMetadata column = table.column(field.getName());
            if (column == null) {
                throw errors.error(
                        ErrorCode.NOT_FOUND, "Table '" + table.ref() + "' has no column '" + field.getName() + "'");
            }
            columns.add(CqlIdentifier.fromInternal(field.getName()).asCql(false));
        }
        requireKeyColumns("table '" + table.ref() + "'", table.primaryKey(), fields);
        return "INSERT INTO " + table.qualified() + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
    }

    /**
     * Binds the commonest cells straight from their vectors, where the general path would make a Java
     * object of each first (profiled: decoding every text cell into a {@code String} that the driver
     * then encodes again was the largest part of the writer's own work). A text cell's UTF-8 bytes are
     * CQL text's serialized form as they are; the server still checks that they are UTF-8.
     *
     * @return whether the cell was bound; otherwise it takes the general path
     */
    private static boolean direct(
            BoundStatementBuilder statement, int index, DataType type, FieldVector vector, int row) {
        if (vector instanceof VarCharVector text && type.equals(DataTypes.TEXT)) {
            statement.setBytesUnsafe(index, ByteBuffer.wrap(text.get(row)));
        } else if (vector instanceof BigIntVector longs && type.equals(DataTypes.BIGINT)) {
            statement.setLong(index, longs.get(row));
        } else if (vector instanceof IntVector ints && type.equals(DataTypes.INT)) {
            statement.setInt(index, ints.get(row));
        } else if (vector instanceof DateDayVector days && type.equals(DataTypes.DATE)) {
            statement.setLocalDate(index, LocalDate.ofEpochDay(days.get(row)));
        } else {
            return false;
        }
        return true;
    }

    private BoundStatementBuilder bind(
            BoundStatementBuilder statement,
            VectorSchemaRoot root,
            List<DataType> types,
            boolean[] keys,
            CassandraSchema.Table table,
            int row) {
        List<FieldVector> vectors = root.getFieldVectors();
        for (int c = 0; c < vectors.size(); c++) {
            FieldVector vector = vectors.get(c);
            if (vector.isNull(row)) {
                if (keys[c]) {
                    throw errors.error(
                            ErrorCode.INTEGRITY,
                            "Key column '" + vector.getName() + "' of table '" + table.ref()
                                    + "' is NULL in a row to write");
                }
                // Left unset: no tombstone.
                continue;
            }
            if (direct(statement, c, types.get(c), vector, row)) {
                continue;
            }
            try {
                CqlValues.bind(statement, c, types.get(c), ArrowToCql.value(vector, row));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw errors.error(ErrorCode.INVALID_DATA, "Column '" + vector.getName() + "': " + e.getMessage(), e);
            }
        }
        return statement;
    }
}
