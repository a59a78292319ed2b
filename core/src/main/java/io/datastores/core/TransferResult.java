package io.datastores.core;

/**
 * What a finished transfer did.
 *
 * @param plan the plan it followed
 * @param rows rows written
 * @param batches batches written
 * @param bytes Arrow bytes moved
 * @param elapsedMillis wall time from opening the source to the target's commit
 */
public record TransferResult(TransferPlan plan, long rows, long batches, long bytes, long elapsedMillis) {

    /** @return rows per second over the whole transfer */
    public double rowsPerSecond() {
        return elapsedMillis == 0 ? rows * 1000.0 : rows * 1000.0 / elapsedMillis;
    }
}
