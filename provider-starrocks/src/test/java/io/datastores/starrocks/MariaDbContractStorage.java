package io.datastores.starrocks;

import io.datastores.jdbc.TestingServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Contract-server tables that live in MariaDB, so rows loaded over the Stream Load protocol can be
 * read back over SQL by the provider test kit. Loads land the way StarRocks' table models land
 * them: appended, or upserted by primary key (never a duplicate-key error). Each load is one
 * MariaDB transaction. Thread-safe: every call uses its own connection.
 */
final class MariaDbContractStorage implements ContractStorage {
    private final TestingServers.Server server;

    MariaDbContractStorage(TestingServers.Server server) {
        this.server = server;
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", server.user());
        properties.setProperty("password", server.password());
        properties.setProperty("connectionTimeZone", "UTC");
        properties.setProperty("forceConnectionTimeZoneToSession", "true");
        return DriverManager.getConnection("jdbc:mysql://" + server.host() + ":" + server.port() + "/", properties);
    }

    @Override
    public Map<String, Column> columns(String database, String table) {
        Map<String, Column> columns = new LinkedHashMap<>();
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT column_name, data_type, column_type, is_nullable FROM information_schema.columns "
                                + "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            statement.setString(1, database);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.put(
                            rs.getString(1),
                            new Column(
                                    type(rs.getString(2), rs.getString(3)),
                                    rs.getString(4).equals("YES")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return columns.isEmpty() ? null : columns;
    }

    private static String type(String dataType, String columnType) {
        return switch (dataType.toLowerCase()) {
            case "tinyint" -> columnType.equalsIgnoreCase("tinyint(1)") ? "BOOLEAN" : "INT";
            case "smallint", "mediumint", "int", "bigint" -> "BIGINT";
            case "float", "double" -> "DOUBLE";
            case "decimal" -> "DECIMAL";
            case "date" -> "DATE";
            case "datetime", "timestamp" -> "DATETIME";
            default -> "STRING";
        };
    }

    @Override
    public List<String> primaryKey(String database, String table) {
        List<String> key = new ArrayList<>();
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT column_name FROM information_schema.key_column_usage WHERE table_schema = ? AND table_name = ? "
                                + "AND constraint_name = 'PRIMARY' ORDER BY ordinal_position")) {
            statement.setString(1, database);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return key;
    }

    @Override
    public void store(String database, String table, List<Map<String, Object>> rows, boolean partial) {
        if (rows.isEmpty()) {
            return;
        }
        List<String> names = List.copyOf(rows.get(0).keySet());
        List<String> key = primaryKey(database, table);
        String sql = "INSERT INTO " + quote(database) + "." + quote(table) + " ("
                + names.stream().map(MariaDbContractStorage::quote).collect(Collectors.joining(", ")) + ") VALUES ("
                + names.stream().map(n -> "?").collect(Collectors.joining(", ")) + ")";
        List<String> updated = names.stream().filter(n -> !key.contains(n)).toList();
        if (!key.isEmpty()) {
            // StarRocks' PRIMARY KEY model: a row with a known key replaces the stored one.
            sql += " ON DUPLICATE KEY UPDATE "
                    + (updated.isEmpty() ? key : updated)
                            .stream()
                                    .map(n -> quote(n) + " = VALUES(" + quote(n) + ")")
                                    .collect(Collectors.joining(", "));
        }
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            connection.setAutoCommit(false);
            for (Map<String, Object> row : rows) {
                for (int i = 0; i < names.size(); i++) {
                    statement.setObject(i + 1, row.get(names.get(i)));
                }
                statement.addBatch();
            }
            statement.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }
}
