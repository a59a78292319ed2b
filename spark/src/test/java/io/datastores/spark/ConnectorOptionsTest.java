package io.datastores.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.WriteMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The options mirror the CLI's copy options, match without case, and every problem is named at once. */
class ConnectorOptionsTest {

    @Test
    void optionsAreReadWhateverTheirCase() {
        ConnectorOptions options = ConnectorOptions.parse(Map.of(
                "config",
                "/x/datastores.yaml",
                "DataStore",
                "pg",
                "table",
                "public.orders",
                "mode",
                "Upsert",
                "key",
                "id, region",
                "batchSize",
                "1000",
                "partitions",
                "4",
                "type",
                "amount=NUMERIC(38, 10);note=TEXT",
                "pushdown",
                "false"));
        assertThat(options.table()).isEqualTo(TableRef.of("public", "orders"));
        assertThat(options.mode()).isEqualTo(WriteMode.UPSERT);
        assertThat(options.key()).containsExactly("id", "region");
        assertThat(options.columnTypes())
                .containsExactly(Map.entry("amount", "NUMERIC(38, 10)"), Map.entry("note", "TEXT"));
        assertThat(List.of(options.batchSize(), options.partitions())).containsExactly(1000, 4);
        assertThat(options.pushdown()).isFalse();
        assertThat(options.describe()).isEqualTo("pg.public.orders");
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        assertThatThrownBy(() -> ConnectorOptions.parse(Map.of(
                        "table", "t", "query", "SELECT 1", "mode", "merge", "partitions", "0", "password", "hunter2")))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining("Unknown option 'password'")
                .hasMessageContaining("Must specify option 'config'")
                .hasMessageContaining("Must specify option 'datastore'")
                .hasMessageContaining("exactly one of options 'table' and 'query'")
                .hasMessageContaining("Option 'mode' must be append, overwrite or upsert, not 'merge'")
                .hasMessageContaining("Option 'partitions' must be a positive whole number, not '0'")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void anUpsertNeedsItsKey() {
        assertThatThrownBy(() -> ConnectorOptions.parse(
                        Map.of("config", "c", "datastore", "pg", "table", "t", "mode", "upsert")))
                .hasMessageContaining("Option 'mode' upsert needs option 'key'");
    }
}
