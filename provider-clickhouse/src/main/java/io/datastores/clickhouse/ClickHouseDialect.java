package io.datastores.clickhouse;

import io.datastores.api.ErrorCode;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.jdbc.JdbcDialect;
import io.datastores.jdbc.ServerAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * clickhouse-jdbc specifics: the HTTP address (a native-protocol port in the configuration is
 * mapped to its HTTP twin), back-quoted identifiers, and errors classified by ClickHouse's own
 * error codes, which the driver passes as the vendor code. The driver class is named, never referenced.
 */
final class ClickHouseDialect implements JdbcDialect {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseDialect.class);
    static final int HTTP_PORT = 8123;
    /** Native TCP ports users' configurations often carry, and the HTTP(S) port each one pairs with. */
    private static final Map<Integer, Integer> NATIVE_TO_HTTP = Map.of(9000, HTTP_PORT, 9440, 8443);

    private static final Map<Integer, ErrorCode> BY_SERVER_CODE = Map.ofEntries(
            Map.entry(60, ErrorCode.NOT_FOUND), // UNKNOWN_TABLE
            Map.entry(81, ErrorCode.NOT_FOUND), // UNKNOWN_DATABASE
            Map.entry(16, ErrorCode.NOT_FOUND), // NO_SUCH_COLUMN_IN_TABLE
            Map.entry(47, ErrorCode.NOT_FOUND), // UNKNOWN_IDENTIFIER
            Map.entry(62, ErrorCode.INVALID_DATA), // SYNTAX_ERROR
            Map.entry(6, ErrorCode.INVALID_DATA), // CANNOT_PARSE_TEXT
            Map.entry(27, ErrorCode.INVALID_DATA), // CANNOT_PARSE_INPUT_ASSERTION_FAILED
            Map.entry(53, ErrorCode.INVALID_DATA), // TYPE_MISMATCH
            Map.entry(70, ErrorCode.INVALID_DATA), // CANNOT_CONVERT_TYPE
            Map.entry(57, ErrorCode.INVALID_DATA), // TABLE_ALREADY_EXISTS
            Map.entry(48, ErrorCode.UNSUPPORTED), // NOT_IMPLEMENTED
            Map.entry(192, ErrorCode.AUTHENTICATION), // UNKNOWN_USER
            Map.entry(193, ErrorCode.AUTHENTICATION), // WRONG_PASSWORD
            Map.entry(194, ErrorCode.AUTHENTICATION), // REQUIRED_PASSWORD
            Map.entry(516, ErrorCode.AUTHENTICATION), // AUTHENTICATION_FAILED
            Map.entry(497, ErrorCode.AUTHENTICATION), // ACCESS_DENIED
            Map.entry(159, ErrorCode.TIMEOUT), // TIMEOUT_EXCEEDED
            Map.entry(209, ErrorCode.TIMEOUT), // SOCKET_TIMEOUT
            Map.entry(210, ErrorCode.CONNECTION), // NETWORK_ERROR
            Map.entry(394, ErrorCode.CANCELLED)); // QUERY_WAS_CANCELLED

    @Override
    public String driverClassName() {
        return "com.clickhouse.jdbc.Driver";
    }

    @Override
    public String jdbcUrl(DatastoreConfig config) {
        if (config.value("url").isPresent()) {
            return config.value("url").orElseThrow().strip();
        }
        String database = config.value("database")
                .map(db -> URLEncoder.encode(db, StandardCharsets.UTF_8))
                .orElse("");
        return "jdbc:clickhouse://" + httpAddress(config) + "/" + database;
    }

    @Override
    public String location(DatastoreConfig config) {
        ServerAddress configured = ServerAddress.of(config, HTTP_PORT);
        ServerAddress http = httpAddress(config);
        String user = config.value("user").map(u -> u + "@").orElse("");
        String mapped = http.equals(configured)
                ? ""
                : " (HTTP interface; the configured port " + configured.port() + " is ClickHouse's native protocol)";
        return user + http + config.value("database").map(db -> "/" + db).orElse("") + mapped;
    }

    /**
     * @param config the datastore's configuration
     * @return where the HTTP interface listens: the configured address, with a native port
     *     (9000, 9440) replaced by its HTTP twin (8123, 8443)
     */
    static ServerAddress httpAddress(DatastoreConfig config) {
        ServerAddress configured = ServerAddress.of(config, HTTP_PORT);
        Integer http = config.value("url").isPresent() ? null : NATIVE_TO_HTTP.get(configured.port());
        return http == null ? configured : new ServerAddress(configured.host(), http);
    }

    @Override
    public void beforeConnect(DatastoreConfig config) {
        ServerAddress configured = ServerAddress.of(config, HTTP_PORT);
        ServerAddress http = httpAddress(config);
        if (!http.equals(configured)) {
            LOG.warn(
                    "[{}/{}] connection.port {} is ClickHouse's native protocol port; the drivers speak HTTP, so "
                            + "connecting to {} instead. Set port: {} to silence this.",
                    config.name(),
                    config.type(),
                    configured.port(),
                    http,
                    http.port());
        }
    }

    @Override
    public Properties connectionProperties(DatastoreConfig config) {
        Properties properties = JdbcDialect.super.connectionProperties(config);
        // Shared JDBC code (the result-set bulk read) turns auto-commit off to make drivers stream; ClickHouse has
        // no transactions (TRANSACTIONS is not declared), so that and commit/rollback are accepted as no-ops.
        properties.putIfAbsent("jdbc_ignore_unsupported_values", "true");
        config.value("ssl").ifPresent(ssl -> properties.putIfAbsent("ssl", ssl));
        if (httpAddress(config).port() == 8443) {
            properties.putIfAbsent("ssl", "true");
        }
        return properties;
    }

    @Override
    public String quote(String identifier) {
        // Back-quoted, with ClickHouse's backslash escapes: a backslash is an escape character inside quotes.
        return '`' + identifier.replace("\\", "\\\\").replace("`", "\\`") + '`';
    }

    @Override
    public Optional<ErrorCode> classify(SQLException error) {
        return classify(error.getErrorCode());
    }

    /**
     * @param serverCode a ClickHouse error code, such as 60 (UNKNOWN_TABLE)
     * @return its error code, or empty when it has none of its own
     */
    static Optional<ErrorCode> classify(int serverCode) {
        return Optional.ofNullable(BY_SERVER_CODE.get(serverCode));
    }

    /**
     * The driver's columns, with the primary key from {@code system.tables}: the driver reports the
     * key's text as one column ({@code (id)}). Only a key of plain columns is reported: an expression
     * such as {@code toDate(at)} is no key a sync or upsert can match rows by.
     */
    @Override
    public Optional<TableInfo> describe(Connection connection, TableRef table) throws SQLException {
        Optional<TableInfo> described = JdbcDialect.super.describe(connection, table);
        if (described.isEmpty()) {
            return described;
        }
        TableInfo info = described.get();
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT primary_key FROM system.tables WHERE database = ? AND name = ?")) {
            statement.setString(1, info.table().schema());
            statement.setString(2, info.table().name());
            try (ResultSet rs = statement.executeQuery()) {
                List<String> key = rs.next() ? TableEngine.keyColumns(rs.getString(1)) : List.of();
                boolean plainColumns =
                        key.stream().allMatch(column -> info.column(column).isPresent());
                return Optional.of(new TableInfo(info.table(), info.columns(), plainColumns ? key : List.of()));
            }
        }
    }

    @Override
    public boolean isInstantType(String databaseTypeName) {
        return databaseTypeName.matches("(Nullable\\()?DateTime(64)?\\(.*'.*'\\)\\)?");
    }
}
