package com.example.h2;

import io.datastores.api.Capability;
import io.datastores.api.ColumnInfo;
import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.QueryResult;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.spi.ConfiguredDatastore;
import io.datastores.api.spi.DatastoreConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * An H2 database file. Each call opens its own connection (cheap for an embedded database), so the
 * datastore is thread-safe without a pool; {@link #connect()} checks the credentials and marks the
 * datastore connected. Unquoted identifiers stay lower case, as in PostgreSQL.
 */
final class H2Datastore extends ConfiguredDatastore {
    private volatile Instant connectedAt;

    H2Datastore(DatastoreConfig config) {
        super(config, H2DatastoreProvider.CAPABILITIES);
    }

    @Override
    public synchronized void connect() {
        if (connectedAt == null) {
            try (Connection ignored = open()) {
                connectedAt = Instant.now();
            } catch (SQLException e) {
                throw failure("Cannot open " + config().value("database", ""), e);
            }
        }
    }

    @Override
    public boolean isConnected() {
        return connectedAt != null;
    }

    @Override
    public synchronized void close() {
        connectedAt = null;
    }

    @Override
    public QueryResult query(String sql, Object... params) {
        return run("Query failed", connection -> {
            long start = System.nanoTime();
            try (PreparedStatement statement = prepare(connection, sql, params)) {
                if (!statement.execute()) {
                    return new QueryResult(List.of(), List.of(), 0, (System.nanoTime() - start) / 1_000_000);
                }
                try (ResultSet rs = statement.getResultSet()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    List<String> columns = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        columns.add(meta.getColumnLabel(i));
                    }
                    List<Map<String, Object>> rows = new ArrayList<>();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= columns.size(); i++) {
                            row.put(columns.get(i - 1), rs.getObject(i));
                        }
                        rows.add(row);
                    }
                    return new QueryResult(columns, rows, rows.size(), (System.nanoTime() - start) / 1_000_000);
                }
            }
        });
    }

    @Override
    public long execute(String sql, Object... params) {
        return run("Statement failed", connection -> {
            try (PreparedStatement statement = prepare(connection, sql, params)) {
                return Math.max(0L, statement.executeLargeUpdate());
            }
        });
    }

    @Override
    public ConnectionTest test() {
        long start = System.nanoTime();
        try {
            return run("Connection test failed", connection -> {
                DatabaseMetaData meta = connection.getMetaData();
                return ConnectionTest.succeeded((System.nanoTime() - start) / 1_000_000,
                        meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion(), connection.getCatalog(),
                        connectedAt);
            });
        } catch (DatastoreException e) {
            return ConnectionTest.failed((System.nanoTime() - start) / 1_000_000, e.getMessage());
        }
    }

    @Override
    public List<String> schemas() {
        return run("Listing schemas failed", connection -> {
            List<String> schemas = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getSchemas()) {
                while (rs.next()) {
                    schemas.add(rs.getString("TABLE_SCHEM"));
                }
            }
            return schemas;
        });
    }

    @Override
    public List<TableRef> tables(String schema) {
        return run("Listing tables failed", connection -> {
            String target = schema != null ? schema : connection.getSchema();
            List<TableRef> tables = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE", "BASE TABLE", "VIEW"})) {
                while (rs.next()) {
                    if (target.equals(rs.getString("TABLE_SCHEM"))) {
                        tables.add(TableRef.of(target, rs.getString("TABLE_NAME")));
                    }
                }
            }
            return tables;
        });
    }

    @Override
    public TableInfo describe(TableRef table) {
        TableInfo info = run("Describing " + table + " failed", connection -> {
            String schema = table.schema() != null ? table.schema() : connection.getSchema();
            DatabaseMetaData meta = connection.getMetaData();
            List<ColumnInfo> columns = new ArrayList<>();
            // Every table is listed and matched exactly, so wildcard characters in names are harmless.
            try (ResultSet rs = meta.getColumns(null, null, "%", "%")) {
                while (rs.next()) {
                    if (schema.equals(rs.getString("TABLE_SCHEM")) && table.name().equals(rs.getString("TABLE_NAME"))) {
                        columns.add(new ColumnInfo(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"),
                                rs.getInt("DATA_TYPE"), rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                                rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS")));
                    }
                }
            }
            if (columns.isEmpty()) {
                return null;
            }
            TreeMap<Short, String> key = new TreeMap<>();
            try (ResultSet rs = meta.getPrimaryKeys(null, schema, table.name())) {
                while (rs.next()) {
                    key.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                }
            }
            return new TableInfo(TableRef.of(schema, table.name()), columns, List.copyOf(key.values()));
        });
        if (info == null) {
            throw DatastoreException.of(ErrorCode.NOT_FOUND, name(), type(), "Table '" + table + "' not found");
        }
        return info;
    }

    @Override
    public Datastore database(String logicalName, String... more) {
        throw DatastoreException.unsupported(name(), type(), Capability.SCHEMAS);
    }

    @Override
    public String toString() {
        return "H2Datastore[" + name() + "]";
    }

    private interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private <T> T run(String doing, Work<T> work) {
        connect();
        try (Connection connection = open()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw failure(doing, e);
        }
    }

    private Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", config().value("user", "sa"));
        properties.setProperty("password", config().value("password", ""));
        String file = Path.of(config().value("database").orElseThrow()).toAbsolutePath().toString();
        return new org.h2.Driver().connect("jdbc:h2:file:" + file + ";DATABASE_TO_LOWER=TRUE", properties);
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object[] params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }

    private DatastoreException failure(String doing, SQLException e) {
        String state = String.valueOf(e.getSQLState());
        ErrorCode code;
        // H2 2.x reports a missing table as 42S02..42S04 (vendor codes 42102..42104), a missing column as 42S22.
        if (Set.of("42S02", "42S03", "42S04", "42S22", "90079").contains(state)) {
            code = ErrorCode.NOT_FOUND;
        } else if (state.startsWith("28") || state.equals("90008") || e.getErrorCode() == 28000) {
            code = ErrorCode.AUTHENTICATION;
        } else if (state.startsWith("23")) {
            code = ErrorCode.INTEGRITY;
        } else if (state.startsWith("42") || state.startsWith("22")) {
            code = ErrorCode.INVALID_DATA;
        } else if (state.startsWith("08")) {
            code = ErrorCode.CONNECTION;
        } else {
            code = ErrorCode.INTERNAL;
        }
        // H2 quotes the statement in its messages; redact drops any secret that was in it.
        String message = config().redact(String.valueOf(e.getMessage()));
        boolean clean = message.equals(String.valueOf(e.getMessage()));
        return new DatastoreException(code, name(), DatastoreException.prefix(name(), type()) + doing + ": " + message,
                e.getSQLState(), e.getErrorCode(), clean ? e : null);
    }
}
