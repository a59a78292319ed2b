package io.datastores.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from {@code /proc}, so runs on a noisy machine compare by work done, not only wall time:
 * this JVM's own (with its waited-for children, such as psql) and every PostgreSQL process's. A
 * backend that exits is reaped by the postmaster, whose children's time then holds it, so the sum
 * over all {@code postgres} processes keeps counting it.
 */
final class CpuTime {
    // USER_HZ: 100 on every Linux architecture this runs on (sysconf(_SC_CLK_TCK)).
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CpuTime() {}

    /** @return this process's CPU time and that of its children it waited for, in nanoseconds */
    static long selfNanos() {
        return ticks(Path.of("/proc/self/stat")) * NANOS_PER_TICK;
    }

    /** @return the CPU time of every process named {@code postgres}, children included, in nanoseconds */
    static long postgresNanos() {
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        ticks += ticks(stat);
                    }
                } catch (IOException gone) {
                    // The process ended between listing and reading: its parent now holds its time.
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks * NANOS_PER_TICK;
    }

    private static long ticks(Path stat) {
        try {
            return ticks(Files.readString(stat));
        } catch (IOException e) {
            return -1;
        }
    }

    /** utime + stime + cutime + cstime: fields 14 to 17 of stat, counted after the command's ")". */
    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11])
                + Long.parseLong(fields[12])
                + Long.parseLong(fields[13])
                + Long.parseLong(fields[14]);
    }
}
