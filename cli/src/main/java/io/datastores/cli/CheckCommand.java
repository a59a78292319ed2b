package io.datastores.cli;

import io.datastores.api.Datastore;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.core.Datastores;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "check",
        description = {
            "Validate the configuration strictly, for CI pipelines: exit 3 when any of "
                    + "the named datastores (default: all) is invalid in this environment, listing every problem. Nothing connects."
        })
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Datastores to check; default: every one.")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
        try (Datastores datastores = main.load()) {
            List<Datastore> checked = names.isEmpty()
                    ? datastores.list()
                    : names.stream().map(datastores::get).toList();
            PrintWriter out = spec.commandLine().getOut();
            List<ConfigProblem> problems = new ArrayList<>();
            for (Datastore datastore : checked) {
                Status status = Status.of(datastores, datastore);
                out.println(datastore.name() + ": " + status.word());
                status.problems().forEach(p -> out.println("  - " + p.key() + ": " + p.message()));
                problems.addAll(status.problems());
            }
            // Highest precedence first, as the lookup goes.
            List<String> sources = new ArrayList<>(List.of("environment"));
            datastores.envFiles().forEach(file -> sources.add(1, file.toString()));
            out.println("variables: " + String.join(", then ", sources));
            if (problems.isEmpty()) {
                out.println(
                        "ok: " + checked.size() + (checked.size() == 1 ? " datastore" : " datastores") + " checked");
                return ExitCodes.OK;
            }
            long invalid =
                    problems.stream().map(ConfigProblem::datastore).distinct().count();
            spec.commandLine()
                    .getErr()
                    .println("error [INVALID_CONFIG] " + invalid + " of " + checked.size()
                            + " datastores cannot be used in this environment (" + problems.size()
                            + (problems.size() == 1 ? " problem" : " problems") + ")");
            return ExitCodes.INVALID_CONFIG;
        }
    }
}
