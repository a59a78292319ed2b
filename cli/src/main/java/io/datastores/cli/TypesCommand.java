package io.datastores.cli;

import io.datastores.api.Capability;
import io.datastores.api.spi.DatastoreProvider;
import io.datastores.core.Datastores;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "types", description = "List the installed provider types, their aliases and capabilities.")
final class TypesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        List<Map<String, Object>> entries = Datastores.installedProviders(TypesCommand.class.getClassLoader()).stream()
                .sorted(Comparator.comparing(DatastoreProvider::type))
                .map(TypesCommand::describe)
                .toList();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Output.json(entries));
        } else {
            Output.table(
                    out,
                    List.of("TYPE", "CATEGORY", "ALIASES", "CAPABILITIES"),
                    entries.stream()
                            .map(e -> List.<Object>of(
                                    e.get("type"),
                                    e.get("category"),
                                    String.join(",", names(e.get("aliases"))),
                                    String.join(",", names(e.get("capabilities")))))
                            .toList());
        }
        return ExitCodes.OK;
    }

    private static Map<String, Object> describe(DatastoreProvider provider) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", provider.type());
        entry.put("category", provider.category().name().toLowerCase(Locale.ROOT));
        entry.put("aliases", provider.aliases().stream().sorted().toList());
        entry.put(
                "capabilities",
                provider.capabilities().stream().sorted().map(Capability::name).toList());
        return entry;
    }

    private static List<String> names(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }
}
