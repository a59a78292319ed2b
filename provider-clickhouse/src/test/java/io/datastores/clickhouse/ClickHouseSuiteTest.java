package io.datastores.clickhouse;

import io.datastores.api.Datastore;
import io.datastores.tck.SqlDatastoreSuite;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/** The provider test kit against ClickHouse, in a database of its own per test. */
class ClickHouseSuiteTest extends SqlDatastoreSuite {
    private TestingClickHouse clickhouse;

    @Override
    protected Datastore createDatastore(Path workDir) {
        clickhouse = clickHouse();
        // The kit writes SQL-standard DDL, where a column without NOT NULL accepts NULL; ClickHouse's default is the
        // opposite.
        return clickhouse.open(
                clickhouse.database, Map.of(), Map.of("clickhouse_setting_data_type_default_nullable", "1"));
    }

    /** @return a fresh database on the server under test */
    protected TestingClickHouse clickHouse() {
        return new TestingClickHouse();
    }

    @AfterEach
    void dropDatabase() {
        // Null when no server was found and the test was skipped before it began.
        if (clickhouse != null) {
            clickhouse.close();
        }
    }

    @Override
    protected String quote(String identifier) {
        return new ClickHouseDialect().quote(identifier);
    }

    @Override
    protected String tableOptions() {
        // UPDATE needs the block number and offset columns; key columns are nullable under the session's default.
        return " SETTINGS allow_nullable_key = 1, enable_block_number_column = 1, enable_block_offset_column = 1";
    }

    @Override
    protected String upsertTableOptions() {
        return " ENGINE = ReplacingMergeTree ORDER BY id" + tableOptions();
    }

    @Override
    public boolean supportsExtremeDates() {
        return false;
    }

    @Override
    protected boolean countsRowsOfUpdates() {
        return false;
    }

    @Override
    protected boolean enforcesPrimaryKeys() {
        return false;
    }

    @Override
    protected String columnType(String kind) {
        // ClickHouse columns are NOT NULL unless declared Nullable.
        return switch (kind) {
            case "integer" -> "Int32";
            case "text" -> "Nullable(String)";
            case "decimal" -> "Nullable(Decimal(12, 2))";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @Override
    protected Optional<Datastore> createDatastoreWithBadCredentials() {
        // The chDB shim has no users: it accepts any credentials, so there is nothing to refuse.
        return clickhouse.isShim()
                ? Optional.empty()
                : Optional.of(clickhouse.open(
                        clickhouse.server.database(),
                        Map.of("user", "no_such_user", "password", "wrong-Pa55"),
                        Map.of()));
    }

    @Override
    protected Optional<String> secret() {
        return clickhouse.server.password().isEmpty() ? Optional.empty() : Optional.of(clickhouse.server.password());
    }
}
