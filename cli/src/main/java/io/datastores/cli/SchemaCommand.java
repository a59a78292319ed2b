package io.datastores.cli;

import io.datastores.core.Datastores;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "schema",
        description = {
            "Print a JSON Schema of datastores.yaml for the installed providers, for "
                    + "editors: datastores schema > datastores.schema.json, then start the YAML with",
            "# yaml-language-server: $schema=./datastores.schema.json"
        })
final class SchemaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine()
                .getOut()
                .println(Output.json(
                        Datastores.configSchema(Datastores.installedProviders(SchemaCommand.class.getClassLoader()))));
        return ExitCodes.OK;
    }
}
