package io.datastores.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command line in-process with captured output, as the CLI tests need it. */
final class TestingCli {
    /**
     * @param code the exit code
     * @param out what went to standard output
     * @param err what went to standard error
     */
    record Result(int code, String out, String err) {}

    private TestingCli() {}

    static Result run(Map<String, String> environment, Path workingDirectory, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine(environment, workingDirectory);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
