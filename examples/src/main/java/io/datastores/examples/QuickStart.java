package io.datastores.examples;

import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.QueryResult;
import io.datastores.api.TableRef;
import io.datastores.core.Datastores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The README's main job: load {@code examples/datastores.yaml}, check the embedded DuckDB
 * datastore answers, load a few rows with bound parameters, and query them back.
 */
public final class QuickStart {
    private QuickStart() {}

    /**
     * @param args an optional path to a {@code datastores.yaml}
     */
    public static void main(String[] args) {
        Path config = Path.of(args.length > 0 ? args[0] : "examples/datastores.yaml");
        try (Datastores datastores = Datastores.load(config)) {
            run(datastores);
        } catch (DatastoreException e) {
            System.err.println("error [" + e.code() + "] " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(Datastores datastores) {
        System.out.println("Datastores in the configuration:");
        for (Datastore datastore : datastores.list()) {
            System.out.printf(
                    "  %-10s %-8s %-8s %s%n",
                    datastore.name(), datastore.type(), datastore.enabled() ? "enabled" : "disabled", datastore.tags());
        }

        Datastore warehouse = datastores.get("warehouse");
        ConnectionTest test = warehouse.test();
        if (!test.success()) {
            throw new IllegalStateException("warehouse did not answer: " + test.error());
        }
        System.out.printf("%nwarehouse answers: %s in %d ms%n", test.serverVersion(), test.responseMillis());

        warehouse.execute("CREATE OR REPLACE TABLE orders (id INTEGER PRIMARY KEY, customer VARCHAR, "
                + "amount DECIMAL(10, 2), placed_at TIMESTAMP)");
        List<Object[]> rows = List.of(
                new Object[] {1, "Ada", "120.50", "2026-11-01 09:30:00"},
                new Object[] {2, "Grace", "75.00", "2026-11-02 14:05:00"},
                new Object[] {3, "Ada", "42.25", "2026-11-03 18:45:00"},
                new Object[] {4, "Linus", "310.00", "2026-11-04 08:00:00"});
        for (Object[] row : rows) {
            warehouse.execute("INSERT INTO orders VALUES (?, ?, CAST(? AS DECIMAL(10, 2)), CAST(? AS TIMESTAMP))", row);
        }
        System.out.println("Loaded " + rows.size() + " orders; columns: "
                + warehouse.describe(TableRef.of("orders")).columns().stream()
                        .map(c -> c.name() + " " + c.typeName())
                        .toList());

        QueryResult result = warehouse.query(
                "SELECT customer, count(*) AS orders, sum(amount) AS total "
                        + "FROM orders WHERE amount > ? GROUP BY customer ORDER BY total DESC",
                40);
        System.out.printf("%nRevenue by customer (%d rows in %d ms):%n", result.rowCount(), result.executionMillis());
        for (Map<String, Object> row : result.rows()) {
            System.out.printf("  %-8s %3s orders %10s%n", row.get("customer"), row.get("orders"), row.get("total"));
        }
    }
}
