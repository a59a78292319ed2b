package io.datastores.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.core.Datastores;
import io.datastores.core.TransferResult;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where DDL is transactional (PostgreSQL, DuckDB, SQLite) a copy creates its target table inside the
 * write's transaction: a copy whose source fails half way leaves no table behind, as a copy
 * killed half way does (its transaction never commits); a copy that succeeds creates the table.
 */
class FailedCopyLeavesNoTableTest {
    private static final String FAILING =
            "SELECT i AS id, (100 / (i - 30000))::text AS note FROM generate_series(1, 60000) i";

    private TestingPgAndDuck stores;
    private Datastores datastores;
    private String schema;

    @BeforeEach
    void setUp() throws Exception {
        stores = new TestingPgAndDuck("create");
        datastores = stores.datastores;
        schema = stores.schema;
    }

    @AfterEach
    void tearDown() throws Exception {
        stores.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "duck", "lite"})
    void aCopyThatFailsHalfWayLeavesNoTable(String target) {
        TableRef table = switch (target) {
            case "pg" -> TableRef.of(schema, "t");
            case "duck" -> TableRef.of("main", "t");
            default -> TableRef.of("t");
        };

        assertThatThrownBy(() -> datastores
                        .copyQuery("pg", FAILING, List.of(), target, table)
                        .batchSize(4_096)
                        .run())
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                .hasMessageContaining("division by zero");
        assertThat(datastores.get(target).describeIfExists(table))
                .as("no table was left behind")
                .isEmpty();

        TransferResult done = datastores
                .copyQuery("pg", FAILING.replace("i - 30000", "i + 1"), List.of(), target, table)
                .key("id")
                .batchSize(4_096)
                .run();
        assertThat(done.plan().createsTable()).isTrue();
        assertThat(done.rows()).isEqualTo(60_000);
        assertThat(datastores.get(target).describe(table).primaryKey()).containsExactly("id");
    }
}
