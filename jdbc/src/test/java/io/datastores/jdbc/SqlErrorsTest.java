package io.datastores.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {
    private static final JdbcDialect PLAIN = new JdbcDialect() {
        @Override
        public String driverClassName() {
            return "none";
        }

        @Override
        public String jdbcUrl(DatastoreConfig config) {
            return "jdbc:none";
        }

        @Override
        public String location(DatastoreConfig config) {
            return "nowhere";
        }
    };

    private static ErrorCode classify(String state) {
        return SqlErrors.classify(new SQLException("x", state), PLAIN);
    }

    @Test
    void sqlStatesMapToCodes() {
        assertThat(classify("08001")).isEqualTo(ErrorCode.CONNECTION);
        assertThat(classify("08S01")).isEqualTo(ErrorCode.CONNECTION);
        assertThat(classify("28P01")).isEqualTo(ErrorCode.AUTHENTICATION);
        assertThat(classify("28000")).isEqualTo(ErrorCode.AUTHENTICATION);
        assertThat(classify("42P01")).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(classify("42S02")).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(classify("42601")).isEqualTo(ErrorCode.INVALID_DATA);
        assertThat(classify("23505")).isEqualTo(ErrorCode.INTEGRITY);
        assertThat(classify("57014")).isEqualTo(ErrorCode.CANCELLED);
        assertThat(classify(null)).isEqualTo(ErrorCode.INTERNAL);
        assertThat(SqlErrors.classify(new SQLTimeoutException("slow"), PLAIN)).isEqualTo(ErrorCode.TIMEOUT);
    }

    @Test
    void aSocketLostMidStatementIsConnectionWhateverTheStateAndLosesTheNestedTrace() {
        SQLException lost = new SQLException(
                "Error retrieving record: Unexpected Exception: java.io.EOFException message "
                        + "given: Can not read response from server.\n\nNested Stack Trace:\n\n\n** BEGIN NESTED EXCEPTION **",
                "S1000",
                new java.io.EOFException("Can not read response from server."));
        assertThat(SqlErrors.classify(lost, PLAIN)).isEqualTo(ErrorCode.CONNECTION);
        assertThat(SqlErrors.classify(new SQLException("boom", "S1000", new java.net.SocketException("reset")), PLAIN))
                .isEqualTo(ErrorCode.CONNECTION);
        assertThat(SqlErrors.classify(new SQLException("boom", "S1000"), PLAIN)).isEqualTo(ErrorCode.INTERNAL);
        DatastoreConfig config = new DatastoreConfig(
                "orders", "mysql", "", List.of(), true, Map.of(), Map.of(), PoolSettings.DEFAULT, Map.of());
        DatastoreException translated = SqlErrors.translate(config, PLAIN, "Bulk read failed", lost);
        assertThat(translated.getMessage())
                .endsWith("Can not read response from server. (SQLSTATE S1000)")
                .doesNotContain("Nested Stack Trace");
        assertThat(translated.getCause()).as("the trace stays in the cause").isSameAs(lost);
    }

    @Test
    void translatedMessagesCarryStateAndNoSecretAndDropCauseThatHadOne() {
        DatastoreConfig config = new DatastoreConfig(
                "orders",
                "postgres",
                "",
                List.of(),
                true,
                Map.of("password", "p4ss-w0rd"),
                Map.of(),
                PoolSettings.DEFAULT,
                Map.of());

        DatastoreException leaky = SqlErrors.translate(
                config, PLAIN, "Cannot connect", new SQLException("auth failed for p4ss-w0rd", "28P01", 7));
        DatastoreException clean = SqlErrors.translate(
                config, PLAIN, "Query failed", new SQLException("relation \"t\" does not exist", "42P01"));

        // Refused credentials name the server, since some drivers' messages do not.
        assertThat(leaky.getMessage())
                .isEqualTo("[orders/postgres] Cannot connect (server nowhere): auth failed for **** (SQLSTATE 28P01)");
        assertThat(clean.getMessage()).doesNotContain("nowhere");
        assertThat(leaky.getCause()).as("the driver's message held the secret").isNull();
        assertThat(leaky.sqlState()).contains("28P01");
        assertThat(leaky.vendorCode()).isEqualTo(7);
        assertThat(clean.getCause()).isInstanceOf(SQLException.class);
        assertThat(clean.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }
}
