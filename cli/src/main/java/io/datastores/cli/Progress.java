package io.datastores.cli;

import io.datastores.core.TransferProgress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows a long copy's progress on stderr: a line redrawn in place on a terminal, or a plain log
 * line every few seconds when the output goes to a file or a pipe.
 */
final class Progress {
    private static final long LOG_EVERY_MILLIS = 5_000;
    private static final long REDRAW_EVERY_MILLIS = 200;

    private final PrintWriter err;
    private final boolean terminal;
    private final long expectedRows;
    private final String label;
    private long lastShownMillis = -1;
    private TransferProgress last;

    private Progress(PrintWriter err, boolean terminal, long expectedRows, String label) {
        this.err = err;
        this.terminal = terminal;
        this.expectedRows = expectedRows;
        this.label = label;
    }

    /**
     * @param err where progress goes
     * @param terminal whether it is a terminal (redraw in place) or a file (log lines)
     * @param expectedRows the rows the copy will move, or a negative number when unknown (no ETA)
     * @param label what is moving: {@code copy}, or a table name during a sync
     */
    static Progress forConsole(PrintWriter err, boolean terminal, long expectedRows, String label) {
        return new Progress(err, terminal, expectedRows, label);
    }

    void update(TransferProgress progress) {
        last = progress;
        long every = terminal ? REDRAW_EVERY_MILLIS : LOG_EVERY_MILLIS;
        if (lastShownMillis >= 0 && progress.elapsedMillis() - lastShownMillis < every) {
            return;
        }
        lastShownMillis = progress.elapsedMillis();
        show(progress);
    }

    void finish() {
        if (terminal && last != null) {
            show(last);
            err.print('\n');
            err.flush();
        }
    }

    private void show(TransferProgress progress) {
        String line = String.format(
                Locale.ROOT,
                "%,d rows, %,.0f rows/s, %,.1f MiB, %.1f s",
                progress.rows(),
                progress.rowsPerSecond(),
                progress.bytes() / (1024.0 * 1024.0),
                progress.elapsedMillis() / 1000.0);
        if (expectedRows > 0 && progress.rowsPerSecond() > 0) {
            long left = Math.max(0, expectedRows - progress.rows());
            line += String.format(
                    Locale.ROOT,
                    " [%3.0f%%, ETA %.0f s]",
                    Math.min(100.0, 100.0 * progress.rows() / expectedRows),
                    left / progress.rowsPerSecond());
        }
        if (terminal) {
            err.print("\r\u001b[2K" + label + ": " + line);
        } else {
            err.println(label + ": " + line);
        }
        err.flush();
    }
}
