package io.datastores.cli;

import io.datastores.api.Datastore;
import io.datastores.core.Datastores;
import io.datastores.core.Placeholders;
import io.datastores.sync.Sync;
import io.datastores.sync.SyncJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "demo",
        description = "Zero set-up tour: make a sample DuckDB source, sync it into SQLite, "
                + "change rows, sync again and print the status.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--dir",
            paramLabel = "FOLDER",
            description = "Where the demo's files go (default ${DEFAULT-VALUE}; " + "emptied first).")
    Path dir = Path.of("datastores-demo");

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        clear(dir);
        Files.createDirectories(dir);
        String yaml = """
                datastores:
                  shop:
                    type: duckdb
                    description: 'Sample source: an embedded DuckDB file'
                    connection: {database: '%s'}
                  replica:
                    type: sqlite
                    description: 'Sync target: an embedded SQLite file'
                    connection: {database: '%s'}
                """.formatted(
                        dir.resolve("shop.duckdb").toAbsolutePath(),
                        dir.resolve("replica.sqlite").toAbsolutePath());
        Files.writeString(dir.resolve("datastores.yaml"), yaml);
        String job = """
                name: demo
                source_provider:
                  data_backend: {type: duckdb, datastore_name: shop, schema: main}
                target_provider:
                  data_backend: {datastore_name: replica}
                tables:
                  - {name: customers, track_column: updated_at, primary_key: [id]}
                mode: incremental
                """;
        Files.writeString(dir.resolve("sync-job.yaml"), job);
        try (Datastores datastores = Datastores.fromYaml(yaml, Map.of());
                Sync sync = Sync.create(datastores, SyncJob.parse(job, Placeholders.of(Map.of())))) {
            Datastore shop = datastores.get("shop");
            shop.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR, city VARCHAR, "
                    + "balance DECIMAL(12, 2), updated_at TIMESTAMP)");
            shop.execute(
                    "INSERT INTO customers SELECT i, 'customer ' || i, ['Oslo', 'Lagos', 'Lima', 'Kyoto'][i % 4 + 1], "
                            + "round(i * 3.75, 2), TIMESTAMP '2026-01-01' + i * INTERVAL 1 MINUTE FROM range(1, 1001) t(i)");
            out.println("1. Created shop.customers in " + dir.resolve("shop.duckdb") + ": " + count(shop) + " rows");

            out.println("2. First sync (full copy, table created in the replica):");
            SyncCommand.print(out, sync.run());

            shop.execute(
                    "UPDATE customers SET balance = balance + 100, updated_at = TIMESTAMP '2026-06-01' WHERE id <= 25");
            shop.execute("INSERT INTO customers SELECT i, 'new customer ' || i, 'Quito', 0, TIMESTAMP '2026-06-02' "
                    + "FROM range(1001, 1011) t(i)");
            out.println("3. Changed 25 rows and added 10 in the source");

            out.println("4. Second sync (reads from the stored cursor: the changed rows, plus the rows at the cursor"
                    + " itself, which the upsert rewrites harmlessly):");
            SyncCommand.print(out, sync.run());

            Datastore replica = datastores.get("replica");
            out.println("5. Source has " + count(shop) + " rows, replica has " + count(replica) + " rows; "
                    + "balance of customer 1 in the replica: "
                    + replica.query("SELECT balance FROM customers WHERE id = 1")
                            .scalar());
            out.println("6. Status:");
            out.println(sync.status().toJson());
            out.println("Files are in " + dir.toAbsolutePath() + "; try: bin/datastores --config "
                    + dir.resolve("datastores.yaml") + " sync status " + dir.resolve("sync-job.yaml"));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static long count(Datastore datastore) {
        return ((Number) datastore.query("SELECT count(*) FROM customers").scalar()).longValue();
    }

    /** Removes the demo's own files from an earlier run, so it always starts the same way. */
    private static void clear(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                String name = file.getFileName().toString();
                boolean ours = file.equals(dir)
                        || name.startsWith("shop.duckdb")
                        || name.startsWith("replica.sqlite")
                        || name.equals("datastores.yaml")
                        || name.equals("sync-job.yaml");
                if (ours) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // Something that is not the demo's lives there too: leave it, and the folder.
        }
    }
}
