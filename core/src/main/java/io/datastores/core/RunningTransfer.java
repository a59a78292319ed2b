package io.datastores.core;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** A transfer running on its own thread, as {@link Transfer#start()} returns it. */
public final class RunningTransfer {
    private final CompletableFuture<TransferResult> future;
    private final TransferCancellation cancellation;

    RunningTransfer(CompletableFuture<TransferResult> future, TransferCancellation cancellation) {
        this.future = future;
        this.cancellation = cancellation;
    }

    /** Stops the transfer; the target keeps what it had (the write rolls back). */
    public void cancel() {
        cancellation.cancel();
    }

    /** @return whether the transfer has finished, failed or been cancelled */
    public boolean isDone() {
        return future.isDone();
    }

    /**
     * Waits for the transfer to end.
     *
     * @return counts and timings
     * @throws DatastoreException how it failed; {@link ErrorCode#CANCELLED} when cancelled
     */
    public TransferResult await() {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
