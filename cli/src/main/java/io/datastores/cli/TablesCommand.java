package io.datastores.cli;

import io.datastores.api.TableRef;
import io.datastores.core.Datastores;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "tables", description = "List the tables of a datastore's schema.")
final class TablesCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The datastore.")
    String name;

    @Option(names = "--schema", paramLabel = "SCHEMA", description = "The schema (default: the datastore's default).")
    String schema;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Datastores datastores = main.load()) {
            List<TableRef> tables = datastores.get(name).tables(schema);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Output.json(tables.stream()
                        .map(t -> {
                            Map<String, Object> entry = new LinkedHashMap<>();
                            entry.put("schema", t.schema());
                            entry.put("name", t.name());
                            return entry;
                        })
                        .toList()));
            } else {
                Output.table(
                        out,
                        List.of("SCHEMA", "TABLE"),
                        tables.stream()
                                .map(t -> Arrays.<Object>asList(t.schema(), t.name()))
                                .toList());
            }
            return ExitCodes.OK;
        }
    }
}
