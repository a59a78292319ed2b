package io.datastores.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The physical limits: the databases' own command-line clients moving the same rows through a
 * file. Each runs under {@code /usr/bin/time} so its peak resident set is known.
 */
final class NativeTools {
    private static long peakRssKb = -1;

    private NativeTools() {}

    /** @return the largest peak resident set of any client run in this JVM, in KiB */
    static long peakRssKb() {
        return peakRssKb;
    }

    static void psql(String command) {
        run(
                "psql",
                List.of(
                        "psql",
                        "-X",
                        "-q",
                        "-v",
                        "ON_ERROR_STOP=1",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        "5432",
                        "-U",
                        "postgres",
                        "-d",
                        BenchmarkEnvironment.DATABASE,
                        "-c",
                        command));
    }

    static void mysql(String command) {
        run(
                "mysql",
                List.of(
                        "mysql",
                        "--local-infile=1",
                        "-h",
                        "127.0.0.1",
                        "-P",
                        "3306",
                        "-u",
                        "root",
                        BenchmarkEnvironment.DATABASE,
                        "-e",
                        command));
    }

    /**
     * Pipes one {@code psql} into another: the same pipelined shape as a copy between two
     * PostgreSQL connections, with both server backends and both clients sharing the CPUs.
     */
    static void psqlPipe(String copyOut, String copyIn) {
        String psql =
                "psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U postgres -d " + BenchmarkEnvironment.DATABASE;
        run(
                "psql",
                List.of(
                        "bash",
                        "-c",
                        "set -o pipefail; " + psql + " -c \"$0\" | " + psql + " -c \"$1\"",
                        copyOut,
                        copyIn));
    }

    /** Runs a query through the {@code mysql} client in batch mode, rows to {@code output}. */
    static void mysqlSelect(String query, Path output) {
        run(
                "mysql",
                List.of(
                        "sh",
                        "-c",
                        "exec mysql --quick --batch --skip-column-names -h 127.0.0.1 -P 3306" + " -u root "
                                + BenchmarkEnvironment.DATABASE + " -e \"$0\" > \"$1\"",
                        query,
                        output.toString()));
    }

    private static void run(String tool, List<String> command) {
        try {
            Path rss = Files.createTempFile("bench-rss", ".txt");
            Path log = Files.createTempFile("bench-" + tool, ".log");
            List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M", "-o", rss.toString()));
            timed.addAll(command);
            Process process = new ProcessBuilder(timed)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            int exit = process.waitFor();
            String output = Files.readString(log);
            String peak = Files.readString(rss).strip();
            Files.deleteIfExists(rss);
            Files.deleteIfExists(log);
            if (exit != 0) {
                throw new IllegalStateException(tool + " exited with " + exit + ": " + output + " " + peak);
            }
            String[] lines = peak.split("\n");
            peakRssKb = Math.max(peakRssKb, Long.parseLong(lines[lines.length - 1].strip()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
