package io.datastores.jdbc;

import io.datastores.api.ColumnInfo;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Introspection through {@link DatabaseMetaData}, with metadata patterns escaped. */
final class JdbcIntrospection {
    private static final String[] TABLE_TYPES = {"TABLE", "VIEW", "BASE TABLE"};

    private JdbcIntrospection() {}

    static List<String> schemas(Connection connection, JdbcDialect dialect) throws SQLException {
        Optional<List<String>> own = dialect.schemas(connection);
        if (own.isPresent()) {
            return own.get();
        }
        List<String> schemas = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getSchemas(connection.getCatalog(), null)) {
            while (rs.next()) {
                schemas.add(rs.getString("TABLE_SCHEM"));
            }
        }
        return schemas;
    }

    static List<TableRef> tables(Connection connection, String schema) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String target = schema != null ? schema : connection.getSchema();
        List<TableRef> tables = new ArrayList<>();
        try (ResultSet rs = metaData.getTables(connection.getCatalog(), escape(metaData, target), "%", TABLE_TYPES)) {
            while (rs.next()) {
                String tableSchema = rs.getString("TABLE_SCHEM");
                if (target == null || target.equals(tableSchema)) {
                    tables.add(new TableRef(tableSchema, rs.getString("TABLE_NAME")));
                }
            }
        }
        return tables;
    }

    /** @return the table's description, or empty when no such table exists */
    static Optional<TableInfo> describe(Connection connection, TableRef table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String schema = table.schema() != null ? table.schema() : connection.getSchema();
        String catalog = connection.getCatalog();
        List<ColumnInfo> columns = new ArrayList<>();
        String actualSchema = schema;
        try (ResultSet rs =
                metaData.getColumns(catalog, escape(metaData, schema), escape(metaData, table.name()), "%")) {
            while (rs.next()) {
                // Escaping is driver-dependent; an exact comparison makes a stray wildcard harmless.
                if (!table.name().equals(rs.getString("TABLE_NAME"))
                        || (schema != null && !schema.equals(rs.getString("TABLE_SCHEM")))) {
                    continue;
                }
                actualSchema = rs.getString("TABLE_SCHEM");
                columns.add(column(rs));
            }
        }
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TableInfo(
                new TableRef(actualSchema, table.name()),
                columns,
                primaryKey(metaData, catalog, actualSchema, table.name())));
    }

    private static ColumnInfo column(ResultSet rs) throws SQLException {
        int size = rs.getInt("COLUMN_SIZE");
        Integer precision = rs.wasNull() ? null : size;
        int digits = rs.getInt("DECIMAL_DIGITS");
        Integer scale = rs.wasNull() ? null : digits;
        boolean nullable = rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls;
        return new ColumnInfo(
                rs.getString("COLUMN_NAME"),
                rs.getString("TYPE_NAME"),
                rs.getInt("DATA_TYPE"),
                nullable,
                precision,
                scale);
    }

    private static List<String> primaryKey(DatabaseMetaData metaData, String catalog, String schema, String table)
            throws SQLException {
        TreeMap<Short, String> bySequence = new TreeMap<>();
        try (ResultSet rs = metaData.getPrimaryKeys(catalog, schema, table)) {
            while (rs.next()) {
                bySequence.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return List.copyOf(bySequence.values());
    }

    private static String escape(DatabaseMetaData metaData, String name) throws SQLException {
        if (name == null) {
            return null;
        }
        String escape = metaData.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
