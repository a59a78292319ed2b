package io.datastores.duckdb;

import io.datastores.api.arrow.CanonicalTypes;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Has DuckDB's Arrow export send UUID and JSON columns as the canonical {@code arrow.uuid} and
 * {@code arrow.json} types rather than as text. DuckDB does so only with its session setting
 * {@code arrow_lossless_conversion}, which also turns HUGEINT, UHUGEINT, TIMETZ, BIT and VARINT into
 * opaque DuckDB-only types; it is therefore set only for results that have a UUID or JSON column and
 * none of those (such a result sends UUID and JSON as text, as the plan then says).
 */
final class DuckDbArrowTypes {
    private static final Pattern CANONICAL = Pattern.compile("\\b(UUID|JSON)\\b");
    private static final Pattern OPAQUE =
            Pattern.compile("\\b(HUGEINT|UHUGEINT|BIT|BITSTRING|VARINT|BIGNUM|TIME WITH TIME ZONE)\\b");

    private DuckDbArrowTypes() {}

    /**
     * @param metaData the prepared query's result columns
     * @return whether to export this result with {@code arrow_lossless_conversion}
     */
    static boolean lossless(ResultSetMetaData metaData) throws SQLException {
        boolean canonical = false;
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            String type = metaData.getColumnTypeName(i);
            if (OPAQUE.matcher(type).find()) {
                return false;
            }
            canonical |= CANONICAL.matcher(type).find();
        }
        return canonical;
    }

    /** Sets the connection's export mode; the schema importer must know the canonical types first. */
    static void setLossless(Connection connection, boolean lossless) throws SQLException {
        CanonicalTypes.register();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION arrow_lossless_conversion = " + lossless);
        }
    }
}
