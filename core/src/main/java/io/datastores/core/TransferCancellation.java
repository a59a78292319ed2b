package io.datastores.core;

import io.datastores.core.internal.BatchPipe;

/** Passes a cancel request to whichever pipe of a transfer is running, or to the next one attached. */
final class TransferCancellation {
    private volatile boolean cancelled;
    private volatile BatchPipe pipe;

    void cancel() {
        cancelled = true;
        BatchPipe running = pipe;
        if (running != null) {
            running.cancel("The transfer was cancelled");
        }
    }

    void attach(BatchPipe running) {
        pipe = running;
        if (cancelled) {
            running.cancel("The transfer was cancelled");
        }
    }
}
