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

@Command(
        name = "list",
        description =
                "List the datastores of the configuration with their status: ok, disabled, "
                        + "or invalid (variables unset in this environment). Nothing connects; exits 0 even when some are invalid.")
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Datastores datastores = main.load()) {
            List<Map<String, Object>> entries = new ArrayList<>();
            List<List<Object>> rows = new ArrayList<>();
            for (Datastore datastore : datastores.list()) {
                String category = datastores
                        .provider(datastore.type())
                        .map(DatastoreProvider::category)
                        .map(c -> c.name().toLowerCase(Locale.ROOT))
                        .orElse("not installed");
                Status status = Status.of(datastores, datastore);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", datastore.name());
                entry.put("type", datastore.type());
                entry.put("category", category);
                entry.put("tags", datastore.tags());
                entry.put("enabled", datastore.enabled());
                entry.put("description", datastore.description());
                entry.put("status", status.word());
                if (status.invalid()) {
                    entry.put(
                            "problems",
                            status.problems().stream()
                                    .map(p -> {
                                        Map<String, Object> problem = new LinkedHashMap<>();
                                        problem.put("key", p.key());
                                        problem.put("message", p.message());
                                        return problem;
                                    })
                                    .toList());
                }
                entries.add(entry);
                rows.add(List.of(
                        datastore.name(),
                        datastore.type(),
                        category,
                        String.join(",", datastore.tags()),
                        datastore.enabled(),
                        status.text()));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Output.json(entries));
            } else {
                Output.table(out, List.of("NAME", "TYPE", "CATEGORY", "TAGS", "ENABLED", "STATUS"), rows);
            }
            return ExitCodes.OK;
        }
    }
}
