package io.datastores.postgres;

import io.datastores.api.ColumnInfo;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TypeInfo;

/**
 * Describes a table in one catalog query, where {@link java.sql.DatabaseMetaData} takes two
 * heavier ones ({@code getColumns}, {@code getPrimaryKeys}) that cost a sync run milliseconds
 * each time it checks a table. The values are pgjdbc's own: type names, JDBC types, sizes and
 * scales come from the driver's {@link TypeInfo}, and serial columns and unconstrained numerics
 * are reported as {@code getColumns} reports them (a test holds the two answers equal). Tables with domain, enum or composite columns, whose rules
 * differ, are left to {@link java.sql.DatabaseMetaData}. Kept apart from {@link PostgresDialect}
 * so the driver's classes load only when a table is described.
 */
final class PostgresCatalog {
    private static final String DESCRIBE_SQL = """
            SELECT n.nspname, a.attname, a.atttypid, a.atttypmod, a.attnotnull, t.typtype,
                   pg_catalog.pg_get_expr(d.adbin, d.adrelid),
                   pg_catalog.array_position(i.indkey::int2[], a.attnum)
            FROM pg_catalog.pg_namespace n
            JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid
            JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
            JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            LEFT JOIN pg_catalog.pg_index i ON i.indrelid = c.oid AND i.indisprimary
            WHERE n.nspname = coalesce(?, pg_catalog.current_schema()) AND c.relname = ?
              AND c.relkind IN ('r', 'p', 'v', 'f', 'm') AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum""";

    private PostgresCatalog() {}

    /** The slower, general answer, for the tables this class leaves to it. */
    interface Fallback {
        Optional<TableInfo> describe() throws SQLException;
    }

    /**
     * @param connection an open connection
     * @param table the table; no schema means the current schema
     * @param fallback asked instead when a column's type is not a base type
     * @return the description, or empty when there is no such table
     */
    static Optional<TableInfo> describe(Connection connection, TableRef table, Fallback fallback) throws SQLException {
        TypeInfo types = connection.unwrap(BaseConnection.class).getTypeInfo();
        String schema = null;
        List<ColumnInfo> columns = new ArrayList<>();
        TreeMap<Integer, String> key = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(DESCRIBE_SQL)) {
            statement.setString(1, table.schema());
            statement.setString(2, table.name());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (!"b".equals(rs.getString(6))) {
                        return fallback.describe();
                    }
                    schema = rs.getString(1);
                    String name = rs.getString(2);
                    int oid = (int) rs.getLong(3);
                    int modifier = rs.getInt(4);
                    String type = types.getPGType(oid);
                    boolean unconstrainedNumeric = type.equals("numeric") && modifier == -1;
                    int size = unconstrainedNumeric ? 0 : types.getPrecision(oid, modifier);
                    columns.add(new ColumnInfo(
                            name,
                            typeName(type, rs.getString(7)),
                            types.getSQLType(oid),
                            !rs.getBoolean(5),
                            size != 0 || unconstrainedNumeric ? size : types.getDisplaySize(oid, modifier),
                            unconstrainedNumeric ? null : types.getScale(oid, modifier)));
                    int position = rs.getInt(8);
                    if (!rs.wasNull()) {
                        key.put(position, name);
                    }
                }
            }
        }
        return columns.isEmpty()
                ? Optional.empty()
                : Optional.of(new TableInfo(new TableRef(schema, table.name()), columns, List.copyOf(key.values())));
    }

    /** An integer column filled from a sequence is a serial, as pgjdbc's {@code getColumns} says. */
    private static String typeName(String type, String defaultValue) {
        if (defaultValue == null || !defaultValue.contains("nextval(")) {
            return type;
        }
        return switch (type) {
            case "int2" -> "smallserial";
            case "int4" -> "serial";
            case "int8" -> "bigserial";
            default -> type;
        };
    }
}
