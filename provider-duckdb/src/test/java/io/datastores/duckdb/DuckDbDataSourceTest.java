package io.datastores.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.core.Datastores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feature(DataSource.class)}: plain JDBC on the datastore's own pool. */
class DuckDbDataSourceTest {

    private static Datastores load(Path file) {
        return Datastores.fromYaml("""
                datastores:
                  local:
                    type: duckdb
                    connection: {database: '${DB_FILE}', max_pool_size: 2, connect_timeout: 1}
                    databases: [crm]
                """, Map.of("DB_FILE", file.toString()));
    }

    @Test
    void connectionsComeFromTheDatastoresPoolAndSeeItsData(@TempDir Path dir) throws SQLException {
        try (Datastores datastores = load(dir.resolve("ds.duckdb"))) {
            Datastore local = datastores.get("local");
            DataSource dataSource = local.feature(DataSource.class).orElseThrow();
            assertThat(local.feature(DataSource.class)).containsSame(dataSource);
            assertThat(local.isConnected())
                    .as("asking for the DataSource does not connect")
                    .isFalse();

            local.execute("CREATE TABLE orders (id INTEGER)");
            local.execute("INSERT INTO orders VALUES (1), (2)");
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT count(*) FROM orders")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
                statement.execute("INSERT INTO orders VALUES (3)");
            }
            assertThat(local.query("SELECT count(*) AS n FROM orders").scalar()).isEqualTo(3L);
        }
    }

    @Test
    void poolOfTwoIsSharedWithTheDatastore(@TempDir Path dir) throws SQLException {
        try (Datastores datastores = load(dir.resolve("pool.duckdb"))) {
            Datastore local = datastores.get("local");
            DataSource dataSource = local.feature(DataSource.class).orElseThrow();
            try (Connection first = dataSource.getConnection();
                    Connection second = dataSource.getConnection()) {
                // Both connections of the pool are held: the datastore itself now waits and times out.
                assertThatThrownBy(() -> local.query("SELECT 1"))
                        .isInstanceOfSatisfying(
                                DatastoreException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
            }
            assertThat(local.query("SELECT 1 AS one").scalar()).isEqualTo(1);
        }
    }

    @Test
    void aViewsConnectionsAreInItsSchema(@TempDir Path dir) throws SQLException {
        try (Datastores datastores = load(dir.resolve("view.duckdb"))) {
            Datastore local = datastores.get("local");
            local.execute("CREATE SCHEMA crm");
            local.execute("CREATE TABLE crm.customers (name VARCHAR)");
            local.execute("INSERT INTO crm.customers VALUES ('Ada')");
            DataSource inCrm =
                    datastores.database("crm").feature(DataSource.class).orElseThrow();
            try (Connection connection = inCrm.getConnection();
                    ResultSet rs = connection.createStatement().executeQuery("SELECT name FROM customers")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("Ada");
            }
            try (Connection connection =
                    local.feature(DataSource.class).orElseThrow().getConnection()) {
                assertThat(connection.getSchema())
                        .as("the view's schema does not leak to the pool")
                        .isEqualTo("main");
            }
        }
    }

    @Test
    void closingTheDatastoreClosesThePoolAndTheNextConnectionReopensIt(@TempDir Path dir) throws SQLException {
        try (Datastores datastores = load(dir.resolve("reopen.duckdb"))) {
            Datastore local = datastores.get("local");
            DataSource dataSource = local.feature(DataSource.class).orElseThrow();
            dataSource.getConnection().close();
            assertThat(local.isConnected()).isTrue();
            local.close();
            assertThat(local.isConnected()).isFalse();
            try (Connection connection = dataSource.getConnection()) {
                assertThat(connection.isValid(1)).isTrue();
            }
            assertThat(dataSource.toString()).isEqualTo("DatastoreDataSource[local/duckdb]");
            assertThatThrownBy(() -> dataSource.getConnection("u", "p"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("credentials of its configuration");
        }
    }
}
