package io.datastores.cli;

import io.datastores.api.Datastore;
import io.datastores.api.spi.DatastoreProvider;
import io.datastores.core.Datastores;
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
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "list", description = "List the datastores of the configuration (nothing connects).")
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        try (Datastores datastores = main.load()) {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (Datastore datastore : datastores.list()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", datastore.name());
                entry.put("type", datastore.type());
                entry.put("category", datastores.provider(datastore.type())
                        .map(DatastoreProvider::category).map(c -> c.name().toLowerCase(Locale.ROOT)).orElse("not installed"));
                entry.put("tags", datastore.tags());
                entry.put("enabled", datastore.enabled());
                entry.put("description", datastore.description());
                entries.add(entry);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Output.json(entries));
            } else {
                List<List<Object>> rows = entries.stream()
                        .map(e -> List.<Object>of(e.get("name"), e.get("type"), e.get("category"),
                                String.join(",", (List<String>) e.get("tags")), e.get("enabled")))
                        .toList();
                Output.table(out, List.of("NAME", "TYPE", "CATEGORY", "TAGS", "ENABLED"), rows);
            }
            return ExitCodes.OK;
        }
    }
}
