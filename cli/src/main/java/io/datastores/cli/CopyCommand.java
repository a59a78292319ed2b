package io.datastores.cli;

import io.datastores.api.Capability;
import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.WriteMode;
import io.datastores.core.Datastores;
import io.datastores.core.Transfer;
import io.datastores.core.TransferPlan;
import io.datastores.core.TransferResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "copy",
        description = "Copy a table into another datastore through the bulk path "
                + "(created from the source's types when missing).")
final class CopyCommand implements Callable<Integer> {
    enum Mode {
        append,
        overwrite,
        upsert
    }

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SRC", description = "NAME.table or NAME.schema.table")
    String sourceSpec;

    @Parameters(
            index = "1",
            paramLabel = "DST",
            description = "NAME (same table name), NAME.table or NAME.schema.table")
    String targetSpec;

    @Option(names = "--mode", paramLabel = "MODE", description = "append (default), overwrite or upsert.")
    Mode mode = Mode.append;

    @Option(names = "--key", paramLabel = "COLUMN", split = ",", description = "Key columns of an upsert.")
    List<String> key = new ArrayList<>();

    @Option(names = "--plan", description = "Print the column-by-column plan and its losses; move no rows.")
    boolean planOnly;

    @Option(names = "--type", paramLabel = "COLUMN=TYPE", description = "Target type of a column in a created table.")
    Map<String, String> types = new LinkedHashMap<>();

    @Option(
            names = "--batch-size",
            paramLabel = "ROWS",
            description = "Rows per Arrow batch (default ${DEFAULT-VALUE}).")
    int batchSize = 65_536;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            description = "Read the source in up to N partitions at once, "
                    + "into one all-or-nothing write (default ${DEFAULT-VALUE}).")
    int parallel = 1;

    @Override
    public Integer call() {
        if (parallel < 1) {
            throw new ParameterException(spec.commandLine(), "--parallel must be at least 1, got " + parallel);
        }
        Address source = Address.parse(spec, sourceSpec, null);
        Address target = Address.parse(spec, targetSpec, source.table());
        try (Datastores datastores = main.load()) {
            Transfer transfer = datastores
                    .copy(source.datastore(), source.table(), target.datastore(), target.table())
                    .mode(WriteMode.valueOf(mode.name().toUpperCase(Locale.ROOT)))
                    .key(key.toArray(String[]::new))
                    .batchSize(batchSize)
                    .parallelism(parallel);
            types.forEach(transfer::columnType);
            PrintWriter out = spec.commandLine().getOut();
            if (planOnly) {
                TransferPlan plan = transfer.plan();
                out.print(plan.describe());
                out.flush();
                return ExitCodes.OK;
            }
            boolean terminal = System.console() != null;
            // Counting costs a scan, so only a person watching a terminal pays it, for the ETA; a source
            // without SQL (S3) cannot count, and the progress line goes without percent and ETA.
            Datastore from = datastores.get(source.datastore());
            long expected = terminal && from.supports(Capability.SQL)
                    ? ((Number) from.query("SELECT count(*) FROM " + from.qualify(source.table()))
                                    .scalar())
                            .longValue()
                    : -1;
            Progress progress = Progress.forConsole(spec.commandLine().getErr(), terminal, expected, "copy");
            TransferResult result = transfer.onProgress(progress::update).run();
            progress.finish();
            out.printf(
                    Locale.ROOT,
                    "Copied %,d rows from %s to %s in %.1f s (%,.0f rows/s)%s%n",
                    result.rows(),
                    result.plan().source(),
                    result.plan().target(),
                    result.elapsedMillis() / 1000.0,
                    result.rowsPerSecond(),
                    result.plan().createsTable() ? "; table created" : "");
            result.plan().losses().forEach(loss -> out.println("  loss: " + loss));
            return ExitCodes.OK;
        }
    }

    /** {@code datastore.table} or {@code datastore.schema.table}; the first dot ends the datastore's name. */
    record Address(String datastore, TableRef table) {
        static Address parse(CommandSpec spec, String text, TableRef defaultTable) {
            String[] parts = text.split("\\.", 3);
            if (parts.length == 1 && defaultTable != null) {
                return new Address(parts[0], TableRef.of(defaultTable.name()));
            }
            if (parts.length == 1 || parts[0].isEmpty() || parts[parts.length - 1].isEmpty()) {
                throw new ParameterException(
                        spec.commandLine(), "Expected NAME.table or NAME.schema.table, got '" + text + "'");
            }
            return parts.length == 2
                    ? new Address(parts[0], TableRef.of(parts[1]))
                    : new Address(parts[0], TableRef.of(parts[1], parts[2]));
        }
    }
}
