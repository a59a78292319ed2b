package io.datastores.cli;

import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.core.Datastores;
import java.io.PrintWriter;
import java.util.ArrayList;
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

@Command(
        name = "test",
        description = "Check that datastores answer: latency and server version. " + "Exit code 1 if any fails.")
final class TestCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Datastores to test (default: every enabled one).")
    List<String> names = new ArrayList<>();

    @Option(names = "--all", description = "Test every enabled datastore (the default when no NAME is given).")
    boolean all;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Datastores datastores = main.load()) {
            List<Datastore> targets = new ArrayList<>();
            if (all || names.isEmpty()) {
                datastores.list().stream().filter(Datastore::enabled).forEach(targets::add);
            }
            names.forEach(name -> targets.add(datastores.get(name)));
            List<Map<String, Object>> results = new ArrayList<>();
            boolean failed = false;
            for (Datastore datastore : targets) {
                ConnectionTest test = datastore.test();
                failed |= !test.success();
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("name", datastore.name());
                result.put("type", datastore.type());
                result.put("success", test.success());
                result.put("responseMillis", test.responseMillis());
                result.put("serverVersion", test.serverVersion());
                result.put("database", test.database());
                result.put(
                        "connectedAt",
                        test.connectedAt() == null ? null : test.connectedAt().toString());
                result.put("error", test.error() == null ? null : datastores.redact(test.error()));
                results.add(result);
            }
            print(results);
            return failed ? ExitCodes.TEST_FAILED : ExitCodes.OK;
        }
    }

    private void print(List<Map<String, Object>> results) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Output.json(results));
            return;
        }
        Output.table(
                out,
                List.of("NAME", "TYPE", "STATUS", "LATENCY", "SERVER", "DETAIL"),
                results.stream()
                        .map(r -> List.<Object>of(
                                r.get("name"),
                                r.get("type"),
                                (Boolean) r.get("success") ? "ok" : "FAILED",
                                r.get("responseMillis") + " ms",
                                r.get("serverVersion") == null ? "-" : r.get("serverVersion"),
                                r.get("error") == null
                                        ? "database " + (r.get("database") == null ? "-" : r.get("database"))
                                        : r.get("error")))
                        .toList());
    }
}
