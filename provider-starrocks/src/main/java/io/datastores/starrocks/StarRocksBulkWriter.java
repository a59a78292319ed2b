package io.datastores.starrocks;

import io.datastores.api.ColumnInfo;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableInfo;
import io.datastores.api.bulk.BulkWriter;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.jdbc.JdbcDatastore;
import io.datastores.jdbc.ServerAddress;
import io.datastores.jdbc.WriteTarget;
import io.datastores.jdbc.mysql.ArrowTextEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes Arrow batches with Stream Load: rows are encoded as JSON into batches of about
 * {@link StreamLoadOptions#batchBytes()} (memory holds one batch, never the table), each sent as
 * one PUT. With {@link StreamLoadOptions#atomic()} every batch goes into one transaction of the
 * Stream Load transaction interface, committed at the end and rolled back on any failure;
 * otherwise each batch is its own load whose label ({@code <transferId>_<batch>}) makes a retry
 * idempotent: a label StarRocks already knows is settled through {@code get_load_state}, and a
 * load whose outcome stays unknown fails rather than risk loading twice. Rows StarRocks filters
 * fail the write with its error log unless the options allow them. OVERWRITE truncates first
 * (not atomic with the load); UPSERT needs a PRIMARY KEY table keyed on the request's key columns,
 * since that table model is what upserts in StarRocks. Thread-safe.
 */
final class StarRocksBulkWriter implements BulkWriter, StarRocksStreamLoad {
    static final int DEFAULT_HTTP_PORT = 8030;
    static final String HTTP_PORT = "http_port";
    private static final long DEFAULT_BATCH_BYTES = 64L << 20;

    private final JdbcDatastore datastore;
    private final StreamLoadHttp http;

    StarRocksBulkWriter(JdbcDatastore datastore) {
        this.datastore = datastore;
        DatastoreConfig config = datastore.config();
        ServerAddress fe = ServerAddress.of(config, StarRocksDialect.DEFAULT_PORT);
        Duration connectTimeout = config.pool().connectTimeout();
        this.http = new StreamLoadHttp(
                datastore.name(),
                fe.host(),
                config.intValue(HTTP_PORT, DEFAULT_HTTP_PORT),
                config.value("user", "root"),
                config.value("password", ""),
                connectTimeout,
                Duration.ofSeconds(config.intValue("load_timeout", 600) + 60L));
    }

    @Override
    public StreamLoadOptions defaults() {
        DatastoreConfig config = datastore.config();
        int timeout = config.intValue("load_timeout", 0);
        return new StreamLoadOptions(
                newTransferId(),
                Double.parseDouble(config.value("load_max_filter_ratio", "0")),
                Boolean.parseBoolean(config.value("load_strict_mode", "true")),
                timeout > 0 ? Duration.ofSeconds(timeout) : null,
                Boolean.parseBoolean(config.value("load_allow_filtered_rows", "false")),
                Boolean.parseBoolean(config.value("load_atomic", "true")),
                Long.parseLong(config.value("load_batch_bytes", String.valueOf(DEFAULT_BATCH_BYTES))));
    }

    @Override
    public WriteResult write(WriteRequest request, ArrowReader source) {
        return write(request, source, optionsFor(request));
    }

    /**
     * The configured options, labelled by the request's write id when it has one (a Spark task's, the
     * same for every attempt of its partition), else by a fresh transfer id.
     */
    StreamLoadOptions optionsFor(WriteRequest request) {
        StreamLoadOptions defaults = defaults();
        return request.writeId() == null ? defaults : defaults.withTransferId(request.writeId());
    }

    @Override
    public WriteResult write(WriteRequest request, ArrowReader source, StreamLoadOptions options) {
        request.refuseBeforeCommit(datastore.name(), datastore.type());
        long started = System.nanoTime();
        WriteTarget target = WriteTarget.of(datastore, datastore.describe(request.table()), request, source);
        Schema schema = target.schema();
        List<ColumnInfo> columns = target.columns();
        refuseBinary(schema);
        boolean partial = false;
        if (request.mode() == WriteMode.UPSERT) {
            requirePrimaryKey(target.table(), request.keyColumns());
            partial = columns.size() < target.table().columns().size();
        }
        String database = database(request);
        if (request.mode() == WriteMode.OVERWRITE) {
            datastore.execute("TRUNCATE TABLE " + datastore.qualify(request.table()));
        }
        String columnList = columns.stream().map(c -> datastore.quote(c.name())).collect(Collectors.joining(","));
        StreamLoadJob job = new StreamLoadJob(
                datastore.name(), http, database, request.table().name(), columnList, partial, options);
        ArrowTextEncoder encoder = new ArrowTextEncoder(null, schema.getFields(), ArrowTextEncoder.Layout.JSON);
        try {
            job.run(encoder, source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        WriteResult written = encoder.written();
        return new WriteResult(
                written.rows(), written.batches(), written.bytes(), (System.nanoTime() - started) / 1_000_000);
    }

    private void refuseBinary(Schema schema) {
        for (Field field : schema.getFields()) {
            if (field.getType() instanceof ArrowType.Binary
                    || field.getType() instanceof ArrowType.LargeBinary
                    || field.getType() instanceof ArrowType.FixedSizeBinary) {
                throw DatastoreException.of(
                        ErrorCode.UNSUPPORTED,
                        datastore.name(),
                        datastore.type(),
                        "Column '"
                                + field.getName()
                                + "' is binary, which Stream Load's JSON cannot carry; leave it out or "
                                + "write it through SQL");
            }
        }
    }

    private void requirePrimaryKey(TableInfo table, List<String> keys) {
        if (!new HashSet<>(table.primaryKey()).equals(new HashSet<>(keys))) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_DATA,
                    datastore.name(),
                    datastore.type(),
                    "StarRocks "
                            + "upserts only into a PRIMARY KEY table keyed on the upsert key; '" + table.table()
                            + "' has key "
                            + table.primaryKey() + ", the upsert asks for " + keys);
        }
    }

    private String database(WriteRequest request) {
        if (request.table().schema() != null) {
            return request.table().schema();
        }
        return datastore
                .config()
                .value("database")
                .orElseThrow(() -> DatastoreException.of(
                        ErrorCode.INVALID_CONFIG,
                        datastore.name(),
                        datastore.type(),
                        "Stream Load needs a database: set " + "connection.database or name the table's schema"));
    }

    private static String newTransferId() {
        return "datastores_" + UUID.randomUUID().toString().replace("-", "");
    }
}
