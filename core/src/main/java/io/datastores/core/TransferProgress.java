package io.datastores.core;

/**
 * How far a transfer has come, reported after each batch written.
 *
 * @param rows rows handed to the target so far
 * @param bytes Arrow bytes handed to the target so far
 * @param batches batches handed to the target so far
 * @param elapsedMillis time since the transfer started
 */
public record TransferProgress(long rows, long bytes, long batches, long elapsedMillis) {

    /** @return rows per second so far, or 0 before the first millisecond */
    public double rowsPerSecond() {
        return elapsedMillis == 0 ? 0 : rows * 1000.0 / elapsedMillis;
    }
}
