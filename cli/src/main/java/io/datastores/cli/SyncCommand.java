package io.datastores.cli;

import io.datastores.api.DatastoreException;
import io.datastores.core.Datastores;
import io.datastores.core.TransferProgress;
import io.datastores.sync.Sync;
import io.datastores.sync.SyncListener;
import io.datastores.sync.SyncStats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "sync",
        description = "Run a sync job once (default) or every sync_interval minutes (--watch).",
        subcommands = {SyncCommand.Status.class, SyncCommand.Reset.class})
final class SyncCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    // Optional for picocli, so that "sync status JOB" is not refused for a missing parent JOB.
    @Parameters(index = "0", paramLabel = "JOB", arity = "0..1", description = "The sync job YAML.")
    Path job;

    @Option(names = "--once", description = "Run once and exit (the default).")
    boolean once;

    @Option(names = "--watch", description = "Keep running on the job's schedule until stopped (Ctrl-C).")
    boolean watch;

    @Option(names = "--tables", paramLabel = "TABLE", split = ",", description = "Only these tables.")
    List<String> tables = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        if (job == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: JOB");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Datastores datastores = main.load();
                Sync sync = Sync.create(datastores, main.syncJob(job))) {
            Progress[] progress = new Progress[1];
            String[] current = new String[1];
            boolean terminal = System.console() != null;
            sync.addListener(new SyncListener() {
                @Override
                public void onProgress(String table, TransferProgress batch) {
                    if (!table.equals(current[0])) {
                        current[0] = table;
                        progress[0] = Progress.forConsole(spec.commandLine().getErr(), terminal, -1, table);
                    }
                    progress[0].update(batch);
                }

                @Override
                public void onSyncComplete(SyncStats stats) {
                    if (progress[0] != null) {
                        progress[0].finish();
                    }
                    current[0] = null;
                }
            });
            if (!watch) {
                SyncStats stats = sync.trigger(tables.toArray(String[]::new));
                print(out, stats);
                return stats.failed().isEmpty() ? ExitCodes.OK : ExitCodes.SYNC_TABLE_FAILED;
            }
            sync.addListener(new SyncListener() {
                @Override
                public void onSyncComplete(SyncStats stats) {
                    print(out, stats);
                }

                @Override
                public void onSyncError(DatastoreException error) {
                    spec.commandLine()
                            .getErr()
                            .println(main.redact("error [" + error.code() + "] " + error.getMessage()));
                    spec.commandLine().getErr().flush();
                }
            });
            sync.start();
            // Runs until the process is stopped; the scheduler threads are daemons.
            new CountDownLatch(1).await();
            return ExitCodes.OK;
        }
    }

    static void print(PrintWriter out, SyncStats stats) {
        for (SyncStats.TableStats table : stats.tables()) {
            if (table.error() == null) {
                out.printf(
                        Locale.ROOT,
                        "%s: %,d records%s in %d ms%n",
                        table.table(),
                        table.records(),
                        table.createdTable() ? " (table created)" : "",
                        table.durationMillis());
            } else {
                out.printf(Locale.ROOT, "%s: FAILED %s%n", table.table(), table.error());
            }
        }
        out.printf(Locale.ROOT, "Synced %,d records in %d ms%n", stats.records(), stats.durationMillis());
        out.flush();
    }

    @Command(name = "status", description = "Print the stored state of a job's tables.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        SyncCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "JOB", description = "The sync job YAML.")
        Path job;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            Main main = parent.main;
            try (Datastores datastores = main.load();
                    Sync sync = Sync.create(datastores, main.syncJob(job))) {
                io.datastores.sync.SyncStatus status = sync.status();
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(status.toJson());
                } else {
                    out.println("last sync: " + (status.lastSyncTime() == null ? "never" : status.lastSyncTime())
                            + (status.running() ? " (running)" : ""));
                    List<List<Object>> rows = new ArrayList<>();
                    status.tables()
                            .forEach((name, t) -> rows.add(java.util.Arrays.asList(
                                    name,
                                    t.lastValue(),
                                    t.recordCount(),
                                    t.lastSyncTime(),
                                    t.lastError() == null ? "" : t.lastError())));
                    Output.table(out, List.of("TABLE", "LAST VALUE", "RECORDS", "LAST SYNC", "ERROR"), rows);
                }
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "reset", description = "Forget a job's state (one table or all): the next run starts from scratch.")
    static final class Reset implements Callable<Integer> {
        @ParentCommand
        SyncCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "JOB", description = "The sync job YAML.")
        Path job;

        @Parameters(index = "1", paramLabel = "TABLE", arity = "0..1", description = "Only this table.")
        String table;

        @Override
        public Integer call() {
            Main main = parent.main;
            try (Datastores datastores = main.load();
                    Sync sync = Sync.create(datastores, main.syncJob(job))) {
                if (table == null) {
                    sync.reset();
                    spec.commandLine()
                            .getOut()
                            .println("Reset every table of job '" + sync.job().name() + "'");
                } else {
                    sync.reset(table);
                    spec.commandLine()
                            .getOut()
                            .println("Reset table " + table + " of job '"
                                    + sync.job().name() + "'");
                }
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
        }
    }
}
