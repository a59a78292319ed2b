package io.datastores.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping of the provider benchmark mains (never tests): each path is run by the SDK and by a
 * hand-written loop, once as a warm-up and then {@code iterations} times, alternating which runs first;
 * the table prints the median rows/s of each and their ratio.
 */
public final class TestingBench {
    /** One run of a contender, or the untimed reset before it. */
    public interface Work {
        /**
         * @throws Exception any failure ends the benchmark
         */
        void run() throws Exception;
    }

    private final long rows;
    private final int iterations;
    private final Map<String, List<long[]>> times = new LinkedHashMap<>();

    /**
     * @param rows the rows each run moves (the runs check their own counts)
     * @param iterations measured runs after the one warm-up
     */
    public TestingBench(long rows, int iterations) {
        this.rows = rows;
        this.iterations = iterations;
    }

    /**
     * Runs one path: {@code reset} before every run (untimed), then the SDK and the loop.
     *
     * @param path the row's label in the table
     * @param reset untimed, before each run of either contender
     * @param sdk the SDK's run
     * @param loop the hand-written run
     * @throws Exception any failure
     */
    public void measure(String path, Work reset, Work sdk, Work loop) throws Exception {
        List<long[]> measured = new ArrayList<>();
        for (int i = 0; i <= iterations; i++) {
            long[] pair = new long[2];
            for (int turn = 0; turn < 2; turn++) {
                int who = (i + turn) % 2;
                reset.run();
                long start = System.nanoTime();
                (who == 0 ? sdk : loop).run();
                pair[who] = System.nanoTime() - start;
                System.err.printf(
                        "bench: %s, run %d, %s: %.1f s%n", path, i, who == 0 ? "SDK" : "loop", pair[who] / 1e9);
            }
            if (i > 0) {
                measured.add(pair);
            }
        }
        times.put(path, measured);
    }

    /**
     * @param title the line above the table
     * @return the markdown table of every path measured
     */
    public String table(String title) {
        StringBuilder out = new StringBuilder(title)
                .append(", median of ")
                .append(iterations)
                .append(" after one warm-up\n");
        out.append("| path | SDK rows/s | hand-written rows/s | SDK / hand-written |\n|---|---|---|---|\n");
        times.forEach((path, runs) -> {
            long sdk = median(runs, 0);
            long loop = median(runs, 1);
            out.append(String.format(
                    "| %s | %,.0f | %,.0f | %.2f× |%n",
                    path, rows / (sdk / 1e9), rows / (loop / 1e9), (double) loop / sdk));
        });
        return out.toString();
    }

    /**
     * @param expected the rows a run must have moved
     * @param actual the rows found
     */
    public static void check(long expected, long actual) {
        if (expected != actual) {
            throw new IllegalStateException("expected " + expected + " rows, found " + actual);
        }
    }

    private static long median(List<long[]> runs, int column) {
        return runs.stream().mapToLong(t -> t[column]).sorted().toArray()[runs.size() / 2];
    }
}
