package io.datastores.sqlhttp;

import io.datastores.api.Capability;
import io.datastores.api.ColumnInfo;
import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.QueryResult;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.BulkReader;
import io.datastores.api.bulk.BulkWriter;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.spi.ConfiguredDatastore;
import io.datastores.api.spi.DatastoreConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One SQLite database behind an HTTP API. Connecting builds the HTTP client and runs
 * {@code SELECT 1}, so a refused token fails there; every statement after that is one request.
 * There is no pool: the JDK client keeps its own HTTP connections. Thread-safe: the transport is
 * immutable once connected, and {@code connect}/{@code close} are synchronized.
 */
final class SqlHttpDatastore extends ConfiguredDatastore {
    private static final String TABLES_SQL = "SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view')"
            + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'"
            + " AND name NOT LIKE 'libsql\\_%' ESCAPE '\\' ORDER BY name";
    /** How long a statement waits for another writer's lock, as the embedded provider's busy_timeout. */
    private static final long BUSY_TIMEOUT_NANOS = 5_000_000_000L;

    private final Service service;
    private volatile Transport transport;
    private volatile Instant connectedAt;

    SqlHttpDatastore(DatastoreConfig config, Service service) {
        super(config, service.capabilities);
        this.service = service;
    }

    @Override
    public void connect() {
        transport();
    }

    /** @return the connected transport, connecting first when needed */
    Transport transport() {
        Transport current = transport;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (transport == null) {
                Transport opened = service.open(config());
                opened.run(Transport.Statement.of("SELECT 1"));
                connectedAt = Instant.now();
                transport = opened;
            }
            return transport;
        }
    }

    @Override
    public boolean isConnected() {
        return transport != null;
    }

    @Override
    public synchronized void close() {
        transport = null;
        connectedAt = null;
    }

    @Override
    public QueryResult query(String sql, Object... params) {
        long start = System.nanoTime();
        Transport.Result result = run(sql, params);
        List<Map<String, Object>> rows = new ArrayList<>(result.rows().size());
        for (Object[] values : result.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                row.put(result.columns().get(i), values[i]);
            }
            rows.add(row);
        }
        return new QueryResult(result.columns(), rows, rows.size(), (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public long execute(String sql, Object... params) {
        return run(sql, params).changes();
    }

    private Transport.Result run(String sql, Object... params) {
        Object[] values = Arrays.stream(params).map(SqlValues::bindable).toArray();
        Transport.Statement statement = new Transport.Statement(sql, Arrays.asList(values));
        long deadline = System.nanoTime() + BUSY_TIMEOUT_NANOS;
        for (int attempt = 0; ; attempt++) {
            try {
                return transport().run(statement);
            } catch (DatastoreException e) {
                // A statement refused because another writer holds the lock never ran, so it is safe to
                // retry, as sqlite-jdbc's busy_timeout does for the embedded provider.
                if (e.code() != ErrorCode.TIMEOUT
                        || !String.valueOf(e.getMessage()).contains("database is locked")
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                pause(Math.min(100, 5L << Math.min(attempt, 5)));
            }
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DatastoreException.of(ErrorCode.CANCELLED, name(), type(), "Interrupted while waiting for a lock");
        }
    }

    @Override
    public ConnectionTest test() {
        return ConnectionTest.timed(() -> {
            // D1 and Durable Object SQLite refuse sqlite_version(); their product is all there is to report.
            String version = service.product;
            if (service == Service.TURSO) {
                version += " (SQLite " + run("SELECT sqlite_version()").rows().get(0)[0] + ")";
            } else {
                run("SELECT 1");
            }
            return new ConnectionTest.Answer(version, "main", connectedAt);
        });
    }

    @Override
    public List<String> schemas() {
        return List.of("main");
    }

    @Override
    public List<TableRef> tables(String schema) {
        requireMain(schema);
        return run(TABLES_SQL).rows().stream()
                .map(row -> TableRef.of("main", (String) row[0]))
                .toList();
    }

    @Override
    public TableInfo describe(TableRef table) {
        requireMain(table.schema());
        Transport.Result result = run("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)", table.name());
        if (result.rows().isEmpty()) {
            throw DatastoreException.of(ErrorCode.NOT_FOUND, name(), type(), "Table '" + table + "' does not exist");
        }
        List<ColumnInfo> columns = new ArrayList<>();
        Map<Long, String> key = new TreeMap<>();
        for (Object[] row : result.rows()) {
            String declared = (String) row[1];
            ColumnKind kind = ColumnKind.ofDeclared(declared);
            columns.add(new ColumnInfo(
                    (String) row[0],
                    declared,
                    kind == null ? java.sql.Types.OTHER : kind.jdbcType,
                    ((Number) row[2]).longValue() == 0,
                    null,
                    null));
            long position = ((Number) row[3]).longValue();
            if (position > 0) {
                key.put(position, (String) row[0]);
            }
        }
        return new TableInfo(TableRef.of("main", table.name()), columns, List.copyOf(key.values()));
    }

    private void requireMain(String schema) {
        if (schema != null && !schema.equals("main")) {
            throw DatastoreException.of(
                    ErrorCode.NOT_FOUND,
                    name(),
                    type(),
                    "Schema '" + schema + "' does not exist; SQLite over HTTP has one, 'main'");
        }
    }

    @Override
    public Datastore database(String logicalName, String... more) {
        throw DatastoreException.unsupported(name(), type(), Capability.SCHEMAS);
    }

    @Override
    public <T> Optional<T> feature(Class<T> type) {
        Object feature = null;
        if (type == BulkReader.class) {
            feature = new SqlHttpBulkReader(this);
        } else if (type == BulkWriter.class) {
            feature = new SqlHttpBulkWriter(this);
        } else if (type == TableCreator.class) {
            feature = new SqlHttpTableCreator(this);
        }
        return feature == null ? super.feature(type) : Optional.of(type.cast(feature));
    }

    /** @return a failure of bad input, prefixed with this datastore */
    DatastoreException invalid(String message) {
        return DatastoreException.of(ErrorCode.INVALID_DATA, name(), type(), message);
    }

    @Override
    public String toString() {
        return "SqlHttpDatastore[" + name() + "/" + type() + "]";
    }
}
